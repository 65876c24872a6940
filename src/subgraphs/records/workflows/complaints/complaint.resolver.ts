import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../../../common/connection';
import { allOf, oneOf, when } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { Disclosure, RecordCategory, RecordDomain, Severity } from '../../enums';
import { SubjectStub, subjectStub } from '../../subject.stub';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { Complaint, ComplaintReceipt, ComplaintState } from './complaint.entity';
import { ComplaintService } from './complaint.service';
import { ComplaintIntake, reporterKey } from './complaint-intake';
import { ComplaintFollowUp, followUp } from './receipt';

const { ConnectionType } = Connection(Complaint, 'Complaint');
@ObjectType('ComplaintConnection', { description: 'A page of complaints, newest first.' })
export class ComplaintConnection extends ConnectionType {}

@InputType({ description: 'A complaint or report about a government subject.' })
export class ComplaintInput {
  @Field({ description: 'USCC (or ID number) of the registered subject the complaint is about.' }) subjectCode!: string;
  @Field({ description: 'Short title (at most 200 characters).' }) title!: string;
  @Field({ description: 'What happened (at most 5000 characters).' }) content!: string;
  @Field(() => String, { nullable: true, description: 'How to reach you (optional; seen by the credit office only).' })
  reporterContact?: string | null;
}

@InputType({ description: 'The dishonesty record to make from a verified complaint.' })
export class ComplaintRecordInput {
  @Field(() => RecordCategory, { description: 'Category of the record (not COMMENDATION).' }) category!: RecordCategory;
  @Field(() => RecordDomain, { defaultValue: RecordDomain.GENERAL, description: 'Domain.' }) domain!: RecordDomain;
  @Field(() => Severity, { defaultValue: Severity.GENERAL, description: 'Severity.' }) severity!: Severity;
  @Field(() => Disclosure, {
    defaultValue: Disclosure.GOVERNMENT,
    description: 'Disclosure (default GOVERNMENT: the report may identify its author).',
  })
  disclosure!: Disclosure;
  @Field(() => String, { nullable: true, description: 'Title of the record (default: the complaint title).' }) title?:
    string | null;
}

const service = (ctx: RecordsContext) =>
  new ComplaintService(
    ctx.em,
    ctx.viewer,
    ctx.records.today,
    ctx.records.policy,
    ctx.records.directory,
    ctx.records.evaluation,
  );
const intake = (ctx: RecordsContext) =>
  new ComplaintIntake(
    ctx.em,
    ctx.viewer,
    reporterKey(ctx.viewer, ctx.addressKey, ctx.records.selfKey),
    ctx.records.today,
    ctx.records.policy,
    ctx.records.directory,
  );
