import { SubjectKind } from '../../common/subject-kind';
import { organizationCodeCheckChar, usccCheckChar } from '../../identity';
import type { Hierarchy, Prefecture } from './geography';
import type { Offenders } from './offenders';
import type { Prng } from './prng';
import type { GeneratorOptions, SubjectRow } from './rows';
import { bodySerial } from './serials';

/** What making subject rows shares: the subjects' PRNG, the next id and code serial, what was made so far. */
export interface SubjectMaking {
  options: GeneratorOptions;
  prng: Prng;
  next: { id: number; serial: number };
  prefectures: Prefecture[];
  allCountyRegions: string[];
  hierarchy: Hierarchy;
  offenders: Offenders;
  /** First 17 characters of the ID numbers drawn so far. */
  personNumbers: Set<string>;
}

export type OrgKind = Exclude<SubjectKind, SubjectKind.PUBLIC_SERVANT>;
const CATEGORY: Record<OrgKind, string> = {
  [SubjectKind.GOVERNMENT]: '11',
  [SubjectKind.DEPARTMENT]: '11',
  [SubjectKind.INSTITUTION]: '12',
  [SubjectKind.TOWNSHIP]: '11',
  [SubjectKind.COMMUNITY]: '54',
  [SubjectKind.ENTERPRISE]: '91',
};

/** An organization's row with the next id and a USCC of the next serial. */
export function orgRow(
  m: SubjectMaking,
  kind: OrgKind,
  name: string,
  region: string,
  parentId: number | null,
  category = CATEGORY[kind],
): SubjectRow {
  // makeUscc() without its input checks (inputs are valid by construction; tests validate the codes).
  const body = bodySerial(m.next.serial++);
  const first17 = category + region + body + organizationCodeCheckChar(body);
  const code = first17 + usccCheckChar(first17);
  return {
    id: m.next.id++,
    kind,
    name,
    code,
    codeKey: code,
    codeDisplay: code,
    codeCipher: null,
    regionCode: region,
    parentId,
    position: null,
    managedById: null,
  };
}
