import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../../common/connection';
import { AppointmentPurpose } from '../../common/appointment-purpose';
import { InputError } from '../../common/errors';
import { SubmitOutcome } from '../../common/submission';
import { ArchiveEntry } from './archive-entry.entity';
import { ArchiveEntryInput } from './archive.input';
import { ArchiveRecording, MAX_ARCHIVE_BATCH } from './archive.service';
import {
  AccessLogEntryType,
  ArchiveEntryResult,
  IntegrityArchive,
  PersonStub,
  RecordArchiveEntriesPayload,
  REQUIRES_PERSON,
} from './archive.types';
import { referencedPerson } from './grants';
import type { ArchivesContext } from './context';
import { ArchiveEntryKind } from './enums';
import { checkPurpose } from './rules';
import { bilingual } from '../../common/language';

const { ConnectionType } = Connection(AccessLogEntryType, 'AccessLogEntry');
@ObjectType('AccessLogEntryConnection', { description: 'A page of access-log entries, newest first.' })
export class AccessLogEntryConnection extends ConnectionType {}

@Resolver(() => PersonStub)
export class PersonArchiveResolver {
  @FieldResolver(() => IntegrityArchive, {
    nullable: true,
    description: 'The integrity file, for a stated purpose (logged). Null for subjects that are not civil servants.',
  })
  @Directive(REQUIRES_PERSON)
  async archive(
    @Root() subject: PersonStub,
    @Ctx() ctx: ArchivesContext,
    @Arg('purpose', { description: 'Why the file is read, in words (logged).' }) purpose: string,
    @Arg('purposeKind', () => AppointmentPurpose, {
      nullable: true,
      description: 'For a cadre decision, which one (logged beside the purpose, like appointmentCheck).',
    })
    _purposeKind?: AppointmentPurpose | null,
  ): Promise<IntegrityArchive | null> {
    const access = await ctx.archives.grants.of(subject.id, referencedPerson(subject));
    if (!access?.grant) return null;
    return Object.assign(new IntegrityArchive(), {
      personKey: access.person.key,
      personId: access.person.id,
      purpose: checkPurpose(purpose),
    });
  }

  @FieldResolver(() => AccessLogEntryConnection, {
    nullable: true,
    description: 'Who read this subject’s protected data, when and why.',
  })
  async accessLog(
    @Root() subject: PersonStub,
    @Ctx() ctx: ArchivesContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AccessLogEntryConnection | null> {
    const person = await ctx.archives.persons.load(subject.id);
    if (!person) return null;
    const { rows, hasNextPage } = await ctx.archives
      .accessLogPages({ first: pageSize(first), beforeId: decodeCursor(after) })
      .load(person.key);
    return toConnection(AccessLogEntryConnection, {
      nodes: rows.map((row) =>
        Object.assign(new AccessLogEntryType(), {
          id: row.id,
          occurredAt: new Date(row.occurred_at),
          actorSub: row.actor_sub,
          actorRole: row.actor_role,
          actorOrg: row.actor_org,
          resource: row.resource,
          fields: row.fields,
          purpose: row.purpose,
          purposeKind: row.purpose_kind as AppointmentPurpose | null,
          operation: row.operation,
          outcome: row.outcome,
        }),
      ),
      hasNextPage,
      totalCount: () => ctx.archives.accessLogCounts.load(person.key),
      cursorOf: (node) => encodeCursor(node.id),
    });
  }

  @Mutation(() => RecordArchiveEntriesPayload, {
    description: `Records integrity-file entries, all or nothing, at most ${MAX_ARCHIVE_BATCH} per call; idempotent on (your system, externalId).`,
  })
  async recordArchiveEntries(
    @Ctx() ctx: ArchivesContext,
    @Arg('input', () => [ArchiveEntryInput]) input: ArchiveEntryInput[],
  ): Promise<RecordArchiveEntriesPayload> {
    const results = await new ArchiveRecording(
      ctx.em,
      ctx.archives.directory,
      ctx.services.keys,
      ctx.archives.today,
    ).record(ctx.viewer, input);
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return Object.assign(new RecordArchiveEntriesPayload(), {
      results: results.map((r) =>
        Object.assign(new ArchiveEntryResult(), { index: r.index, outcome: r.outcome as SubmitOutcome, entryId: r.id }),
      ),
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
    });
  }
}

@Resolver(() => IntegrityArchive)
export class IntegrityArchiveResolver {
  @FieldResolver(() => [ArchiveEntry], {
    description: 'Entries of the file, newest first, filtered by kind and years.',
  })
  async entries(
    @Root() archive: IntegrityArchive,
    @Ctx() ctx: ArchivesContext,
    @Arg('kinds', () => [ArchiveEntryKind], { nullable: true }) kinds?: ArchiveEntryKind[],
    @Arg('fromYear', () => Int, { nullable: true }) fromYear?: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number,
  ): Promise<ArchiveEntry[]> {
    if (fromYear && toYear && fromYear > toYear)
      throw new InputError(bilingual('fromYear 晚于 toYear', 'fromYear is after toYear'), { field: 'fromYear' });
    return (await ctx.archives.entries.load(archive.personId)).filter(
      (e) =>
        (!kinds?.length || kinds.includes(e.kind)) &&
        (!fromYear || e.year >= fromYear) &&
        (!toYear || e.year <= toYear),
    );
  }

  @FieldResolver(() => [ArchiveEntry], { description: 'Annual assessment history, newest first.' })
  async assessments(@Root() archive: IntegrityArchive, @Ctx() ctx: ArchivesContext): Promise<ArchiveEntry[]> {
    return (await ctx.archives.entries.load(archive.personId)).filter(
      (e) => e.kind === ArchiveEntryKind.ANNUAL_ASSESSMENT,
    );
  }
}
