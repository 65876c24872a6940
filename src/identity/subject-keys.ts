import { PERSON_KEY_PREFIX, PiiProtector } from './pii';
import { identifyCode, normalizeCode, type CodeType } from './subject-code';
import type { CodeCheck } from './code-check';

/**
 * Turns a subject code as a client sends it into the keys it is stored under:
 * the USCC itself for organizations, a keyed hash for a resident ID number (never the
 * clear number). One code can in rare cases be valid both ways, hence a list.
 */
export interface IdentifiedCode {
  normalized: string;
  check: CodeCheck;
  types: CodeType[];
  keys: string[];
}

/** Whether a look-up key is a natural person's (a keyed hash of a resident ID number). */
export function isPersonKey(key: string): boolean {
  return key.startsWith(PERSON_KEY_PREFIX);
}

/** Look-up key of the caller's own code (its organization, or the person for SUBJECT). */
export function selfKeyOf(viewer: { org?: string }, keys: SubjectKeys): string | undefined {
  return viewer.org ? keys.selfKey(viewer, viewer.org) : undefined;
}

export class SubjectKeys {
  /**
   * The caller's own key by principal: every subgraph context of every request asks (principals are kept per
   * token), and a person's is an HMAC. Checked against the code it was made from, so a changed `org` is rekeyed.
   */
  private readonly selfKeys = new WeakMap<object, { org: string; key: string | undefined }>();

  constructor(readonly pii: PiiProtector) {}

  selfKey(viewer: object, org: string): string | undefined {
    const known = this.selfKeys.get(viewer);
    if (known?.org === org) return known.key;
    const key = this.identify(org).keys[0];
    this.selfKeys.set(viewer, { org, key });
    return key;
  }

  keyFor(normalized: string, type: CodeType): string {
    return type === 'USCC' ? normalized : this.pii.lookupKey(normalized);
  }

  identify(raw: string): IdentifiedCode {
    const normalized = normalizeCode(raw);
    const { types, check } = identifyCode(normalized);
    return { normalized, check, types, keys: types.map((type) => this.keyFor(normalized, type)) };
  }
}
