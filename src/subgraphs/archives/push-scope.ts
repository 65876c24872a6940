import { Role } from '../../auth/roles';
import { ArchiveEntryKind as K } from './enums';

/**
 * Which entry kinds each role records (part of the archives permission table).
 * ORG_DEPT: only for the cadres it manages; DISCIPLINE: within its jurisdiction.
 */
export const ARCHIVE_PUSH_SCOPE: Partial<Record<Role, readonly K[]>> = {
  [Role.ORG_DEPT]: [K.ANNUAL_ASSESSMENT, K.PERSONAL_MATTERS_REPORT, K.COMMENDATION, K.INTEGRITY_TRAINING, K.PLEDGE],
  [Role.DISCIPLINE]: [K.DISCIPLINARY_ACTION, K.CLEAN_GOVERNMENT_RECORD],
};
