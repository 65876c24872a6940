import { addDays } from '../../common/dates';
import {
  makeResidentId,
  maskResidentId,
  organizationCodeCheckChar,
  USCC_ALPHABET,
  usccCheckChar,
} from '../../identity';
import type { SubjectKeys } from '../../identity/subject-keys';
import {
  Disclosure,
  ListType,
  RecordCategory,
  RecordDomain,
  RecordNature,
  Severity,
} from '../../subgraphs/records/enums';
import type { CreditPolicy } from '../../subgraphs/records/policy/credit-policy';
import { publicityWindow, type PublicityWindow } from '../../subgraphs/records/policy/publicity';
import { SubjectKind } from '../../common/subject-kind';
import { recordContentHash } from './content-hash';
import { AliasTable, Prng, WeightedTable } from './prng';
import {
  BULK_SOURCES,
  listingLegalBasis,
  TEMPLATES_BY_KIND,
  type Authority,
  type RecordTemplate,
} from './record-templates';
import {
  CORE_DEPARTMENTS,
  ENTERPRISE_BRANDS,
  ENTERPRISE_INDUSTRIES,
  ENTERPRISE_SUFFIXES,
  GIVEN_CHARS,
  INDIVIDUAL_SUFFIXES,
  INSTITUTIONS,
  INSTITUTIONS_ALWAYS,
  OTHER_DEPARTMENTS,
  PLACE_FIRST,
  PLACE_SECOND,
  PROVINCES,
  RANKS,
  SURNAMES,
  type DeptTemplate,
  type PrefectureSeed,
  type ProvinceSeed,
} from './vocabulary';

/**
 * The pure part of the bulk seed: a deterministic generator of subject, record and listing
 * rows. It reads nothing and writes nothing; the loader (index.ts) gives it the id ranges and
 * the code serial it may use and streams its batches into PostgreSQL.
 *
 * Shape of the data (rough shares of N subjects): ~15 % organizations in a division-code
 * hierarchy over five provinces (per city and county a GOVERNMENT, 15-25 DEPARTMENTs incl.
 * the organization department, INSTITUTIONs; per county TOWNSHIPs with COMMUNITYs), ~30 %
 * PUBLIC_SERVANTs under departments (or townships) managed by the organization department of
 * their own government, the rest ENTERPRISEs. Records follow a heavy-tailed distribution over
 * a minority of subjects; categories, domains and pushing systems fit the subject kind.
 */
export interface GeneratorOptions {
  seed: number;
  subjects: number;
  records: number;
  /** Today in the hub's time zone (YYYY-MM-DD): decision dates lie in the 5 years before. */
  today: string;
  /** First subjects.subject id of the reserved range. */
  subjectIdBase: number;
  /** First records.credit_record id of the reserved range (also makes external ids unique). */
  recordIdBase: number;
  /** First organization-code serial: bodies are 'MA' + 6 base-31 digits of it (see bodySerial). */
  serialBase: number;
  keys: SubjectKeys;
  policy: CreditPolicy;
  /** Look-up keys already registered (persons): such numbers are drawn again. */
  isTakenPersonKey?: (key: string) => boolean;
}

export interface SubjectRow {
  id: number;
  kind: SubjectKind;
  name: string;
  /** The clear code (USCC, or the resident ID number of a person: never written). */
  code: string;
  codeKey: string;
  codeDisplay: string;
  codeCipher: string | null;
  regionCode: string;
  parentId: number | null;
  position: string | null;
  managedById: number | null;
}

export interface RecordRow {
  id: number;
  subjectKey: string;
  subjectRegion: string;
  sourceSystem: string;
  sourceRole: string;
  externalId: string;
  nature: RecordNature;
  category: RecordCategory;
  domain: RecordDomain;
  severity: Severity;
  title: string;
  details: string | null;
  legalBasis: string | null;
  documentNo: string | null;
  decidedAt: string;
  decidingAuthorityCode: string | null;
  disclosure: Disclosure;
  tolerated: boolean;
  publicUntil: string;
  repairableFrom: string;
  policyVersion: string;
  contentHash: string;
  /** Look-up keys of the responsible civil servants (records.record_responsible), sorted. */
  responsible: string[];
}

export interface ListingRow {
  id: number;
  subjectKey: string;
  subjectRegion: string;
  listType: ListType;
  reason: string;
  legalBasis: string;
  authorityCode: string;
  listedBy: string;
  startsOn: string;
  endsOn: string;
  delistedAt: string | null;
  delistReason: string | null;
  delistedBy: string | null;
  recordIds: number[];
}

/** Body serials are 6 base-31 digits after 'MA' (GB 32100 alphabet): 887 million codes. */
export const BODY_PREFIX = 'MA';
const SERIAL_DIGITS = 6;
export const MAX_SERIAL = 31 ** SERIAL_DIGITS - 1;

