import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { registerEnumType } from 'type-graphql';
import { NotFoundError } from '../../../common/errors';
import type { RecordsContext } from '../context';
import { checkId, noSuchObject, WorkflowObjectType } from './state-machine';
import { WorkflowEvent } from './workflow-event.entity';

registerEnumType(WorkflowObjectType, {
  name: 'WorkflowObjectType',
  description: 'Kind of workflow object whose history is asked for.',
});

/** Whether the caller may see the object: the same finders as the object's own queries. */
const VISIBLE: Record<WorkflowObjectType, (ctx: RecordsContext, id: string) => Promise<unknown[]>> = {
  [WorkflowObjectType.COMMITMENT]: (ctx, id) => ctx.workflows.commitments.byIds([id]),
  [WorkflowObjectType.OBJECTION]: (ctx, id) => ctx.workflows.objections.byIds([id]),
  [WorkflowObjectType.REPAIR]: (ctx, id) => ctx.workflows.repairs.byIds([id]),
  [WorkflowObjectType.CREDIT_RECORD]: (ctx, id) => ctx.records.repository.byIds([id]),
  [WorkflowObjectType.JOINT_MEASURE]: (ctx, id) => ctx.workflows.measures.byIds([id]),
  [WorkflowObjectType.COMPLAINT]: (ctx, id) => ctx.workflows.complaints.byIds([id]),
  [WorkflowObjectType.GOVERNMENT_CASE]: (ctx, id) => ctx.workflows.cases.byIds([id]),
  [WorkflowObjectType.EARLY_WARNING]: (ctx, id) => ctx.monitoring.warnings.byIds([id]),
  [WorkflowObjectType.INTEGRITY_OPINION]: (ctx, id) => ctx.workflows.opinions.byIds([id]),
};

@Resolver()
export class WorkflowHistoryResolver {
  @Query(() => [WorkflowEvent], {
    description: 'Every step of one workflow object, oldest first. An object you may not see is NOT_FOUND.',
  })
  async workflowHistory(
    @Ctx() ctx: RecordsContext,
    @Arg('objectType', () => WorkflowObjectType, { description: 'Kind of object.' }) objectType: WorkflowObjectType,
    @Arg('id', () => ID, { description: 'Its id.' }) id: string,
  ): Promise<WorkflowEvent[]> {
    checkId(id);
    if ((await VISIBLE[objectType](ctx, id)).length === 0) throw new NotFoundError(noSuchObject(objectType, id, true));
    return ctx.workflows.events.load(`${objectType}:${id}`);
  }
}
