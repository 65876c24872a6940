import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AppointmentPurpose } from '../../common/appointment-purpose';
import { SubmitOutcome } from '../../common/submission';
import { SubjectKind } from '../../common/subject-kind';

/**
 * The archives subgraph's view of Subject: known by id, extended with archive and accessLog.
 * The file needs the person's facts for its grant: the gateway brings them from the registry
 * with the reference (REQUIRES_PERSON), so reading a file does not look the person up again.
 */
@ObjectType('Subject')
@Directive('@key(fields: "id")')
export class PersonStub {
  @Field(() => ID, { description: 'Stable identifier in the hub.' })
  id!: string;

  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@external')
  codeKey?: string;

  @Field(() => SubjectKind, { description: 'Kind of subject.' })
  @Directive('@external')
  kind?: SubjectKind;

  @Field({ description: 'Administrative division code (GB/T 2260) of the subject’s jurisdiction.' })
  @Directive('@external')
  regionCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Internal: look-up key of the organization department managing this civil servant.',
  })
  @Directive('@external')
  managedByKey?: string | null;
}

/** What `Subject.archive` asks the registry for with each reference (the facts archiveGrant reads). */
export const REQUIRES_PERSON = '@requires(fields: "codeKey kind regionCode managedByKey")';

/**
 * A civil servant's integrity file as released to one reader for one purpose. The records
 * subgraph adds the dishonesty records naming the person (key `personKey`).
 */
@ObjectType('IntegrityArchive', {
  description: 'A civil servant’s integrity file (诚信档案), released for a stated purpose.',
})
@Directive('@key(fields: "personKey")')
export class IntegrityArchive {
  @Field({ description: 'Internal look-up key used between subgraphs.' })
  @Directive('@inaccessible')
  personKey!: string;

  @Field({ description: 'The purpose stated for this reading (logged).' })
  purpose!: string;

  personId!: string;
}

@ObjectType('AccessLogEntry', { description: 'One recorded release (or refusal) of protected data about a subject.' })
export class AccessLogEntryType {
  @Field(() => ID, { description: 'Position of the entry in the hash-chained log.' })
  id!: string;

  @Field({ description: 'When.' })
  occurredAt!: Date;

  @Field({ description: 'Client system (token subject) that asked.' })
  actorSub!: string;

  @Field({ description: 'Its role.' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'Its organization code.' })
  actorOrg!: string | null;

  @Field({ description: 'ARCHIVE, PERSON_CODE, PERSON_STANDING, RESTRICTED_RECORD or APPOINTMENT_CHECK.' })
  resource!: string;

  @Field(() => [String], { description: 'Fields or entry kinds released or asked for.' })
  fields!: string[];

  @Field(() => String, { nullable: true, description: 'Stated purpose (for a cadre check: its note).' })
  purpose!: string | null;

  @Field(() => AppointmentPurpose, {
    nullable: true,
    description: 'Typed purpose of a cadre check (appointmentCheck); null for other readings.',
  })
  purposeKind!: AppointmentPurpose | null;

  @Field({ description: 'GraphQL operation name.' })
  operation!: string;

  @Field({ description: 'GRANTED or DENIED.' })
  outcome!: string;
}

@ObjectType('ArchiveEntryResult', { description: 'What recordArchiveEntries did with one input item.' })
export class ArchiveEntryResult {
  @Field(() => Int, { description: 'Position in the input.' }) index!: number;
  @Field(() => SubmitOutcome, { description: 'CREATED, UPDATED (version + 1) or UNCHANGED.' }) outcome!: SubmitOutcome;
  @Field(() => ID, { description: 'Id of the entry in the hub.' }) entryId!: string;
}

@ObjectType('RecordArchiveEntriesPayload', { description: 'Outcome of a recordArchiveEntries batch, in input order.' })
export class RecordArchiveEntriesPayload {
  @Field(() => [ArchiveEntryResult], { description: 'One result per input item, in input order.' })
  results!: ArchiveEntryResult[];
  @Field(() => Int, { description: 'Entries created.' }) created!: number;
  @Field(() => Int, { description: 'Entries changed (version + 1).' }) updated!: number;
  @Field(() => Int, { description: 'Entries pushed again with the same content.' }) unchanged!: number;
}