export function bodySerial(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL)
    throw new Error(`organization serial ${serial} out of range`);
  let out = '';
  let value = serial;
  for (let i = 0; i < SERIAL_DIGITS; i++) {
    out = USCC_ALPHABET[value % 31] + out;
    value = Math.floor(value / 31);
  }
  return BODY_PREFIX + out;
}

/** Inverse of bodySerial over the 6 digits after the prefix; NaN when not a serial. */
export function serialOfBody(digits: string): number {
  if (digits.length !== SERIAL_DIGITS) return Number.NaN;
  let value = 0;
  for (const ch of digits) {
    const v = USCC_ALPHABET.indexOf(ch);
    if (v < 0) return Number.NaN;
    value = value * 31 + v;
  }
  return value;
}

/** Shares of the subject mix (the rest are enterprises). */
export const ORGANIZATION_SHARE = 0.15;
export const SERVANT_SHARE = 0.3;
/** Decision dates lie up to this many days before today (5 years). */
export const HISTORY_DAYS = 1826;
/** Share of the organizations with a serious dishonesty record that are listed. */
export const LISTED_SHARE = 0.01;

interface County {
  region: string;
  name: string; // 江宁区
  suffix: '区' | '县' | '市';
}
interface Prefecture extends PrefectureSeed {
  province: ProvinceSeed;
  counties: County[];
}

/** One government and what hangs under it: what later phases need, kept compact. */
interface Unit {
  index: number;
  region: string;
  level: 'city' | 'county';
  place: string; // 南京市 / 江宁区
  suffix: string; // 市 / 区 / 县
  provinceAbbr: string;
  docAbbr: string; // 宁 / 江
  governmentId: number;
  governmentCode: string;
  orgDeptId: number;
  /** Global department indexes (see #dept* arrays). */
  departments: number[];
  townships: { id: number; name: string }[];
  authority: Partial<Record<Authority, string>>;
  servantStart: number;
  servantCount: number;
}

type OrgKind = Exclude<SubjectKind, SubjectKind.PUBLIC_SERVANT>;
const CATEGORY: Record<OrgKind, string> = {
  [SubjectKind.GOVERNMENT]: '11',
  [SubjectKind.DEPARTMENT]: '11',
  [SubjectKind.INSTITUTION]: '12',
  [SubjectKind.TOWNSHIP]: '11',
  [SubjectKind.COMMUNITY]: '54',
  [SubjectKind.ENTERPRISE]: '91',
};

/** Which kinds get records at all, and how many relative to others (times a Pareto draw). */
const OFFENDER: Record<SubjectKind, { chance: number; weight: number }> = {
  [SubjectKind.GOVERNMENT]: { chance: 0.85, weight: 4 },
  [SubjectKind.DEPARTMENT]: { chance: 0.5, weight: 1.5 },
  [SubjectKind.INSTITUTION]: { chance: 0.3, weight: 1 },
  [SubjectKind.TOWNSHIP]: { chance: 0.4, weight: 1 },
  [SubjectKind.COMMUNITY]: { chance: 0.08, weight: 0.5 },
  [SubjectKind.PUBLIC_SERVANT]: { chance: 0.06, weight: 0.3 },
  [SubjectKind.ENTERPRISE]: { chance: 0.3, weight: 1 },
};
const PARETO_ALPHA = 1.15;
const PARETO_CAP = 250;
const KIND_CODES = Object.values(SubjectKind);

const DETAIL_ENDINGS = [
  '经核查属实，责令限期整改。',
  '已于规定期限内完成整改。',
  '逾期未履行，已移送有关部门依法处理。',
  '当事人提出异议，经复核维持原认定。',
  '相关责任人已按干部管理权限处理。',
  '已纳入信用记录并推送联合奖惩系统。',
];

export class BulkGenerator {
  readonly #o: GeneratorOptions;
  readonly #geo: Prng;
  readonly #subjectPrng: Prng;
  readonly #recordPrng: Prng;
  readonly #prefectures: Prefecture[];
  readonly #allCountyRegions: string[];
  readonly #units: Unit[] = [];
  /** Departments by global index: id, servant range, short name and head title (for positions). */
  readonly #deptId: number[] = [];
  readonly #deptServantStart: number[] = [];
  readonly #deptServantCount: number[] = [];
  readonly #deptShort: string[] = [];
  readonly #deptHead: string[] = [];
  readonly #servantKeys: string[] = [];
  readonly #personNumbers = new Set<string>();
  readonly #dates: string[];

  // Subjects that will carry records (the "offenders"), compact columns.
  readonly #oKey: string[] = [];
  readonly #oRegion: string[] = [];
  readonly #oKind: number[] = [];
  readonly #oUnit: number[] = [];
  readonly #oDept: number[] = [];
  readonly #oWeight: number[] = [];

