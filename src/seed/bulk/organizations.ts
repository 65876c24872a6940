import { SubjectKind } from '../../common/subject-kind';
import { newUnit, type Unit } from './geography';
import type { SubjectRow } from './rows';
import { orgRow, type SubjectMaking } from './subject-making';
import {
  CORE_DEPARTMENTS,
  INSTITUTIONS,
  INSTITUTIONS_ALWAYS,
  OTHER_DEPARTMENTS,
  PLACE_FIRST,
  PLACE_SECOND,
  type DeptTemplate,
} from './vocabulary';

/**
 * Organizations prefecture by prefecture, the city first, then its counties, until `budget`
 * rows: each unit's government, departments, institutions and (counties) townships.
 */
export function* organizationRows(m: SubjectMaking, budget: number): Generator<SubjectRow> {
  if (budget <= 0) return;
  const perCounty = 1 + 20 + 8 + 12 * (1 + 12);
  const perCity = 1 + 20 + 12;
  const prefectureCount = Math.min(m.prefectures.length, Math.max(2, Math.round(budget / 1500)));
  const chosen = m.prefectures.slice(0, prefectureCount);
  const capacity = chosen.reduce((sum, p) => sum + perCity + p.counties.length * perCounty, 0);
  // Townships and communities scale so the chosen prefectures hold about `budget` organizations.
  const density = Math.sqrt(Math.min(50, Math.max(0.04, budget / capacity)));
  const quota = budget / prefectureCount;
  let emitted = 0;
  for (const [p, pref] of m.prefectures.entries()) {
    if (emitted >= budget) return;
    const start = emitted;
    const prefQuota = p < prefectureCount ? quota : budget - emitted;
    const city = newUnit(pref, null);
    let cityGovernmentId: number | null = null;
    for (const row of unitRows(m, city, null, density)) {
      cityGovernmentId ??= row.id;
      emitted++;
      yield row;
    }
    for (const county of pref.counties) {
      if (emitted - start >= prefQuota || emitted >= budget) break;
      for (const row of unitRows(m, newUnit(pref, county), cityGovernmentId, density)) {
        emitted++;
        yield row;
      }
    }
  }
}

function fill(unit: Unit, template: string): string {
  return template.replaceAll('{p}', unit.place).replaceAll('{s}', unit.suffix);
}

function* unitRows(m: SubjectMaking, unit: Unit, parentGovernmentId: number | null, density: number) {
  const government = orgRow(m, SubjectKind.GOVERNMENT, `${unit.place}人民政府`, unit.region, parentGovernmentId);
  unit.governmentId = government.id;
  unit.governmentCode = government.code;
  unit.index = m.hierarchy.units.length;
  m.hierarchy.units.push(unit);
  m.offenders.consider(SubjectKind.GOVERNMENT, government.codeKey, unit.region, unit.index, -1);
  yield government;
  yield* departmentRows(m, unit);
  yield* institutionRows(m, unit);
  if (unit.level !== 'county') return;
  yield* townshipRows(m, unit, density);
}

/** The core departments (the organization department first) and 5-15 others. */
function* departmentRows(m: SubjectMaking, unit: Unit): Generator<SubjectRow> {
  const h = m.hierarchy;
  const extra = m.prng.sample(OTHER_DEPARTMENTS, m.prng.int(5, 15));
  const departments: DeptTemplate[] = [...CORE_DEPARTMENTS, ...extra];
  for (const [i, template] of departments.entries()) {
    let name = fill(unit, template.name);
    if (template.role === 'court' && unit.level === 'city') name = `${unit.place}中级人民法院`;
    const row = orgRow(m, SubjectKind.DEPARTMENT, name, unit.region, unit.governmentId);
    // The organization department comes first: once it exists, the unit can take cadres.
    if (i === 0) unit.orgDeptId = row.id;
    if (template.role) unit.authority[template.role] = row.code;
    const deptIndex = h.deptId.length;
    h.deptServantStart.push(0);
    h.deptServantCount.push(0);
    h.deptShort.push(template.short);
    h.deptHead.push(template.head);
    h.deptId.push(row.id);
    unit.departments.push(deptIndex);
    m.offenders.consider(SubjectKind.DEPARTMENT, row.codeKey, unit.region, unit.index, deptIndex);
    yield row;
  }
}

/** The institutions every unit has (the public-resource trading centre first) and a sample of others. */
function* institutionRows(m: SubjectMaking, unit: Unit): Generator<SubjectRow> {
  const prng = m.prng;
  const institutions = [
    ...INSTITUTIONS_ALWAYS,
    ...prng.sample(INSTITUTIONS, unit.level === 'city' ? prng.int(6, 14) : prng.int(3, 9)),
  ];
  for (const [i, template] of institutions.entries()) {
    const row = orgRow(m, SubjectKind.INSTITUTION, fill(unit, template), unit.region, unit.governmentId);
    if (i === 0) unit.authority.tradingCenter = row.code;
    m.offenders.consider(SubjectKind.INSTITUTION, row.codeKey, unit.region, unit.index, -1);
    yield row;
  }
}

/** A county's townships (streets in districts), each with its communities or villages. */
function* townshipRows(m: SubjectMaking, unit: Unit, density: number): Generator<SubjectRow> {
  const prng = m.prng;
  const { place, region } = unit;
  const urban = unit.suffix === '区';
  const townships = Math.max(1, Math.round(prng.int(8, 16) * density));
  const townshipNames = new Set<string>();
  for (let t = 0; t < townships; t++) {
    const short = placeName(m, townshipNames);
    const street = urban || prng.chance(0.15);
    const tShort = street ? `${short}街道` : `${short}${prng.chance(0.75) ? '镇' : '乡'}`;
    const township = orgRow(
      m,
      SubjectKind.TOWNSHIP,
      street ? `${place}${tShort}办事处` : `${place}${tShort}人民政府`,
      region,
      unit.governmentId,
    );
    unit.townships.push({ id: township.id, name: tShort });
    m.offenders.consider(SubjectKind.TOWNSHIP, township.codeKey, region, unit.index, -1);
    yield township;
    const communities = Math.max(1, Math.round(prng.int(6, 18) * density));
    const communityNames = new Set<string>();
    for (let c = 0; c < communities; c++) {
      const urbanCommunity = street || prng.chance(0.1);
      const cName = `${place}${tShort}${placeName(m, communityNames)}${urbanCommunity ? '社区居民委员会' : '村村民委员会'}`;
      const community = orgRow(m, SubjectKind.COMMUNITY, cName, region, township.id);
      m.offenders.consider(SubjectKind.COMMUNITY, community.codeKey, region, unit.index, -1);
      yield community;
    }
  }
}

/** A two-character place name not yet in `used` (after a few tries, a repeat is accepted). */
function placeName(m: SubjectMaking, used: Set<string>): string {
  let name = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    name = m.prng.pick(PLACE_FIRST) + m.prng.pick(PLACE_SECOND);
    if (!used.has(name) && name[0] !== name[1]) break;
  }
  used.add(name);
  return name;
}
