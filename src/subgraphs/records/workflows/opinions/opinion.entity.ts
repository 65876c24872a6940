import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { AppointmentPurpose } from '../../../../common/appointment-purpose';

/** 征求廉政意见: REQUESTED → ANSWERED (discipline inspection's opinion) | WITHDRAWN (by the requester). */
export enum OpinionState {
  REQUESTED = 'REQUESTED',
  ANSWERED = 'ANSWERED',
  WITHDRAWN = 'WITHDRAWN',
}
/** What discipline inspection answers on one person. */
export enum OpinionVerdict {
  NO_OBJECTION = 'NO_OBJECTION',
  CONCERNS = 'CONCERNS',
  UNDER_INVESTIGATION = 'UNDER_INVESTIGATION',
}
registerEnumType(OpinionState, {
  name: 'OpinionState',
  description:
    'REQUESTED (awaiting discipline inspection, overdue after dueOn), ANSWERED (the opinion is given and in the person’s file), WITHDRAWN (the requesting department no longer needs it).',
});
registerEnumType(OpinionVerdict, {
  name: 'OpinionVerdict',
  description: 'The clean-government opinion (廉政意见) of discipline inspection on one person.',
  valuesConfig: {
    NO_OBJECTION: { description: '无不同意见: nothing stands against the intended decision.' },
    CONCERNS: { description: '有廉政问题: concerns, stated in the opinion’s text.' },
    UNDER_INVESTIGATION: {
      description: '正在接受审查调查: the person is under investigation; the decision should wait.',
    },
  },
});

/**
 * One request for a clean-government opinion (征求党风廉政意见) on one person, made by an
 * organization department and answered by discipline inspection of the person's jurisdiction.
 * The person's division, the requesting department and its region are copied at the request so
 * the finders need no join. At most one REQUESTED per (person, department, purpose): a repeated
 * request returns the open one. Overdue is computed on read from dueOn; the warning is
 * monitoring's (OPINION_OVERDUE).
 */
@ObjectType('IntegrityOpinion', {
  description:
    'A request for a clean-government opinion (征求廉政意见) on one person and, once given, discipline inspection’s answer.',
})
@Entity({ schema: 'records', tableName: 'integrity_opinion' })
@Index({ name: 'integrity_opinion_person_idx', properties: ['personKey', 'state'] })
@Index({ name: 'integrity_opinion_requester_idx', properties: ['requesterKey', 'state'] })
@Index({
  name: 'integrity_opinion_open_one',
  expression: `create unique index "integrity_opinion_open_one" on "records"."integrity_opinion" ("person_key", "requester_key", "purpose") where "state" = 'REQUESTED'`,
})
export class IntegrityOpinion {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'state';

  @Field(() => ID, { description: 'Stable identifier of the request.' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  personKey!: string;

  /** Division code of the person: discipline inspection of this jurisdiction answers. */
  @Property({ type: 'string', columnType: 'varchar(6)' })
  personRegion!: string;

  /** Look-up key of the requesting organization department (token `org`). */
  @Property({ type: 'text' })
  requesterKey!: string;

  @Property({ type: 'string', columnType: 'varchar(6)' })
  requesterRegion!: string;

  @Field(() => AppointmentPurpose, { description: 'The cadre decision the opinion is asked for.' })
  @Enum({ items: () => AppointmentPurpose, type: 'text' })
  purpose!: AppointmentPurpose;

  @Field(() => String, {
    nullable: true,
    description: 'Note of the requesting department (the post, the round): for the same readers as the text.',
  })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => LocalDateResolver, { description: 'Date by which the opinion is to be given.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => OpinionState, { description: 'Where the request stands.' })
  @Enum({ items: () => OpinionState, type: 'text', default: OpinionState.REQUESTED })
  state: OpinionState = OpinionState.REQUESTED;

  @Field(() => OpinionVerdict, { nullable: true, description: 'The opinion given; null until ANSWERED.' })
  @Enum({ items: () => OpinionVerdict, type: 'text', nullable: true })
  verdict?: OpinionVerdict | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Text of the opinion (required with CONCERNS): for the requesting and the managing organization department and discipline inspection of the jurisdiction only.',
  })
  @Property({ type: 'text', nullable: true })
  text?: string | null;

  @Field({ description: 'Client system that asked.' })
  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'text' })
  requesterRole!: string;

  @Field(() => String, { nullable: true, description: 'Client system of discipline inspection that answered.' })
  @Property({ type: 'text', nullable: true })
  answeredBy?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date the opinion was given.' })
  @Property({ type: 'date', nullable: true })
  answeredOn?: string | null;

  @Field({ description: 'When the opinion was asked for.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field({ description: 'When it last changed state.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
