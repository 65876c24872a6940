import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SubjectStub } from '../subject.stub';
import { CheckContext, CheckDecision } from '../policy/interception';
import { InterceptionRuleType, RepresentativeCheck } from './interception.type';
import { Listing } from './listing.entity';

@ObjectType('BlacklistResult', { description: 'Result of checking one code against the lists.' })
export class BlacklistResult {
  @Field({ description: 'The code as given, trimmed and upper-cased.' })
  code!: string;

  @Field({ description: 'Whether the code is a valid USCC or resident ID number.' })
  valid!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Why an invalid code is invalid: which check failed for the kind it was read as, and why that kind (简体中文 by default, English for `Accept-Language: en`).',
  })
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

  @Field(() => ID, {
    description:
      'The id of this check (the same on every row of one call): report what you did with each bidder with reportInterceptions.',
  })
  checkId!: string;

  /** The look-up key checked and the subject's division, for the check log (not a field: never answered). */
  checkedKey!: string | null;
  checkedRegion!: string | null;
  @Field(() => CheckContext, { description: 'The context the decision is for.' })
  context!: CheckContext;

  @Field(() => CheckDecision, {
    description:
      'The interception policy’s decision for the context: the heavier of the bidder’s and its legal representative’s. It rests on every list in force, ' +
      'whatever listTypes asked, and on the records you may read (docs/interception.md).',
  })
  decision!: CheckDecision;

  @Field(() => InterceptionRuleType, {
    description: 'The rule that decided (for PASS: the clean or unregistered rule).',
  })
  rule!: InterceptionRuleType;

  @Field(() => RepresentativeCheck, {
    nullable: true,
    description: 'The legal representative’s check, when legalRepresentatives gave a number for this row.',
  })
  legalRepresentative!: RepresentativeCheck | null;
}
