import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What a platform did with a checked bidder (reportInterceptions). */
export enum InterceptionAction {
  EXCLUDED = 'EXCLUDED',
  ADMITTED_WITH_REASON = 'ADMITTED_WITH_REASON',
  ADMITTED = 'ADMITTED',
}
registerEnumType(InterceptionAction, {
  name: 'InterceptionAction',
  description: 'What the platform did with a checked bidder (自动监督).',
  valuesConfig: {
    EXCLUDED: { description: '拦截: excluded from the procedure.' },
    ADMITTED_WITH_REASON: { description: '说明理由后接纳: admitted, with the reason (required).' },
    ADMITTED: { description: '接纳: admitted.' },
  },
});

@InputType('InterceptionReportItem', { description: 'What the platform did with one code of one blacklistCheck.' })
export class InterceptionReportItem {
  @Field({ description: 'The code as checked (USCC or resident ID number).' }) code!: string;
  @Field(() => ID, { description: 'BlacklistResult.checkId of the check that answered for this code.' })
  checkId!: string;
  @Field(() => InterceptionAction, { description: 'What the platform did with the bidder.' })
  action!: InterceptionAction;
  @Field(() => String, {
    nullable: true,
    description: 'Why the bidder was admitted (required for ADMITTED_WITH_REASON; at most 500 characters).',
  })
  reason?: string | null;
}

@ObjectType('InterceptionReportResult', { description: 'What reportInterceptions recorded.' })
export class InterceptionReportResult {
  @Field(() => Int, { description: 'Items recorded now.' }) recorded!: number;
  @Field(() => Int, { description: 'Items reported before exactly so (a retry): nothing new was written.' })
  unchanged!: number;
  @Field(() => Int, { description: 'INTERCEPTION_OVERRIDDEN warnings raised (admissions of BLOCK decisions).' })
  warningsRaised!: number;
}

@ObjectType('InterceptionOverride', { description: 'A bidder admitted although its check decided BLOCK.' })
export class InterceptionOverride {
  @Field(() => ID, { description: 'The check (BlacklistResult.checkId) the admission was reported on.' })
  checkId!: string;
  @Field({ description: 'The project number (项目编号) reported.' }) projectNo!: string;
  @Field(() => String, { nullable: true, description: 'The lot (标段/包) reported, if any.' }) lot!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The organization’s code (USCC, public); null for a natural person (never the number).',
  })
  subjectCode!: string | null;
  @Field(() => String, { nullable: true, description: 'The interception rule that decided BLOCK.' })
  ruleId!: string | null;
  @Field(() => InterceptionAction, { description: 'ADMITTED or ADMITTED_WITH_REASON.' }) action!: InterceptionAction;
  @Field(() => String, { nullable: true, description: 'The reason the platform gave; null when it gave none.' })
  reason!: string | null;
  @Field({ description: 'When the platform reported it (ISO 8601).' }) reportedAt!: string;
}

@ObjectType('InterceptionLedgerRow', {
  description:
    '自动监督台账, one platform and month (hub time zone): the checks it made, the decisions, what it reported it did.',
})
export class InterceptionLedgerRow {
  @Field({ description: 'The checking platform (client id of the registered system).' }) platform!: string;
  @Field({ description: 'YYYY-MM.' }) month!: string;
  @Field(() => Int, { description: 'Codes checked (valid codes; one per row of each blacklistCheck).' })
  checks!: number;
  @Field(() => Int, { description: 'Checks decided BLOCK.' }) blocked!: number;
  @Field(() => Int, { description: 'Checks decided WARN.' }) warned!: number;
  @Field(() => Int, { description: 'Reported EXCLUDED.' }) excluded!: number;
  @Field(() => Int, { description: 'Reported admitted (with or without reason) although decided BLOCK.' })
  admittedDespiteBlock!: number;
  @Field(() => Int, { description: 'Checks never reported back.' }) unreported!: number;
  @Field(() => Int, { description: 'BLOCK decisions never reported back.' }) unreportedBlocks!: number;
  @Field(() => [InterceptionOverride], { description: 'The admissions despite BLOCK, with their reasons.' })
  overrides!: InterceptionOverride[];
}
