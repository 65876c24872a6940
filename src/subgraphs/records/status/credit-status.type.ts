import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
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
