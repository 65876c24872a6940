import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { CheckContext, CheckDecision } from '../policy/interception';
import { DepositRelief, InterceptionRuleType } from '../lists/interception.type';
import { Listing } from '../lists/listing.entity';
import { SubjectStub } from '../subject.stub';

@ObjectType('CreditReview', {
  description:
    'One subject’s credit review for approval, funding, honours or procurement (creditReview; docs/interception.md). Counted over the records you may ' +
    'read (a civil servant’s over all of them, for those who may see the person’s standing), with the interception policy’s decision for the context.',
})
export class CreditReview {
  @Field({ description: 'The code as given, trimmed and upper-cased.' })
  code!: string;

  @Field({ description: 'Whether the code is a valid USCC or resident ID number.' })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an invalid code is invalid.' })
  problem!: string | null;

  @Field({
    description:
      'True when the code is a resident ID number not answered to you: the row is then the one of an unregistered number, whether or not it is registered.',
  })
  withheld!: boolean;

  @Field({ description: 'Whether a registered subject was found (and may be confirmed to you).' })
  registered!: boolean;

  @Field(() => SubjectStub, { nullable: true, description: 'The registered subject, if any and visible.' })
  @Directive('@provides(fields: "name")')
  subject!: SubjectStub | null;

  @Field(() => String, {
    nullable: true,
    description: 'Credit level under the credit policy; null when not registered.',
  })
  level!: string | null;

  @Field(() => Float, { nullable: true, description: 'Score under the credit policy; null when not registered.' })
  score!: number | null;

  @Field(() => Int, { description: 'Serious dishonesty records in force (that count today).' })
  seriousRecordCount!: number;

  @Field(() => Int, { description: 'General dishonesty records in force.' })
  generalRecordCount!: number;

  /** Ids of the counting dishonesty records the caller may read (CreditReview.records). */
  recordIds!: string[];

  @Field(() => [Listing], { description: 'Listings in force today, of every list type.' })
  listings!: Listing[];

  @Field(() => Int, {
    description: 'Joint measures (联动奖惩) in force against the subject, on findings you may read.',
  })
  activeMeasureCount!: number;

  @Field(() => Int, { description: 'Commitments (信用承诺) declared breached, whose breach record you may read.' })
  breachedCommitmentCount!: number;

  @Field(() => CheckContext, { description: 'The context reviewed for.' })
  context!: CheckContext;

  @Field(() => CheckDecision, { description: 'The interception policy’s decision for the context.' })
  decision!: CheckDecision;

  @Field(() => InterceptionRuleType, { description: 'The rule that decided.' })
  rule!: InterceptionRuleType;

  @Field(() => DepositRelief, {
    nullable: true,
    description: '信易购 performance deposit relief; only in context PROCUREMENT and for a subject with a level.',
  })
  depositRelief!: DepositRelief | null;

  @Field(() => LocalDateResolver, { description: 'Date of the review.' })
  asOf!: string;

  @Field({ description: 'Versions of the credit policy and of the interception policy used.' })
  policyVersion!: string;
}
