import type { Principal } from '../auth/principal';
import type { SubjectKind } from './subject-kind';

/**
 * How other subgraphs learn about subjects without reading the registry's tables: resolve
 * codes to look-up keys and jurisdiction, registering new subjects when a finding names
 * them with enough detail. In-process it calls the registry service; a split deployment
 * implements it over the subjects subgraph's API.
 */
export interface SubjectReference {
  code: string;
  name?: string | null;
  kind?: SubjectKind | null;
  regionCode?: string | null;
  /** Where this reference sits in the caller's input, for error messages. */
  path: { index: number; field: string };
}

export interface DirectoryEntry {
  id: string;
  key: string;
  name: string;
  kind: SubjectKind;
  regionCode: string;
  /** Look-up key of the organization department managing a civil servant. */
  managedByKey: string | null;
  /** Whether the viewer asked about may see the subject in the registry (only when one was given). */
  visible?: boolean;
}

/** A viewer, for the registry's own visibility rule. */
export interface DirectoryViewer {
  viewer: Principal;
  selfKey?: string;
}

export interface SubjectDirectory {
  /** Every reference resolved (same order), new subjects registered; BAD_USER_INPUT otherwise. */
  resolve(references: SubjectReference[], options: { register: boolean }): Promise<DirectoryEntry[]>;
  /**
   * The registered subjects among these look-up keys (no error for unknown ones); with a
   * viewer, each entry says whether that viewer may see the subject, so a subgraph refers to
   * a Subject the gateway can resolve instead of one the registry will answer null.
   */
  lookup(keys: string[], visibleTo?: DirectoryViewer): Promise<DirectoryEntry[]>;
  /** The registered subjects with these ids. */
  describe(ids: string[]): Promise<DirectoryEntry[]>;
  /**
   * Every registered subject of these kinds whose division code starts with `regionPrefix`,
   * ordered by division code then key (evaluation ranks all of them, findings or not).
   */
  list(filter: { kinds: SubjectKind[]; regionPrefix: string }): Promise<DirectoryEntry[]>;
}