  #listings: ListingRow[] | null = null;
  readonly #serious = {
    offender: [] as number[],
    id: [] as number[],
    offset: [] as number[],
    title: [] as string[],
    category: [] as RecordCategory[],
    domain: [] as RecordDomain[],
    until: [] as string[],
  };
  readonly #windows = new Map<string, (PublicityWindow | undefined)[]>();

  #nextId: number;
  #serial: number;
  #organizations = 0;
  #servants = 0;
  #enterprises = 0;
  #subjectsDone = false;
  #recordsDone = false;

  constructor(options: GeneratorOptions) {
    for (const field of ['subjects', 'records', 'subjectIdBase', 'recordIdBase', 'serialBase'] as const) {
      if (!Number.isSafeInteger(options[field]) || options[field] < 0)
        throw new Error(`${field} must be a non-negative integer`);
    }
    if (options.serialBase + options.subjects > MAX_SERIAL) throw new Error('organization code serials exhausted');
    this.#o = options;
    this.#geo = Prng.derive(options.seed, 'geography');
    this.#subjectPrng = Prng.derive(options.seed, 'subjects');
    this.#recordPrng = Prng.derive(options.seed, 'records');
    this.#nextId = options.subjectIdBase;
    this.#serial = options.serialBase;
    this.#prefectures = this.#buildGeography();
    this.#allCountyRegions = this.#prefectures.flatMap((p) => p.counties.map((c) => c.region));
    this.#dates = Array.from({ length: HISTORY_DAYS + 1 }, (_, offset) => addDays(options.today, -offset));
  }

  /** Counts so far (final once the subject batches are exhausted). */
  get counts() {
    return {
      organizations: this.#organizations,
      servants: this.#servants,
      enterprises: this.#enterprises,
      governments: this.#units.length,
    };
  }

  // ---------------------------------------------------------------- geography

  #buildGeography(): Prefecture[] {
    const prng = this.#geo;
    const byProvince = PROVINCES.map((province) =>
      province.prefectures.map((pref): Prefecture => {
        const used = new Set<string>();
        const counties: County[] = [];
        const add = (first: number, count: number, suffix: County['suffix']) => {
          for (let i = 0; i < count; i++) {
            let name: string;
            do name = prng.pick(PLACE_FIRST) + prng.pick(PLACE_SECOND) + suffix;
            while (used.has(name) || name[0] === name[1]);
            used.add(name);
            counties.push({ region: pref.code + String(first + i).padStart(2, '0'), name, suffix });
          }
        };
        add(1, prng.int(2, 9), '区');
        add(21, prng.int(0, 8), '县');
        add(81, prng.int(0, 3), '市');
        return { ...pref, province, counties };
      }),
    );
    // Interleave provinces so that even a small load spans several of them.
    const order: Prefecture[] = [];
    for (let i = 0; order.length < byProvince.flat().length; i++) {
      for (const list of byProvince) if (list[i]) order.push(list[i]!);
    }
    return order;
  }

  // ---------------------------------------------------------------- subjects

  /**
   * Subject rows in batches, parents before children: organizations unit by unit, then
   * civil servants, then enterprises. Exactly `subjects` rows in total.
   */
  *subjectBatches(batchSize: number): Generator<SubjectRow[]> {
    if (this.#subjectsDone) throw new Error('subject batches were already generated');
    let batch: SubjectRow[] = [];
    for (const row of this.#subjectRows()) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    this.#subjectsDone = true;
  }

  *#subjectRows(): Generator<SubjectRow> {
    const total = this.#o.subjects;
    const orgBudget = Math.min(total, Math.round(total * ORGANIZATION_SHARE));
    for (const row of this.#organizationRows(orgBudget)) {
      if (this.#organizations >= total) return;
      this.#organizations++;
      yield row;
    }
    const servants =
      this.#units.length > 0 ? Math.min(Math.round(total * SERVANT_SHARE), total - this.#organizations) : 0;
    for (const row of this.#servantRows(servants)) {
      this.#servants++;
      yield row;
    }
    const enterprises = total - this.#organizations - this.#servants;
    for (let i = 0; i < enterprises; i++) {
      this.#enterprises++;
      yield this.#enterprise();
    }
  }

  #org(kind: OrgKind, name: string, region: string, parentId: number | null, category = CATEGORY[kind]): SubjectRow {
    // makeUscc() without its input checks (inputs are valid by construction; tests validate the codes).
    const body = bodySerial(this.#serial++);
    const first17 = category + region + body + organizationCodeCheckChar(body);
    const code = first17 + usccCheckChar(first17);
    return {
      id: this.#nextId++,
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

  *#organizationRows(budget: number): Generator<SubjectRow> {
    if (budget <= 0) return;
    const perCounty = 1 + 20 + 8 + 12 * (1 + 12);
    const perCity = 1 + 20 + 12;
    const prefectureCount = Math.min(this.#prefectures.length, Math.max(2, Math.round(budget / 1500)));
    const chosen = this.#prefectures.slice(0, prefectureCount);
    const capacity = chosen.reduce((sum, p) => sum + perCity + p.counties.length * perCounty, 0);
    // Townships and communities scale so the chosen prefectures hold about `budget` organizations.
    const density = Math.sqrt(Math.min(50, Math.max(0.04, budget / capacity)));
    const quota = budget / prefectureCount;
    let emitted = 0;
    for (const [p, pref] of this.#prefectures.entries()) {
      if (emitted >= budget) return;
      const start = emitted;
      const prefQuota = p < prefectureCount ? quota : budget - emitted;
      const city = this.#newUnit(pref, null);
      let cityGovernmentId: number | null = null;
      for (const row of this.#unitRows(city, null, density)) {
        cityGovernmentId ??= row.id;
        emitted++;
        yield row;
      }
      for (const county of pref.counties) {
        if (emitted - start >= prefQuota || emitted >= budget) break;
        for (const row of this.#unitRows(this.#newUnit(pref, county), cityGovernmentId, density)) {
          emitted++;
          yield row;
        }
      }
    }
  }

  #newUnit(pref: Prefecture, county: County | null): Unit {
    return {
      index: -1,
      region: county ? county.region : `${pref.code}00`,
      level: county ? 'county' : 'city',
      place: county ? county.name : `${pref.name}市`,
      suffix: county ? county.suffix : '市',
      provinceAbbr: pref.province.abbr,
      docAbbr: county ? county.name[0]! : pref.abbr,
      governmentId: 0,
      governmentCode: '',
      orgDeptId: 0,
      departments: [],
      townships: [],
      authority: {},
      servantStart: 0,
      servantCount: 0,
    };
  }

  *#unitRows(unit: Unit, parentGovernmentId: number | null, density: number): Generator<SubjectRow> {
    const prng = this.#subjectPrng;
    const { place, suffix, region } = unit;
    const fill = (template: string) => template.replaceAll('{p}', place).replaceAll('{s}', suffix);

    const government = this.#org(SubjectKind.GOVERNMENT, `${place}人民政府`, region, parentGovernmentId);
    unit.governmentId = government.id;
    unit.governmentCode = government.code;
    unit.index = this.#units.length;
    this.#units.push(unit);
    this.#considerOffender(SubjectKind.GOVERNMENT, government.codeKey, region, unit.index, -1);
    yield government;

    const extra = prng.sample(OTHER_DEPARTMENTS, prng.int(5, 15));
    const departments: DeptTemplate[] = [...CORE_DEPARTMENTS, ...extra];
    for (const [i, template] of departments.entries()) {
      let name = fill(template.name);
      if (template.role === 'court' && unit.level === 'city') name = `${place}中级人民法院`;
      const row = this.#org(SubjectKind.DEPARTMENT, name, region, government.id);
      // The organization department comes first: once it exists, the unit can take cadres.
      if (i === 0) unit.orgDeptId = row.id;
      if (template.role) unit.authority[template.role] = row.code;
      const deptIndex = this.#deptId.length;
      this.#deptServantStart.push(0);
      this.#deptServantCount.push(0);
      this.#deptShort.push(template.short);
      this.#deptHead.push(template.head);
      this.#deptId.push(row.id);
      unit.departments.push(deptIndex);
      this.#considerOffender(SubjectKind.DEPARTMENT, row.codeKey, region, unit.index, deptIndex);
      yield row;
    }

    const institutions = [
      ...INSTITUTIONS_ALWAYS,
      ...prng.sample(INSTITUTIONS, unit.level === 'city' ? prng.int(6, 14) : prng.int(3, 9)),
    ];
    for (const [i, template] of institutions.entries()) {
      const row = this.#org(SubjectKind.INSTITUTION, fill(template), region, government.id);
      if (i === 0) unit.authority.tradingCenter = row.code;
      this.#considerOffender(SubjectKind.INSTITUTION, row.codeKey, region, unit.index, -1);
      yield row;
    }

    if (unit.level !== 'county') return;
    const urban = unit.suffix === '区';
    const townships = Math.max(1, Math.round(prng.int(8, 16) * density));
    const townshipNames = new Set<string>();
    for (let t = 0; t < townships; t++) {
      const short = this.#placeName(townshipNames);
      const street = urban || prng.chance(0.15);
      const tShort = street ? `${short}街道` : `${short}${prng.chance(0.75) ? '镇' : '乡'}`;
      const township = this.#org(
        SubjectKind.TOWNSHIP,
        street ? `${place}${tShort}办事处` : `${place}${tShort}人民政府`,
        region,
        government.id,
      );
      unit.townships.push({ id: township.id, name: tShort });
      this.#considerOffender(SubjectKind.TOWNSHIP, township.codeKey, region, unit.index, -1);
      yield township;
      const communities = Math.max(1, Math.round(prng.int(6, 18) * density));
      const communityNames = new Set<string>();
      for (let c = 0; c < communities; c++) {
        const urbanCommunity = street || prng.chance(0.1);
        const cName = `${place}${tShort}${this.#placeName(communityNames)}${urbanCommunity ? '社区居民委员会' : '村村民委员会'}`;
        const community = this.#org(SubjectKind.COMMUNITY, cName, region, township.id);
        this.#considerOffender(SubjectKind.COMMUNITY, community.codeKey, region, unit.index, -1);
        yield community;
      }
    }
  }

  /** A two-character place name not yet in `used` (after a few tries, a repeat is accepted). */
  #placeName(used: Set<string>): string {
    const prng = this.#subjectPrng;
    let name = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      name = prng.pick(PLACE_FIRST) + prng.pick(PLACE_SECOND);
      if (!used.has(name) && name[0] !== name[1]) break;
    }
    used.add(name);
    return name;
  }

  *#servantRows(total: number): Generator<SubjectRow> {
    if (total <= 0) return;
    const prng = this.#subjectPrng;
    const staffed = this.#units.filter((u) => u.orgDeptId !== 0);
    const unitWeights = staffed.map(
      (u) => (u.departments.length + 0.5 * u.townships.length) * (u.level === 'city' ? 1.6 : 1),
    );
    const perUnit = apportion(total, unitWeights);
    for (const [u, unit] of staffed.entries()) {
      const count = perUnit[u]!;
      unit.servantStart = this.#servantKeys.length;
      unit.servantCount = count;
      const townshipShare = unit.townships.length > 0 ? 0.12 : 0;
      const inTownships = Math.round(count * townshipShare);
      const perDept = apportion(
        count - inTownships,
        unit.departments.map(() => 0.4 + prng.next()),
      );
      for (const [i, dept] of unit.departments.entries()) {
        const n = perDept[i]!;
        this.#deptServantStart[dept] = this.#servantKeys.length;
        this.#deptServantCount[dept] = n;
        const short = this.#deptShort[dept]!;
        const head = this.#deptHead[dept]!;
        const deputies = n >= 6 ? prng.int(1, 3) : n >= 3 ? 1 : 0;
        for (let k = 0; k < n; k++) {
          const position =
            k === 0 ? `${short}${head}` : k <= deputies ? `${short}副${head}` : `${short}${RANKS_TABLE.draw(prng)}`;
          yield this.#person(unit, this.#deptId[dept]!, dept, position);
        }
      }
      for (let k = 0; k < inTownships; k++) {
        const township = prng.pick(unit.townships);
        const head = township.name.endsWith('街道') ? '主任' : `${township.name.slice(-1)}长`;
        const title = prng.pick([
          head,
          `副${head}`,
          township.name.endsWith('街道') ? '党工委委员' : '党委委员',
          '科员',
          '一级科员',
          '四级主任科员',
          '三级主任科员',
        ]);
        yield this.#person(unit, township.id, -1, `${township.name}${title}`);
      }
    }
  }

  #person(unit: Unit, parentId: number, deptIndex: number, position: string): SubjectRow {
    const prng = this.#subjectPrng;
    const region =
      prng.chance(0.75) || this.#allCountyRegions.length === 0 ? unit.region : prng.pick(this.#allCountyRegions);
    let code: string;
    let key: string;
    for (;;) {
      const year = prng.int(1960, 2000);
      const month = prng.int(1, 12);
      const day = prng.int(1, daysIn(year, month));
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      code = makeResidentId(region, birth, prng.int(0, 999));
      const first17 = code.slice(0, 17);
      if (this.#personNumbers.has(first17)) continue;
      key = this.#o.keys.pii.lookupKey(code);
      if (this.#o.isTakenPersonKey?.(key)) continue;
      this.#personNumbers.add(first17);
      break;
    }
    const surname = SURNAMES[Math.floor(SURNAMES.length * prng.next() ** 2)]!;
    const name = surname + prng.pick(GIVEN_CHARS) + (prng.chance(0.7) ? prng.pick(GIVEN_CHARS) : '');
    this.#servantKeys.push(key);
    const row: SubjectRow = {
      id: this.#nextId++,
      kind: SubjectKind.PUBLIC_SERVANT,
      name,
      code,
      codeKey: key,
      codeDisplay: maskResidentId(code),
      codeCipher: this.#o.keys.pii.encrypt(code),
      regionCode: unit.region,
      parentId,
      position,
      managedById: unit.orgDeptId,
    };
    this.#considerOffender(SubjectKind.PUBLIC_SERVANT, key, unit.region, unit.index, deptIndex);
    return row;
  }

  #enterprise(): SubjectRow {
    const prng = this.#subjectPrng;
    let region: string;
    let unit: Unit | undefined;
    let label: string;
    if (this.#units.length > 0) {
      unit = this.#units[Math.floor(prng.next() * this.#units.length)]!;
      region = unit.region;
      label = unit.level === 'city' || prng.chance(0.4) ? unit.place.replace(/市$/, '') : unit.place;
    } else {
      const pref = prng.pick(this.#prefectures);
      region = `${pref.code}00`;
      label = pref.name;
    }
    const brand = prng.pick(ENTERPRISE_BRANDS) + prng.pick(ENTERPRISE_BRANDS);
    const individual = prng.chance(0.03);
    const name = individual
      ? `${label}${brand}${prng.pick(INDIVIDUAL_SUFFIXES)}`
      : this.#enterpriseName(prng.chance(0.15) && unit ? PROVINCE_NAME.get(region.slice(0, 2))! : label, brand);
    const row = this.#org(SubjectKind.ENTERPRISE, name, region, null, individual ? '92' : '91');
    if (unit) this.#considerOffender(SubjectKind.ENTERPRISE, row.codeKey, region, unit.index, -1);
    return row;
  }

  #enterpriseName(label: string, brand: string): string {
    const prng = this.#subjectPrng;
    return `${label}${brand}${prng.pick(ENTERPRISE_INDUSTRIES)}${SUFFIX_TABLE.draw(prng)}`;
  }

  /** Decides whether a subject will carry records, and how many relative to others. */
  #considerOffender(kind: SubjectKind, key: string, region: string, unitIndex: number, deptIndex: number): void {
    if (this.#o.records === 0) return;
    const prng = this.#recordPrng;
    const profile = OFFENDER[kind];
    if (!prng.chance(profile.chance)) return;
    this.#oKey.push(key);
    this.#oRegion.push(region);
    this.#oKind.push(KIND_CODES.indexOf(kind));
    this.#oUnit.push(unitIndex);
    this.#oDept.push(deptIndex);
    this.#oWeight.push(profile.weight * prng.pareto(PARETO_ALPHA, PARETO_CAP));
  }

  // ---------------------------------------------------------------- records

  /** Record rows in batches (after the subjects): `records` rows in total. */
  *recordBatches(batchSize: number): Generator<RecordRow[]> {
    if (!this.#subjectsDone) throw new Error('generate the subjects first');
    if (this.#recordsDone) throw new Error('record batches were already generated');
    const total = this.#o.records;
    if (total > 0 && this.#oKey.length === 0) throw new Error('no subjects to attach records to (load more subjects)');
    const alias = total > 0 ? new AliasTable(this.#oWeight) : null;
    const tables = new Map(
      KIND_CODES.map((kind) => [kind, new WeightedTable(TEMPLATES_BY_KIND[kind].map((t) => [t, t.weight] as const))]),
    );
    let batch: RecordRow[] = [];
    for (let i = 0; i < total; i++) {
      const offender = alias!.draw(this.#recordPrng);
      batch.push(this.#record(this.#o.recordIdBase + i, offender, tables));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    this.#recordsDone = true;
  }

  #record(id: number, offender: number, tables: Map<SubjectKind, WeightedTable<RecordTemplate>>): RecordRow {
    const prng = this.#recordPrng;
    const kind = KIND_CODES[this.#oKind[offender]!]!;
    const unit = this.#units[this.#oUnit[offender]!]!;
    const template = tables.get(kind)!.draw(prng);
    const honor = template.category === RecordCategory.COMMENDATION;
    const nature = honor ? RecordNature.HONOR : RecordNature.DISHONESTY;
    const severity = !honor && prng.chance(template.serious) ? Severity.SERIOUS : Severity.GENERAL;
    const domain = template.domains.length === 1 ? template.domains[0]! : prng.pick(template.domains);
    const offset = Math.floor(HISTORY_DAYS * prng.next() ** 1.15);
    const decidedAt = this.#dates[offset]!;
    const year = decidedAt.slice(0, 4);
    const person = kind === SubjectKind.PUBLIC_SERVANT;
    const r = prng.next();
    const disclosure = person
      ? r < 0.55
        ? Disclosure.RESTRICTED
        : Disclosure.GOVERNMENT
      : honor
        ? r < 0.9
          ? Disclosure.PUBLIC
          : Disclosure.GOVERNMENT
        : r < 0.78
          ? Disclosure.PUBLIC
          : r < 0.96
            ? Disclosure.GOVERNMENT
            : Disclosure.RESTRICTED;
    const tolerated = !honor && kind !== SubjectKind.ENTERPRISE && prng.chance(person ? 0.01 : 0.03);
    const title = prng.pick(template.titles);
    const details = prng.chance(0.6) ? `${title}。${prng.pick(DETAIL_ENDINGS)}` : null;
    const legalBasis = template.legalBasis.length > 0 && prng.chance(0.85) ? prng.pick(template.legalBasis) : null;
    const documentNo = this.#documentNo(template, unit, year);
    const authority = unit.authority[template.authority] ?? null;
    const decidingAuthorityCode = authority && prng.chance(0.92) ? authority : null;
    const source = BULK_SOURCES[template.role]!;
    const externalId = `${source.prefix}-${year}-${id}`;

    let responsible: string[] = [];
    if (!honor && (kind === SubjectKind.DEPARTMENT || kind === SubjectKind.GOVERNMENT)) {
      if (prng.chance(kind === SubjectKind.DEPARTMENT ? 0.35 : 0.15)) {
        const dept = this.#oDept[offender]!;
        let start = unit.servantStart;
        let count = unit.servantCount;
        if (dept >= 0 && this.#deptServantCount[dept]! > 0) {
          start = this.#deptServantStart[dept]!;
          count = this.#deptServantCount[dept]!;
        }
        if (count > 0) {
          const first = start + Math.floor(prng.next() * count);
          responsible = [this.#servantKeys[first]!];
          if (count > 1 && prng.chance(0.35)) {
            const second = start + ((first - start + 1 + Math.floor(prng.next() * (count - 1))) % count);
            responsible.push(this.#servantKeys[second]!);
          }
          responsible.sort();
        }
      }
    }

    const subjectKey = this.#oKey[offender]!;
    const window = this.#window(template, nature, severity, offset);
    // The fields a submission hashes (record.service.ts row()), responsible persons included.
    const hash = recordContentHash({
      subject_key: subjectKey,
      external_id: externalId,
      nature,
      category: template.category,
      domain,
      severity,
      title,
      details,
      legal_basis: legalBasis,
      document_no: documentNo,
      decided_at: decidedAt,
      deciding_authority_code: decidingAuthorityCode,
      disclosure,
      tolerated,
      responsible,
    });
    const row: RecordRow = {
      id,
      subjectKey,
      subjectRegion: this.#oRegion[offender]!,
      sourceSystem: source.system,
      sourceRole: template.role,
      externalId,
      nature,
      category: template.category,
      domain,
      severity,
      title,
      details,
      legalBasis,
      documentNo,
      decidedAt,
      decidingAuthorityCode,
      disclosure,
      tolerated,
      publicUntil: window.until,
      repairableFrom: window.repairableFrom,
      policyVersion: this.#o.policy.version,
      contentHash: hash,
      responsible,
    };
    if (severity === Severity.SERIOUS && !tolerated && !person) this.#noteSerious(offender, row, offset);
    return row;
  }

  #documentNo(template: RecordTemplate, unit: Unit, year: string): string | null {
    const prng = this.#recordPrng;
    const n = prng.int(1, template.document === 'court' ? 9999 : 300);
    switch (template.document) {
      case 'court': {
        const court = unit.region.slice(2, 4) + (unit.level === 'county' ? unit.region.slice(4, 6) : '');
        return `（${year}）${unit.provinceAbbr}${court}${prng.pick(template.courtType ?? ['民初'])}${n}号`;
      }
      case 'penalty':
        return `${unit.docAbbr}${AUTHORITY_ABBR[template.authority]}罚〔${year}〕${n}号`;
      case 'decision':
        return prng.chance(0.7) ? `${unit.docAbbr}${AUTHORITY_ABBR[template.authority]}〔${year}〕${n}号` : null;
      case 'discipline':
        return prng.chance(0.5) ? `${unit.docAbbr}纪处〔${year}〕${n}号` : null;
      default:
        return null;
    }
  }

  /** publicityWindow() of the policy, cached per category, severity and decision day. */
  #window(template: RecordTemplate, nature: RecordNature, severity: Severity, offset: number): PublicityWindow {
    const cacheKey = `${template.category}|${severity}`;
    let byDay = this.#windows.get(cacheKey);
    if (!byDay) {
      byDay = new Array<PublicityWindow | undefined>(this.#dates.length);
      this.#windows.set(cacheKey, byDay);
    }
    let window = byDay[offset];
    if (!window) {
      window = publicityWindow(
        { nature, severity, category: template.category, decidedAt: this.#dates[offset]! },
        this.#o.policy,
      );
      byDay[offset] = window;
    }
    return window;
  }

  /** Serious dishonesty records of organizations: the candidates for listings. */
  #noteSerious(offender: number, record: RecordRow, offset: number): void {
    const c = this.#serious;
    c.offender.push(offender);
    c.id.push(record.id);
    c.offset.push(offset);
    c.title.push(record.title);
    c.category.push(record.category);
    c.domain.push(record.domain);
    c.until.push(record.publicUntil);
  }

  /**
   * Listings, decided once all records exist. In force: about LISTED_SHARE of the
   * organizations whose latest serious dishonesty record is still public, listed on it (those
   * with more serious records more likely). Ended: a quarter as many again, listed long ago
   * on a serious record whose publicity is over. A few were delisted early (credit repair).
   */
  #decideListings(): ListingRow[] {
    if (this.#listings) return this.#listings;
    const prng = Prng.derive(this.#o.seed, 'listings');
    const c = this.#serious;
    const byOffender = new Map<number, number[]>();
    for (let i = 0; i < c.offender.length; i++) {
      const list = byOffender.get(c.offender[i]!);
      if (list) list.push(i);
      else byOffender.set(c.offender[i]!, [i]);
    }
    const current: number[] = [];
    const ended: number[] = [];
    for (const offender of [...byOffender.keys()].sort((a, b) => a - b)) {
      // Latest first.
      const list = byOffender.get(offender)!.sort((a, b) => c.offset[a]! - c.offset[b]! || a - b);
      (c.until[list[0]!]! >= this.#o.today ? current : ended).push(offender);
    }
    const pick = (pool: number[], share: number) => {
      const k = pool.length === 0 ? 0 : Math.max(1, Math.round(pool.length * share));
      // Weighted sampling without replacement (Efraimidis-Spirakis): key u^(1/w), largest k.
      return pool
        .map((offender) => ({ offender, key: prng.next() ** (1 / byOffender.get(offender)!.length) }))
        .sort((a, b) => b.key - a.key || a.offender - b.offender)
        .slice(0, k)
        .map((x) => x.offender);
    };
    const chosen = [...pick(current, LISTED_SHARE), ...pick(ended, LISTED_SHARE / 4)].sort((a, b) => a - b);
    this.#listings = chosen.map((offender) => {
      const serious = byOffender.get(offender)!;
      const inForce = c.until[serious[0]!]! >= this.#o.today;
      // In force: the latest serious finding (and maybe earlier ones); ended: an old one.
      const main = inForce ? serious[0]! : serious[serious.length - 1]!;
      const others = serious.filter(
        (i) => i !== main && (inForce ? c.until[i]! >= this.#o.today : c.offset[i]! >= c.offset[main]! - 180),
      );
      const reasons = [main, ...others.filter(() => prng.chance(0.3)).slice(0, 2)];
      const kind = KIND_CODES[this.#oKind[offender]!]!;
      const unit = this.#units[this.#oUnit[offender]!]!;
      const tender = kind === SubjectKind.ENTERPRISE && c.domain[main] === RecordDomain.TENDERING;
      const listedBy = tender ? BULK_SOURCES.TENDERING!.system : BULK_SOURCES.CREDIT_OFFICE!.system;
      const startOffset = Math.max(0, c.offset[main]! - prng.int(7, 45));
      const delisted = startOffset > 200 && prng.chance(0.04);
      return {
        id: 0,
        subjectKey: this.#oKey[offender]!,
        subjectRegion: this.#oRegion[offender]!,
        listType: tender ? ListType.TENDER_BLACKLIST : ListType.SERIOUS_DISHONESTY,
        reason: tender ? `${c.title[main]}，列入招标投标不良行为黑名单` : `${c.title[main]}，认定为严重失信主体`,
        legalBasis: listingLegalBasis(c.category[main]!, tender),
        authorityCode: (tender ? unit.authority.tradingCenter : unit.authority.creditOffice) ?? unit.governmentCode,
        listedBy,
        startsOn: this.#dates[startOffset]!,
        endsOn: reasons
          .map((i) => c.until[i]!)
          .sort()
          .at(-1)!,
        delistedAt: delisted ? `${this.#dates[startOffset - 180]} 10:00:00+08` : null,
        delistReason: delisted ? '完成信用修复，提前移出名单' : null,
        delistedBy: delisted ? listedBy : null,
        recordIds: reasons.map((i) => c.id[i]!).sort((a, b) => a - b),
      };
    });
    return this.#listings;
  }

  /** The listings (once the records are generated), with ids from `idBase` on. */
  listings(idBase: number): ListingRow[] {
    if (!this.#recordsDone && this.#o.records > 0) throw new Error('generate the records first');
    return this.#decideListings().map((listing, i) => ({
      ...listing,
      id: idBase + i,
      recordIds: [...listing.recordIds],
    }));
  }

  get listingCount(): number {
    if (!this.#recordsDone && this.#o.records > 0) throw new Error('generate the records first');
    return this.#decideListings().length;
  }
}

const RANKS_TABLE = new WeightedTable(RANKS);
const SUFFIX_TABLE = new WeightedTable(ENTERPRISE_SUFFIXES);
const PROVINCE_NAME = new Map(PROVINCES.map((p) => [p.code, p.name.replace(/省$/, '')]));
const AUTHORITY_ABBR: Record<Authority, string> = {
  orgDept: '组',
  discipline: '纪',
  court: '法',
  creditOffice: '发改',
  finance: '财',
  housing: '住建',
  commerce: '商',
  statistics: '统',
  environment: '环',
  market: '市监',
  tradingCenter: '公管',
};

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Splits `total` into integer parts proportional to `weights` (largest remainders, stable). */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new Error('apportion needs a positive total weight');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]![1]]!++;
  return parts;
}
