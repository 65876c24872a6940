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
import { pgArray } from '../../../../db/sql';
import type { RecordsContext } from '../../context';
import { CreditRecord } from '../../findings/credit-record.entity';
import { Listing } from '../../lists/listing.entity';
import { WorkflowEvent } from '../../lifecycle/workflow-event.entity';
import { WorkflowObjectType } from '../../lifecycle/state-machine';
import { RepairApplication, RepairState } from './repair.entity';
import { RepairService } from './repair.service';

const { ConnectionType } = Connection(RepairApplication, 'RepairApplication');
@ObjectType('RepairApplicationConnection', { description: 'A page of repair applications, newest first.' })
export class RepairApplicationConnection extends ConnectionType {}

@InputType({ description: 'An application for credit repair.' })
export class RepairApplicationInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The dishonesty record to repair (yours, or in your jurisdiction for the credit office). Give this or listingId.',
  })
  recordId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The listing to end early (移出名单), after the minimum publicity period of serious dishonesty from its first day. Give this or recordId.',
  })
  listingId?: string | null;

  @Field({ description: 'Rectification evidence: what was done, with references to documents (整改材料).' })
  evidence!: string;
}

const service = (ctx: RecordsContext) =>
  new RepairService(
    ctx.em,
    ctx.viewer,
    ctx.records.selfKey,
    ctx.records.today,
    ctx.records.policy,
    ctx.records.directory,
  );
const load = async (ctx: RecordsContext, id: string) => (await ctx.workflows.repairs.byIds([id]))[0] ?? null;

@Resolver(() => RepairApplication)
export class RepairResolver {
  @Query(() => RepairApplicationConnection, {
    nullable: true,
    description:
      'Repair applications visible to you (the subject: its own; the credit office: its jurisdiction), newest first.',
  })
  async repairApplications(
    @Ctx() ctx: RecordsContext,
    @Arg('states', () => [RepairState], { nullable: true, description: 'Only these states.' }) states?: RepairState[],
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 50, at most 200).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<RepairApplicationConnection> {
    const where = states?.length
      ? { sql: 't.state = ANY(?::text[])', params: [pgArray(states)] }
      : { sql: 'true', params: [] };
    const { nodes, hasNextPage } = await ctx.workflows.repairs.page(where, pageSize(first), decodeCursor(after));
    return toConnection(RepairApplicationConnection, {
      nodes,
      hasNextPage,
      totalCount: () => ctx.workflows.repairs.count(where),
      cursorOf: (n) => encodeCursor(n.id),
    });
  }

  @Mutation(() => RepairApplication, {
    nullable: true,
    description: 'Applies for credit repair of a dishonesty record or a listing after its minimum publicity period.',
  })
  async applyForRepair(
    @Ctx() ctx: RecordsContext,
    @Arg('input', () => RepairApplicationInput) input: RepairApplicationInput,
  ) {
    return load(ctx, await service(ctx).apply(input, input.evidence));
  }

  @Mutation(() => RepairApplication, {
    nullable: true,
    description:
      'Approves a repair: a record becomes REPAIRED and leaves public views, status and listings; a listing ends.',
  })
  async approveRepair(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why the repair is granted.' }) reason: string,
  ) {
    return load(ctx, await service(ctx).approve(id, reason));
  }

  @Mutation(() => RepairApplication, { nullable: true, description: 'Rejects a repair application, with reasons.' })
  async rejectRepair(
    @Ctx() ctx: RecordsContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why the repair is refused.' }) reason: string,
  ) {
    return load(ctx, await service(ctx).reject(id, reason));
  }

  @FieldResolver(() => CreditRecord, {
    nullable: true,
    description: 'The record, as far as you may see it (null for a listing repair).',
  })
  record(@Root() application: RepairApplication, @Ctx() ctx: RecordsContext) {
    return application.recordId ? ctx.records.loaders.recordById.load(String(application.recordId)) : null;
  }

  @FieldResolver(() => Listing, {
    nullable: true,
    description: 'The listing, as far as you may see it (null for a record repair).',
  })
  listing(@Root() application: RepairApplication, @Ctx() ctx: RecordsContext) {
    return application.listingId ? ctx.records.loaders.listingById.load(String(application.listingId)) : null;
  }

  @FieldResolver(() => Boolean, { description: 'SUBMITTED and past its decision date.' })
  overdue(@Root() application: RepairApplication, @Ctx() ctx: RecordsContext): boolean {
    return application.state === RepairState.SUBMITTED && application.dueOn < ctx.records.today;
  }

  @FieldResolver(() => [WorkflowEvent], { description: 'Every step of the application, oldest first.' })
  history(@Root() application: RepairApplication, @Ctx() ctx: RecordsContext) {
    return ctx.workflows.events.load(`${WorkflowObjectType.REPAIR}:${application.id}`);
  }
}
