import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { SubmitOutcome } from '../enums';
import { Listing } from '../lists/listing.entity';
import { SubjectStub } from '../subject.stub';

@ObjectType('ScoreReason', { description: 'One line of the explanation of a score.' })
export class ScoreReason {
  @Field({ description: 'RECORD, LISTING or HONOR.' })
  kind!: string;

  @Field(() => ID, { description: 'Id of the record or listing.' })
  sourceId!: string;

  @Field(() => Float, { description: 'Points added (positive) or deducted (negative).' })
  points!: number;

  @Field({ description: 'Why, in words.' })
  explanation!: string;
}

@ObjectType('CreditStatus', {
  description:
    'Derived credit status of a subject, computed on request by the documented credit policy. An organization’s is computed over the records ' +
    'you may read; a civil servant’s is told only to those who may see the person’s standing (docs/credit-status.md).',
})
export class CreditStatus {
  @Field({ description: 'The code asked for, normalised.' })
  code!: string;

  @Field(() => SubjectStub, {
    nullable: true,
    description: 'The subject; null when the code is not registered, or withheld from you.',
  })
  @Directive('@provides(fields: "name")')
  subject!: SubjectStub | null;

  @Field(() => String, { nullable: true, description: 'Credit level (A best … D); null for an unregistered code.' })
  level!: string | null;

  @Field(() => Float, { nullable: true, description: 'Score under the credit policy; null for an unregistered code.' })
  score!: number | null;

  @Field(() => Int, {
    description: 'Dishonesty records that count today (active, not tolerated, not repaired, inside publicity).',
  })
  activeDishonestyCount!: number;

  @Field(() => Int, { description: 'Of those, the serious ones.' })
  seriousDishonestyCount!: number;

  @Field(() => [Listing], { description: 'Listings in force today.' })
  activeListings!: Listing[];

  @Field(() => [ScoreReason], {
    description: 'The deductions and additions behind the score that rest on records you may read, and the listings.',
  })
  reasons!: ScoreReason[];

  @Field(() => Int, {
    description:
      'Deductions and additions behind a civil servant’s standing that rest on records you may not read: counted, not cited. Always 0 for organizations.',
  })
  undisclosedReasonCount!: number;

  @Field({
    description:
      'True when the code is a resident ID number that is not answered to you (you may not look persons up by their full number, or no person has it): ' +
      'the answer is then the same whether or not the number is registered.',
  })
  withheld!: boolean;

  @Field(() => LocalDateResolver, { description: 'Date the status was computed for.' })
  asOf!: string;

  @Field({ description: 'Version of the credit policy used.' })
  policyVersion!: string;
}

@ObjectType('BlacklistResult', { description: 'Result of checking one code against the lists.' })
export class BlacklistResult {
  @Field({ description: 'The code as given, trimmed and upper-cased.' })
  code!: string;

  @Field({ description: 'Whether the code is a valid USCC or resident ID number.' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an invalid code is invalid.' })
  problem!: string | null;

  @Field({ description: 'Whether the subject is on any of the requested lists today (always false when withheld).' })
  listed!: boolean;

  @Field(() => SubjectStub, { nullable: true, description: 'The registered subject, if any and visible.' })
  @Directive('@provides(fields: "name")')
  subject!: SubjectStub | null;

  @Field(() => [Listing], { description: 'Listings in force today, of the requested types.' })
  listings!: Listing[];

  @Field({
    description:
      'True when the code is a resident ID number you may not look persons up by: nothing is answered about any person (listed false, no subject, ' +
      'no listings), the same row whether or not the number is registered or listed. False does not mean a person was found.',
  })
  withheld!: boolean;
}

@ObjectType('SubmitRecordResult', { description: 'What a push did with one input item.' })
export class SubmitRecordResult {
  @Field(() => Int, { description: 'Position in the input.' })
  index!: number;

  @Field({ description: 'The pushing system’s id for the record.' })
  externalId!: string;

  @Field(() => SubmitOutcome, { description: 'CREATED, UPDATED (version + 1) or UNCHANGED.' })
  outcome!: SubmitOutcome;

  @Field(() => ID, { description: 'Id of the record in the hub.' })
  recordId!: string;
}

@ObjectType('SubmitRecordsPayload', {
  description: 'Outcome of a submitRecords batch, one result per input item, in input order.',
})
export class SubmitRecordsPayload {
  @Field(() => [SubmitRecordResult])
  results!: SubmitRecordResult[];

  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
}
