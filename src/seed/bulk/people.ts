import { SubjectKind } from '../../common/subject-kind';
import { makeResidentId, maskResidentId } from '../../identity';
import type { Unit } from './geography';
import { WeightedTable } from './prng';
import type { SubjectRow } from './rows';
import { apportion, daysIn } from './serials';
import { orgRow, type SubjectMaking } from './subject-making';
import {
  ENTERPRISE_BRANDS,
  ENTERPRISE_INDUSTRIES,
  ENTERPRISE_SUFFIXES,
  GIVEN_CHARS,
  INDIVIDUAL_SUFFIXES,
  PROVINCES,
  RANKS,
  SURNAMES,
} from './vocabulary';

const RANKS_TABLE = new WeightedTable(RANKS);
const SUFFIX_TABLE = new WeightedTable(ENTERPRISE_SUFFIXES);
const PROVINCE_NAME = new Map(PROVINCES.map((p) => [p.code, p.name.replace(/省$/, '')]));

/** Civil servants of the units with an organization department, apportioned by the units' size. */
export function* servantRows(m: SubjectMaking, total: number): Generator<SubjectRow> {
  if (total <= 0) return;
  const staffed = m.hierarchy.units.filter((u) => u.orgDeptId !== 0);
  const unitWeights = staffed.map(
    (u) => (u.departments.length + 0.5 * u.townships.length) * (u.level === 'city' ? 1.6 : 1),
  );
  const perUnit = apportion(total, unitWeights);
  for (const [u, unit] of staffed.entries()) {
    const count = perUnit[u]!;
    unit.servantStart = m.hierarchy.servantKeys.length;
    unit.servantCount = count;
    const townshipShare = unit.townships.length > 0 ? 0.12 : 0;
    const inTownships = Math.round(count * townshipShare);
    const perDept = apportion(
      count - inTownships,
      unit.departments.map(() => 0.4 + m.prng.next()),
    );
    for (const [i, dept] of unit.departments.entries()) yield* departmentStaff(m, unit, dept, perDept[i]!);
    for (let k = 0; k < inTownships; k++) yield townshipServant(m, unit);
  }
}

/** A department's n civil servants: its head, deputies, then staff of drawn ranks. */
function* departmentStaff(m: SubjectMaking, unit: Unit, dept: number, n: number): Generator<SubjectRow> {
  const h = m.hierarchy;
  h.deptServantStart[dept] = h.servantKeys.length;
  h.deptServantCount[dept] = n;
  const short = h.deptShort[dept]!;
  const head = h.deptHead[dept]!;
  const deputies = n >= 6 ? m.prng.int(1, 3) : n >= 3 ? 1 : 0;
  for (let k = 0; k < n; k++) {
    const position =
      k === 0 ? `${short}${head}` : k <= deputies ? `${short}副${head}` : `${short}${RANKS_TABLE.draw(m.prng)}`;
    yield person(m, unit, h.deptId[dept]!, dept, position);
  }
}

function townshipServant(m: SubjectMaking, unit: Unit): SubjectRow {
  const township = m.prng.pick(unit.townships);
  const head = township.name.endsWith('街道') ? '主任' : `${township.name.slice(-1)}长`;
  const title = m.prng.pick([
    head,
    `副${head}`,
    township.name.endsWith('街道') ? '党工委委员' : '党委委员',
    '科员',
    '一级科员',
    '四级主任科员',
    '三级主任科员',
  ]);
  return person(m, unit, township.id, -1, `${township.name}${title}`);
}

/** A resident ID number not drawn before and not registered already, with its look-up key. */
function newResidentId(m: SubjectMaking, region: string): { code: string; key: string } {
  const prng = m.prng;
  for (;;) {
    const year = prng.int(1960, 2000);
    const month = prng.int(1, 12);
    const day = prng.int(1, daysIn(year, month));
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const code = makeResidentId(region, birth, prng.int(0, 999));
    const first17 = code.slice(0, 17);
    if (m.personNumbers.has(first17)) continue;
    const key = m.options.keys.pii.lookupKey(code);
    if (m.options.isTakenPersonKey?.(key)) continue;
    m.personNumbers.add(first17);
    return { code, key };
  }
}

function person(m: SubjectMaking, unit: Unit, parentId: number, deptIndex: number, position: string): SubjectRow {
  const prng = m.prng;
  const region = prng.chance(0.75) || m.allCountyRegions.length === 0 ? unit.region : prng.pick(m.allCountyRegions);
  const { code, key } = newResidentId(m, region);
  const surname = SURNAMES[Math.floor(SURNAMES.length * prng.next() ** 2)]!;
  const name = surname + prng.pick(GIVEN_CHARS) + (prng.chance(0.7) ? prng.pick(GIVEN_CHARS) : '');
  m.hierarchy.servantKeys.push(key);
  const row: SubjectRow = {
    id: m.next.id++,
    kind: SubjectKind.PUBLIC_SERVANT,
    name,
    code,
    codeKey: key,
    codeDisplay: maskResidentId(code),
    codeCipher: m.options.keys.pii.encrypt(code),
    regionCode: unit.region,
    parentId,
    position,
    managedById: unit.orgDeptId,
  };
  m.offenders.consider(SubjectKind.PUBLIC_SERVANT, key, unit.region, unit.index, deptIndex);
  return row;
}

/** An enterprise (3 % individual businesses) registered in a random unit's region. */
export function enterpriseRow(m: SubjectMaking): SubjectRow {
  const prng = m.prng;
  let region: string;
  let unit: Unit | undefined;
  let label: string;
  if (m.hierarchy.units.length > 0) {
    unit = m.hierarchy.units[Math.floor(prng.next() * m.hierarchy.units.length)]!;
    region = unit.region;
    label = unit.level === 'city' || prng.chance(0.4) ? unit.place.replace(/市$/, '') : unit.place;
  } else {
    const pref = prng.pick(m.prefectures);
    region = `${pref.code}00`;
    label = pref.name;
  }
  const brand = prng.pick(ENTERPRISE_BRANDS) + prng.pick(ENTERPRISE_BRANDS);
  const individual = prng.chance(0.03);
  const name = individual
    ? `${label}${brand}${prng.pick(INDIVIDUAL_SUFFIXES)}`
    : enterpriseName(m, prng.chance(0.15) && unit ? PROVINCE_NAME.get(region.slice(0, 2))! : label, brand);
  const row = orgRow(m, SubjectKind.ENTERPRISE, name, region, null, individual ? '92' : '91');
  if (unit) m.offenders.consider(SubjectKind.ENTERPRISE, row.codeKey, region, unit.index, -1);
  return row;
}

function enterpriseName(m: SubjectMaking, label: string, brand: string): string {
  return `${label}${brand}${m.prng.pick(ENTERPRISE_INDUSTRIES)}${SUFFIX_TABLE.draw(m.prng)}`;
}
