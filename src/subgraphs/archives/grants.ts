import type DataLoader from 'dataloader';
import { creditOfficeOf, inJurisdiction, isSelf, managesCadre } from '../../auth/conditions';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { DirectoryEntry } from '../../common/subject-directory';
import { SubjectKind } from '../../common/subject-kind';
import type { PersonStub } from './archive.types';

/** How much of a file a granted reader gets. */
export type ArchiveGrant = 'FULL' | 'WITHOUT_PERSONAL_MATTERS';

/** What a grant is decided on: the registry's facts about the person. */
export type ArchivePerson = Pick<DirectoryEntry, 'id' | 'key' | 'kind' | 'regionCode' | 'managedByKey'>;

/** A civil servant's file as one viewer stands to it: `grant` null = may not read it. */
export interface ArchiveAccess {
  person: ArchivePerson;
  grant: ArchiveGrant | null;
}

/**
 * The registry's facts that came with a Subject reference (PersonStub, REQUIRES_PERSON): only
 * the gateway sends references, built from the subjects subgraph's own answer. Undefined when
 * they did not come (then the person is looked up).
 */
export function referencedPerson(subject: PersonStub): ArchivePerson | undefined {
  const { id, codeKey, kind, regionCode, managedByKey } = subject;
  if (codeKey === undefined || kind === undefined || regionCode === undefined || managedByKey === undefined)
    return undefined;
  return { id, key: codeKey, kind, regionCode, managedByKey };
}

/**
 * Who may read a civil servant's file: the organization department that manages the
 * person, discipline inspection and the credit office within their jurisdiction (the
 * credit office without personal-matters report contents), and the person.
 */
export function archiveGrant(
  viewer: Principal,
  selfKey: string | undefined,
  person: ArchivePerson,
): ArchiveGrant | null {
  if (isSelf(viewer, selfKey, person.key) || managesCadre(viewer, selfKey, person.managedByKey)) return 'FULL';
  if (viewer.role === Role.DISCIPLINE && inJurisdiction(viewer, person.regionCode)) return 'FULL';
  if (creditOfficeOf(viewer, person.regionCode)) return 'WITHOUT_PERSONAL_MATTERS';
  return null;
}

/**
 * The viewer's grant on each file, decided once per person and request. The rule guarding
 * `Subject.archive` (which logs the decision), the resolver that opens the file and the rule
 * on entry contents all ask here, so none depends on another having run first.
 */
export class ArchiveGrants {
  private readonly decided = new Map<string, Promise<ArchiveAccess | null>>();

  constructor(
    private readonly persons: DataLoader<string, DirectoryEntry | null>,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
  ) {}

  /**
   * The file of subject `id` and this viewer's grant on it; null when the subject has none (not a
   * civil servant). Decided on `known` when the caller has the registry's facts, else looked up.
   */
  of(id: string, known?: ArchivePerson): Promise<ArchiveAccess | null> {
    let decision = this.decided.get(id);
    if (!decision) {
      decision = known ? Promise.resolve(this.decide(known)) : this.persons.load(id).then((p) => this.decide(p));
      this.decided.set(id, decision);
    }
    return decision;
  }

  private decide(person: ArchivePerson | null): ArchiveAccess | null {
    return person && person.kind === SubjectKind.PUBLIC_SERVANT
      ? { person, grant: archiveGrant(this.viewer, this.selfKey, person) }
      : null;
  }
}
