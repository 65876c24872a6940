import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/context';
import { today } from '../../common/dates';
import { byKey, groupBy } from '../../common/loaders';
import type { DirectoryEntry, SubjectDirectory } from '../../common/subject-directory';
import { selfKeyOf } from '../../identity/subject-keys';
import type { ArchiveEntry } from './archive-entry.entity';
import { ArchiveRepository } from './archive.repository';

/** How much of a file a granted reader gets (set by canReadArchive, read by the content rule). */
export type ArchiveGrant = 'FULL' | 'WITHOUT_PERSONAL_MATTERS';

export interface ArchivesContext extends RequestContext {
  archives: {
    today: string;
    selfKey?: string;
    directory: SubjectDirectory;
    repository: ArchiveRepository;
    persons: DataLoader<string, DirectoryEntry | null>;
    entries: DataLoader<string, ArchiveEntry[]>;
    grants: Map<string, ArchiveGrant>;
  };
}

export function createArchivesContext(base: RequestContext): ArchivesContext {
  const directory = base.services.subjectDirectory(base.em);
  const repository = new ArchiveRepository(base.em);
  return {
    ...base,
    archives: {
      today: today(),
      selfKey: selfKeyOf(base.viewer, base.services.keys),
      directory,
      repository,
      persons: new DataLoader(async (ids) => byKey(ids, await directory.describe([...ids]), (p) => p.id)),
      entries: new DataLoader(async (ids) => groupBy(ids, await repository.entriesOf(ids), (e) => e.personId)),
      grants: new Map(),
    },
  };
}
