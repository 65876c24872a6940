import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One transition of one workflow object (who, when, from → to, why). Written by the state
 * machine in the transaction that changes the state, so the history never disagrees with
 * the state. Append-only by convention: nothing updates or deletes events.
 */
@ObjectType('WorkflowEvent', {
  description: 'One step in the history of a workflow object: who moved it, when, from which state to which, and why.',
})
@Entity({ schema: 'records', tableName: 'workflow_event' })
@Index({ name: 'workflow_event_object_idx', properties: ['objectType', 'objectId'] })
export class WorkflowEvent {
  [OptionalProps]?: 'at';

  @Field(() => ID, { description: 'Stable identifier of the event.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field({ description: 'Kind of object (COMMITMENT, OBJECTION, REPAIR, CREDIT_RECORD).' })
  @Property({ type: 'text' })
  objectType!: string;

  @Field(() => ID, { description: 'Id of the object.' })
  @Property({ type: new BigIntType('string') })
  objectId!: string;

  @Field(() => String, { nullable: true, description: 'State before the step; null when the object was created.' })
  @Property({ type: 'text', nullable: true })
  fromState?: string | null;

  @Field({ description: 'State after the step.' })
  @Property({ type: 'text' })
  toState!: string;

  @Field({ description: 'Registered client system (its client id) that made the step.' })
  @Property({ type: 'text' })
  actorSub!: string;

  @Field({ description: 'Role of that client system.' })
  @Property({ type: 'text' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'Reason or note given with the step.' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field({ description: 'When the step was recorded.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();
}
