import type { GraphQLResolveInfo } from 'graphql';
import { Kind } from 'graphql';
import { rule } from 'graphql-shield';
import { CONDITIONS, creditOfficeOf, holds, inJurisdiction, isSelf, managesCadre } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { InputError } from '../../common/errors';
import type { DirectoryEntry } from '../../common/subject-directory';
import { SubjectKind } from '../../common/subject-kind';
import type { ArchiveEntry } from './archive-entry.entity';
import type { ArchiveGrant, ArchivesContext } from './context';
import { ArchiveEntryKind } from './enums';
import { ARCHIVE_PUSH_SCOPE } from './push-scope';

/** Named abilities of the archives subgraph. Archive reads are logged here, granted or denied. */

/** A stated purpose must say something: at least two characters, with a letter or a CJK character. */
export function checkPurpose(purpose: string | undefined | null): string {
  const trimmed = (purpose ?? '').trim();
  if (trimmed.length < 2 || !/[\p{L}]/u.test(trimmed)) {
    throw new InputError('purpose must state why the file is read (at least two characters)', { field: 'purpose' });
  }
  return trimmed;
}

/**
 * Who may read a civil servant's file: the organization department that manages the
 * person, discipline inspection and the credit office within their jurisdiction (the
 * credit office without personal-matters report contents), and the person.
 */
export function archiveGrant(
  viewer: Principal,
  selfKey: string | undefined,
  person: DirectoryEntry,
): ArchiveGrant | null {
  if (isSelf(viewer, selfKey, person.key) || managesCadre(viewer, selfKey, person.managedByKey)) return 'FULL';
  if (viewer.role === Role.DISCIPLINE && inJurisdiction(viewer, person.regionCode)) return 'FULL';
  if (creditOfficeOf(viewer, person.regionCode)) return 'WITHOUT_PERSONAL_MATTERS';
  return null;
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
  subject: { id: string },
  args: { purpose?: string },
  ctx: ArchivesContext,
  info: GraphQLResolveInfo,
) => {
  let purpose: string;
  try {
    purpose = checkPurpose(args.purpose);
  } catch (error) {
    return error as InputError;
  }
  const person = await ctx.archives.persons.load(subject.id);
  if (!person || person.kind !== SubjectKind.PUBLIC_SERVANT) return true; // no file: the resolver answers null
  const grant = archiveGrant(ctx.viewer, ctx.archives.selfKey, person);
  ctx.audit.note({
    resource: 'ARCHIVE',
    subjectKey: person.key,
    fields: requestedParts(info),
    purpose,
    outcome: grant ? 'GRANTED' : 'DENIED',
  });
  if (grant) ctx.archives.grants.set(person.id, grant);
  return !!grant;
});

/**
 * Personal-matters report contents: only readers with a FULL grant on that person's file.
 * Not cached: the check is two comparisons, while 'strict' caching hashed every entry
 * (object-hash over the whole entity) on each read, ~15 % of the hub's CPU in the archive benchmark.
 */
export const canReadEntryContent = rule('canReadEntryContent', { cache: 'no_cache' })(
  (entry: ArchiveEntry, _args, ctx: ArchivesContext) =>
    entry.kind !== ArchiveEntryKind.PERSONAL_MATTERS_REPORT || ctx.archives.grants.get(entry.personId) === 'FULL',
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
