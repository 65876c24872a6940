import type { GraphQLResolveInfo } from 'graphql';
import { Kind } from 'graphql';
import { rule } from 'graphql-shield';
import { APPOINTMENT_CHECK_CONDITIONS, CONDITIONS, holds, mayApply } from '../../auth/conditions';
import type { AppointmentPurpose } from '../../common/appointment-purpose';
import type { AppointmentCandidate } from './appointment.types';
import { InputError } from '../../common/errors';
import type { ArchiveEntry } from './archive-entry.entity';
import type { PersonStub } from './archive.types';
import type { ArchivesContext } from './context';
import { referencedPerson } from './grants';
import { ArchiveEntryKind } from './enums';
import { ARCHIVE_PUSH_SCOPE } from './push-scope';
import { bilingual } from '../../common/language';

/** Named abilities of the archives subgraph. Archive reads are logged here, granted or denied. */

/** A stated purpose must say something: at least two characters, with a letter or a CJK character. */
export function checkPurpose(purpose: string | undefined | null, field = 'purpose'): string {
  const trimmed = (purpose ?? '').trim();
  if (trimmed.length < 2 || !/[\p{L}]/u.test(trimmed)) {
    throw new InputError(
      bilingual(
        `${field} 须说明查阅档案的理由（至少两个字）`,
        `${field} must state why the file is read (at least two characters)`,
      ),
      { field },
    );
  }
  return trimmed;
}

/**
 * What the reader asked this subgraph for under `archive` (its fields and any entry-kind
 * filter), for the log. The federation key is internal; records released by the records
 * subgraph are logged there when restricted.
 */
function requestedParts(info: GraphQLResolveInfo): string[] {
  const parts: string[] = [];
  for (const selection of info.fieldNodes[0].selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__') || selection.name.value === 'personKey')
      continue;
    parts.push(selection.name.value);
    const kinds = selection.arguments?.find((a) => a.name.value === 'kinds');
    if (kinds?.value.kind === Kind.LIST) {
      for (const value of kinds.value.values)
        if (value.kind === Kind.ENUM) parts.push(`${selection.name.value}:${value.value}`);
    }
  }
  return parts.sort();
}

export const canReadArchive = rule('canReadArchive', { cache: 'no_cache' })(async (
  subject: PersonStub,
  args: { purpose?: string; purposeKind?: AppointmentPurpose | null },
  ctx: ArchivesContext,
  info: GraphQLResolveInfo,
) => {
  let purpose: string;
  try {
    purpose = checkPurpose(args.purpose);
  } catch (error) {
    return error as InputError;
  }
  const access = await ctx.archives.grants.of(subject.id, referencedPerson(subject));
  if (!access) return true; // no file: the resolver answers null
  ctx.audit.note({
    resource: 'ARCHIVE',
    subjectKey: access.person.key,
    fields: requestedParts(info),
    purpose,
    purposeKind: args.purposeKind ?? null,
    outcome: access.grant ? 'GRANTED' : 'DENIED',
  });
  return !!access.grant;
});

/**
 * Personal-matters report contents: only readers with a FULL grant on that person's file
 * (grants.ts; decided once per request). Not cached: the check is a comparison and a
 * memoised look-up, while 'strict' caching hashed every entry (object-hash over the whole
 * entity) on each read, ~15 % of the hub's CPU in the archive benchmark.
 */
export const canReadEntryContent = rule('canReadEntryContent', { cache: 'no_cache' })(
  (entry: ArchiveEntry, _args, ctx: ArchivesContext) =>
    entry.kind !== ArchiveEntryKind.PERSONAL_MATTERS_REPORT ||
    ctx.archives.grants.of(entry.personId).then((access) => access?.grant === 'FULL'),
);

/** Who looked at a subject's protected data: the subject itself and the credit office in its jurisdiction. */
export const canReadAccessLog = rule('canReadAccessLog', { cache: 'strict' })(async (
  subject: { id: string },
  _args,
  ctx: ArchivesContext,
) => {
  const person = await ctx.archives.persons.load(subject.id);
  return (
    !!person &&
    holds(CONDITIONS.mayReadAccessLog, ctx.viewer, ctx.archives.selfKey, {
      key: person.key,
      regionCode: person.regionCode,
    })
  );
});

/** recordArchiveEntries: organization departments and discipline inspection (kinds per push-scope.ts). */
export const canRecordArchiveEntries = rule('canRecordArchiveEntries', { cache: 'contextual' })(
  (_parent, _args, ctx: ArchivesContext) => ctx.viewer.role in ARCHIVE_PUSH_SCOPE,
);

/**
 * appointmentCheck: organization departments (whom each may check, per purpose, is
 * conditions.APPOINTMENT_CHECK_CONDITIONS, decided row by row and logged).
 */
export const canCheckAppointments = rule('canCheckAppointments', { cache: 'contextual' })(
  (_parent, _args, ctx: ArchivesContext) =>
    Object.values(APPOINTMENT_CHECK_CONDITIONS).some((condition) => mayApply(condition, ctx.viewer)),
);

/** The recent assessments of a checked person: the readers of the person's file (grants.ts), as the file itself. */
export const canReadCandidateAssessments = rule('canReadCandidateAssessments', { cache: 'no_cache' })(
  (candidate: AppointmentCandidate) => candidate.fileGrant !== null,
);
