import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/context';
import { today } from '../../common/dates';
import { byKey, groupBy, loaderFamily } from '../../common/loaders';
import type { DirectoryEntry, SubjectDirectory } from '../../common/subject-directory';
import { selfKeyOf } from '../../identity/subject-keys';
import type { ArchiveEntry } from './archive-entry.entity';
import { ArchiveRepository, type AccessLogRow } from './archive.repository';
import { ArchiveGrants } from './grants';

export interface ArchivesContext extends RequestContext {
  archives: {
    today: string;
    selfKey?: string;
    directory: SubjectDirectory;
    repository: ArchiveRepository;
    persons: DataLoader<string, DirectoryEntry | null>;
    entries: DataLoader<string, ArchiveEntry[]>;
    /** The viewer's grant on each file, decided once per request (grants.ts). */
    grants: ArchiveGrants;
    /** A page of each subject's access log (by look-up key), per page size and cursor. */
    accessLogPages: (page: AccessLogPageArgs) => DataLoader<string, { rows: AccessLogRow[]; hasNextPage: boolean }>;
    accessLogCounts: DataLoader<string, number>;
  };
}

export interface AccessLogPageArgs {
  first: number;
  beforeId?: string;
}

/** Page loaders of the access log: one statement for the pages of every subject asked with the same arguments. */
function accessLogLoaders(repository: ArchiveRepository) {
  return {
    accessLogPages: loaderFamily(async ({ first, beforeId }: AccessLogPageArgs, keys: readonly string[]) =>
      groupBy(keys, await repository.accessLogs(keys, first, beforeId), (row) => row.subject_key).map((rows) => ({
        rows: rows.slice(0, first),
        hasNextPage: rows.length > first,
      })),
    ),
    accessLogCounts: new DataLoader<string, number>(async (keys) =>
      byKey(keys, await repository.countAccessLogs(keys), (row) => row.subject_key).map((row) => row?.n ?? 0),
    ),
  };
}

export function createArchivesContext(base: RequestContext): ArchivesContext {
  const directory = base.services.subjectDirectory(base.em, { viewer: base.viewer, requestId: base.requestId });
  const repository = new ArchiveRepository(base.em);
  const selfKey = selfKeyOf(base.viewer, base.services.keys);
  const persons = new DataLoader<string, DirectoryEntry | null>(async (ids) =>
    byKey(ids, await directory.describe([...ids]), (p) => p.id),
  );
  return {
    ...base,
    archives: {
      today: today(),
      selfKey,
      directory,
      repository,
      persons,
      entries: new DataLoader(async (ids) => groupBy(ids, await repository.entriesOf(ids), (e) => e.personId)),
      grants: new ArchiveGrants(persons, base.viewer, selfKey),
      ...accessLogLoaders(repository),
    },
  };
}