const ANSWER = {
  nullable: true,
  description: 'Answer released to the reporter (read with the receipt); omitted: the one released before stays.',
} as const;
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.complaints.byIds([id]))[0] ?? null;

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, {
    nullable: true,
    description:
      'Complaints visible to you (credit office: its jurisdiction; a handling unit: those assigned to it), newest first.',
  })
  async complaints(
    @Ctx() ctx: RecordsContext,
    @Arg('states', () => [ComplaintState], { nullable: true, description: 'Only these states.' })
    states?: ComplaintState[],
    @Arg('overdueOnly', () => Boolean, {
      defaultValue: false,
      description: 'Only SUBMITTED or ASSIGNED complaints past their due date.',
    })
    overdueOnly?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<ComplaintConnection> {
    const where = allOf(
      oneOf('t.state', states),
      when(overdueOnly, `t.state IN ('SUBMITTED', 'ASSIGNED') AND t.due_on < ?::date`, ctx.records.today),
    );
    const { nodes, hasNextPage } = await ctx.workflows.complaints.page(where, pageSize(first), decodeCursor(after));
    return toConnection(ComplaintConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.complaints.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => ComplaintReceipt, {
    description:
      'Reports government dishonesty (anyone, PUBLIC included; capped per reporter and per subject and day). The receipt token in the answer is the only way to follow the complaint.',
  })
  async reportComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => ComplaintInput) input: ComplaintInput,
  ): Promise<ComplaintReceipt> {
    const { id, dueOn, receiptToken } = await intake(ctx).report(input);
    return { id, dueOn, receiptToken, state: ComplaintState.SUBMITTED };
  }

  @Query(() => ComplaintFollowUp, {
    nullable: true,
    description:
      'The complaint a receipt token names: its state, due date and the answer released to the reporter. Null for an unknown, wrong or expired token (policy complaintReceiptDays).',
  })
  complaintByReceipt(
    @Ctx() ctx: RecordsContext,
    @Arg('receiptToken', { description: 'The token reportComplaint returned.' }) receiptToken: string,
  ): Promise<ComplaintFollowUp | null> {
    const { today, policy } = ctx.records;
    return followUp(ctx.em, receiptToken, today, policy.workflows.complaintReceiptDays);
  }

  @Mutation(() => Complaint, {
    nullable: true,
    description: 'Assigns the complaint to a handling unit (SUBMITTED → ASSIGNED).',
  })
  async assignComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('handlingUnitCode', { description: 'USCC of the registered government unit that verifies it.' })
    handlingUnitCode: string,
    @Arg('note', () => String, { nullable: true, description: 'Instructions.' }) note?: string | null,
  ) {
    return load(ctx, await service(ctx).assign(id, handlingUnitCode, note));
  }

  @Mutation(() => Complaint, { nullable: true, description: 'The facts are confirmed (ASSIGNED → VERIFIED).' })
  async verifyComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('finding', { description: 'What the verification found.' }) finding: string,
    @Arg('answerToReporter', () => String, ANSWER) answerToReporter?: string | null,
  ) {
    return load(ctx, await service(ctx).verify(id, finding, answerToReporter));
  }

  @Mutation(() => Complaint, { nullable: true, description: 'The facts are not confirmed (ASSIGNED → REJECTED).' })
  async rejectComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('finding', { description: 'Why it is rejected.' }) finding: string,
    @Arg('answerToReporter', () => String, ANSWER) answerToReporter?: string | null,
  ) {
    return load(ctx, await service(ctx).reject(id, finding, answerToReporter));
  }

  @Mutation(() => Complaint, {
    nullable: true,
    description: 'Closes a verified or rejected complaint with the answer (→ CLOSED).',
  })
  async closeComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', { description: 'The answer given.' }) note: string,
    @Arg('answerToReporter', () => String, ANSWER) answerToReporter?: string | null,
  ) {
    return load(ctx, await service(ctx).close(id, note, answerToReporter));
  }

  @Mutation(() => Complaint, {
    nullable: true,
    description:
      'Turns a VERIFIED complaint into one dishonesty record on its subject, in one transaction; a retry returns the same record.',
  })
  async recordFromComplaint(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ComplaintRecordInput) input: ComplaintRecordInput,
  ) {
    return load(ctx, await service(ctx).toRecord(id, input));
  }

  @FieldResolver(() => SubjectStub, { description: 'The subject the complaint is about.' })
  subject(@Root() complaint: Complaint): SubjectStub {
    return subjectStub(complaint.subjectKey);
  }

  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The record made from the complaint, as far as you may see it.',
  })
  record(@Root() complaint: Complaint, @Ctx() ctx: RecordsContext) {
    return complaint.recordId ? ctx.records.loaders.recordById.load(String(complaint.recordId)) : null;
  }

  @FieldResolver(() => Boolean, { description: 'SUBMITTED or ASSIGNED and past its due date.' })
  overdue(@Root() complaint: Complaint, @Ctx() ctx: RecordsContext): boolean {
    return (
      (complaint.state === ComplaintState.SUBMITTED || complaint.state === ComplaintState.ASSIGNED) &&
      complaint.dueOn < ctx.records.today
    );
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the complaint, oldest first.' })
  history(@Root() complaint: Complaint, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.COMPLAINT}:${complaint.id}`);
  }
}
