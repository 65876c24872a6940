import fs from 'node:fs';
import path from 'node:path';
import { makePrincipal, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { addDays, today } from '../../src/common/dates';
import type { HubServices } from '../../src/services';
import { makeResidentId, makeUscc } from '../../src/identity';
import type { ArchiveEntryInput } from '../../src/subgraphs/archives/archive.input';
import { ArchiveRecording } from '../../src/subgraphs/archives/archive.service';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../../src/subgraphs/archives/enums';
import {
  Disclosure,
  ListType,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../src/subgraphs/records/enums';
import { ListingService } from '../../src/subgraphs/records/lists/listing.service';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { RecordSubmission } from '../../src/subgraphs/records/findings/record.service';
import { SubjectKind } from '../../src/common/subject-kind';
import { SubjectRegistry } from '../../src/subgraphs/subjects/subject.service';
import type { SubjectDraft } from '../../src/subgraphs/subjects/subject.validation';
import { loadDemoData } from '../../src/seed/demo';
import { sql, truncateHubTables, type BenchDatabase } from './database';
import type { BenchOptions } from './options';

/** A small deterministic PRNG (mulberry32): the same seed gives the same dataset and workload. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export const YANCHENG = [
  '320900',
  '320902',
  '320903',
  '320904',
  '320921',
  '320922',
  '320923',
  '320924',
  '320925',
  '320981',
];
const ELSEWHERE = ['410300', '410302', '320100', '320200'];

/** Subjects the ingest scenario pushes findings about: owned by the benchmark, written by nothing else. */
export const INGEST_TARGETS = 200;
const INGEST_BODY_BASE = 60_000_000;
const SEED_BODY_BASE = 30_000_000;
const UNKNOWN_BODY_BASE = 90_000_000;
const ARCHIVE_BODY_BASE = 70_000_000;

export function ingestTargetCodes(): string[] {
  return Array.from({ length: INGEST_TARGETS }, (_, i) =>
    makeUscc('91', YANCHENG[i % YANCHENG.length], String(INGEST_BODY_BASE + i)),
  );
}

/** Valid codes nobody registers (the "unknown" part of a blacklist batch). */
export function unknownCode(i: number): string {
  return makeUscc('91', YANCHENG[i % YANCHENG.length], String(UNKNOWN_BODY_BASE + i));
}

const FALLBACK_MAX = { subjects: 200_000, records: 600_000 };

export interface DatasetInfo {
  source: 'bulkSeed' | 'fallback' | 'existing';
  seedSeconds: number;
  subjects: number;
  persons: number;
  records: number;
  listings: number;
  activeListings: number;
  /** The archive scenario's cadres, their integrity-file entries and the dishonesty records naming them. */
  cadres: number;
  archiveEntries: number;
  cadreRecords: number;
}

async function counts(db: BenchDatabase, day: string) {
  const [row] = await sql(
    db.runtime,
    `SELECT
      (SELECT count(*)::int FROM subjects.subject) AS subjects,
      (SELECT count(*)::int FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT') AS persons,
      (SELECT count(*)::int FROM records.credit_record) AS records,
      (SELECT count(*)::int FROM records.listing) AS listings,
      (SELECT count(*)::int FROM records.listing l WHERE l.delisted_at IS NULL AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)) AS active`,
    [day, day],
  );
  return {
    subjects: row.subjects as number,
    persons: row.persons as number,
    records: row.records as number,
    listings: row.listings as number,
    activeListings: row.active as number,
  };
}

/** What the benchmark uses of src/seed/bulk (loaded lazily: it may not be built). */
type BulkSeed = (
  services: HubServices,
  options: { subjects: number; records: number; seed: number; progress?: boolean; log?: (line: string) => void },
) => Promise<unknown>;

/**
 * The bulk seeder (src/seed/bulk, written separately) when it has been built; undefined
 * otherwise. Loaded by path so the benchmark compiles with or without it.
 */
function findBulkSeed(): BulkSeed | undefined {
  const compiled = path.resolve(__dirname, '..', '..', 'src', 'seed', 'bulk', 'index.js');
  if (!fs.existsSync(compiled)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(compiled) as { bulkSeed?: BulkSeed };
  return typeof module.bulkSeed === 'function' ? module.bulkSeed : undefined;
}

/**
 * Makes sure the database holds a dataset of the asked size: bulkSeed when it exists,
 * otherwise the demo data plus a generated set pushed through the hub's own services.
 * Either way the benchmark tops up what its scenarios need (active listings, ingest targets).
 */
export async function ensureDataset(
  db: BenchDatabase,
  options: BenchOptions,
  log: (message: string) => void,
): Promise<DatasetInfo> {
  const { services } = db.runtime;
  const day = today();
  if (options.reset) {
    log('emptying the credit-hub tables (--reset)');
    await truncateHubTables(db.runtime);
  }
  const before = await counts(db, day);
  const want = options.dataset;
  const started = Date.now();
  let source: DatasetInfo['source'] = 'existing';
  const bulkSeed = findBulkSeed();
  const target = bulkSeed
    ? want
    : {
        ...want,
        subjects: Math.min(want.subjects, FALLBACK_MAX.subjects),
        records: Math.min(want.records, FALLBACK_MAX.records),
      };
  if (before.subjects < target.subjects * 0.95 || before.records < target.records * 0.95) {
    if (bulkSeed) {
      source = 'bulkSeed';
      // bulkSeed appends: ask for what is missing.
      const subjects = Math.max(0, want.subjects - before.subjects);
      const records = Math.max(0, want.records - before.records);
      log(`seeding with bulkSeed (src/seed/bulk): ${subjects} subjects, ${records} records more (seed ${want.seed})`);
      await bulkSeed(services, {
        subjects,
        records,
        seed: want.seed,
        progress: process.stderr.isTTY === true,
        log: (line) => log(`  bulkSeed: ${line}`),
      });
    } else {
      source = 'fallback';
      // Through the services the fallback manages ~5,000 rows/s: cap it so a run stays within minutes.
      const capped = {
        ...want,
        subjects: Math.min(want.subjects, FALLBACK_MAX.subjects),
        records: Math.min(want.records, FALLBACK_MAX.records),
      };
      log(
        `src/seed/bulk is not built: seeding the demo data plus a generated set (${capped.subjects} subjects, ${capped.records} records${capped.subjects < want.subjects || capped.records < want.records ? ', capped' : ''}) through the hub's services`,
      );
      await fallbackSeed(services, capped, log);
    }
  }
  await ensureIngestTargets(services);
  // 2 % of the subjects (at most 3000, made one by one through ListingService) on a list.
  await ensureListings(db, services, Math.min(3000, Math.max(12, Math.round(want.subjects * 0.02))), want.seed, log);
  // After the listings: the cadres' findings are not meant to put anyone on a list.
  const archive = await ensureArchiveCadres(db, services, want.cadres, log);
  await sql(db.runtime, 'ANALYZE');
  const after = await counts(db, day);
  return { source, seedSeconds: Math.round((Date.now() - started) / 100) / 10, ...after, ...archive };
}

async function ensureIngestTargets(services: HubServices): Promise<void> {
  const drafts: SubjectDraft[] = ingestTargetCodes().map((code, i) => ({
    kind: SubjectKind.ENTERPRISE,
    name: `基准测试推送对象${i + 1}号有限公司`,
    code,
    regionCode: YANCHENG[i % YANCHENG.length],
  }));
  await new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
}

const ORG_CATEGORIES = [
  C.ADMINISTRATIVE_PENALTY,
  C.CONTRACT_BREACH,
  C.ARREARS,
  C.ENFORCEMENT_DEFAULT,
  C.LITIGATION_LOST,
  C.COMMITMENT_BREACH,
  C.JUDICIAL_JUDGMENT,
  C.STATISTICAL_FRAUD,
];
const PERSON_CATEGORIES = [C.DISCIPLINARY_SANCTION, C.ACCOUNTABILITY];
const DOMAINS = Object.values(D);
const ENTERPRISE_WORDS = [
  '建设工程',
  '市政工程',
  '环保科技',
  '信息技术',
  '劳务',
  '物业管理',
  '农业开发',
  '招标代理',
  '工程咨询',
  '商贸',
];
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰'];

/** The i-th generated subject: deterministic, so seeding is idempotent and resumable. */
export function generatedSubject(i: number): SubjectDraft {
  const region = i % 10 === 9 ? ELSEWHERE[i % ELSEWHERE.length] : YANCHENG[i % YANCHENG.length];
  const bucket = i % 100;
  if (bucket < 7) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 12_000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replace(/-/g, '');
    return {
      kind: SubjectKind.PUBLIC_SERVANT,
      name: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[Math.floor(i / 100) % 10]}`,
      code: makeResidentId(region, birth, Math.floor(i / 12_000) % 1000),
      regionCode: region,
    };
  }
  const body = String(SEED_BODY_BASE + i);
  if (bucket < 12)
    return {
      kind: SubjectKind.INSTITUTION,
      name: `基准事业单位${i}`,
      code: makeUscc('12', region, body),
      regionCode: region,
    };
  if (bucket < 15)
    return {
      kind: SubjectKind.DEPARTMENT,
      name: `基准政府部门${i}`,
      code: makeUscc('11', region, body),
      regionCode: region,
    };
  return {
    kind: SubjectKind.ENTERPRISE,
    name: `基准${ENTERPRISE_WORDS[i % 10]}有限公司${i}`,
    code: makeUscc('91', region, body),
    regionCode: region,
  };
}

/** The j-th generated record (about one of the first 40 % of the subjects). */
export function generatedRecord(j: number, subjects: number, random: () => number, day: string): RecordInput {
  const withRecords = Math.max(1, Math.floor(subjects * 0.4));
  const subject = generatedSubject(Math.floor(random() * withRecords));
  const person = subject.kind === SubjectKind.PUBLIC_SERVANT;
  const honor = !person && random() < 0.1;
  const disclosureRoll = random();
  return {
    externalId: `BENCH-SEED-${j}`,
    subject: { code: subject.code, name: subject.name, kind: subject.kind, regionCode: subject.regionCode },
    nature: honor ? RecordNature.HONOR : RecordNature.DISHONESTY,
    category: honor ? C.COMMENDATION : pick(random, person ? PERSON_CATEGORIES : ORG_CATEGORIES),
    domain: pick(random, DOMAINS),
    severity: random() < 0.25 ? Severity.SERIOUS : Severity.GENERAL,
    title: honor ? '履约评价优秀' : '基准测试失信记录',
    details: '基准测试生成的记录。',
    legalBasis: null,
    documentNo: `基准〔${2020 + (j % 7)}〕${j}号`,
    decidedAt: addDays(day, -Math.floor(random() * 1400)),
    decidingAuthorityCode: null,
    disclosure: person ? Disclosure.RESTRICTED : disclosureRoll < 0.7 ? Disclosure.PUBLIC : Disclosure.GOVERNMENT,
    responsiblePersonCodes: null,
    tolerated: random() < 0.02,
  };
}

async function fallbackSeed(
  services: HubServices,
  want: BenchOptions['dataset'],
  log: (message: string) => void,
): Promise<void> {
  const [demo] = await services.orm.em
    .fork()
    .getConnection()
    .execute(`SELECT EXISTS (SELECT 1 FROM records.listing WHERE listed_by = 'yancheng-credit-office') AS loaded`);
  if (!demo.loaded) await loadDemoData(services);
  const day = today();
  const started = Date.now();
  const SUBJECT_BATCH = 1000;
  for (let from = 0; from < want.subjects; from += SUBJECT_BATCH) {
    const drafts = Array.from({ length: Math.min(SUBJECT_BATCH, want.subjects - from) }, (_, k) =>
      generatedSubject(from + k),
    );
    await new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
    if ((from / SUBJECT_BATCH) % 20 === 19)
      log(`  subjects: ${from + drafts.length}/${want.subjects} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const pusher = makePrincipal({ sub: 'bench-seed', role: Role.CREDIT_OFFICE, region: '' });
  const random = rng(want.seed);
  const RECORD_BATCH = 500;
  const recordsStarted = Date.now();
  for (let from = 0; from < want.records; from += RECORD_BATCH) {
    const batch = Array.from({ length: Math.min(RECORD_BATCH, want.records - from) }, (_, k) =>
      generatedRecord(from + k, want.subjects, random, day),
    );
    const em = services.orm.em.fork();
    await new RecordSubmission(
      em,
      services.subjectDirectory(em),
      services.creditPolicy,
      day,
      services.evaluation,
    ).submit(pusher, batch);
    if ((from / RECORD_BATCH) % 40 === 39)
      log(`  records: ${from + batch.length}/${want.records} (${Math.round((Date.now() - recordsStarted) / 1000)} s)`);
  }
}

/**
 * At least `wanted` listings on the lists, a tenth of them already ended (listed: false),
 * resting on real dishonesty records, made through ListingService as the list authorities.
 */
async function ensureListings(
  db: BenchDatabase,
  services: HubServices,
  wanted: number,
  seed: number,
  log: (message: string) => void,
): Promise<void> {
  const day = today();
  const [{ n }] = await sql(db.runtime, 'SELECT count(*)::int AS n FROM records.listing');
  const missing = wanted - n;
  if (missing <= 0) return;
  const candidates = await sql<{
    id: string;
    subject_key: string;
    kind: string;
    code_display: string;
    code_cipher: string | null;
    region_code: string;
    public_until: string;
  }>(
    db.runtime,
    `SELECT DISTINCT ON (r.subject_key) r.id::text, r.subject_key, s.kind, s.code_display, s.code_cipher, s.region_code,
            to_char(r.public_until, 'YYYY-MM-DD') AS public_until
     FROM records.credit_record r JOIN subjects.subject s ON s.code_key = r.subject_key
     WHERE r.nature = 'DISHONESTY' AND r.status = 'ACTIVE' AND r.public_until > ?::date
       AND r.external_id NOT LIKE 'BENCH-ARCHIVE-%'
       AND NOT EXISTS (SELECT 1 FROM records.listing l WHERE l.subject_key = r.subject_key)
     ORDER BY r.subject_key, r.id LIMIT ?`,
    [day, missing * 3],
  );
  const random = rng(seed + 1);
  const chosen = candidates.sort(() => random() - 0.5).slice(0, missing);
  log(`listing ${chosen.length} subjects (ListingService)`);
  const authorities: Record<ListType, Principal> = {
    [ListType.SERIOUS_DISHONESTY]: makePrincipal({ sub: 'bench-credit-office', role: Role.CREDIT_OFFICE, region: '' }),
    [ListType.TENDER_BLACKLIST]: makePrincipal({ sub: 'bench-tendering', role: Role.TENDERING, region: '' }),
  };
  for (const [i, row] of chosen.entries()) {
    const listType = i % 5 < 3 ? ListType.SERIOUS_DISHONESTY : ListType.TENDER_BLACKLIST;
    const code = row.code_cipher ? services.keys.pii.decrypt(row.code_cipher) : row.code_display;
    const ended = i % 10 === 9;
    const em = services.orm.em.fork();
    await new ListingService(em, services.subjectDirectory(em), day).list(
      authorities[listType],
      {
        subject: { code },
        listType,
        reason: '基准测试名单',
        legalBasis: '国办发〔2020〕49号',
        reasonRecordIds: [row.id],
        startsOn: ended ? addDays(day, -400) : addDays(day, -30),
        endsOn: ended ? addDays(day, -35) : null,
      },
      async () => [
        {
          id: row.id,
          subjectKey: row.subject_key,
          nature: 'DISHONESTY',
          status: 'ACTIVE',
          publicUntil: row.public_until,
        },
      ],
    );
  }
}

// ---------------------------------------------------------------------------------------
// The archive scenario: an organization department of the bench region and the cadres it
// manages, each with an integrity file of ENTRIES_PER_CADRE entries and a few dishonesty
// records naming them. Owned by the benchmark (codes no seeder uses), written through the
// hub's own services (SubjectRegistry, ArchiveRecording, RecordSubmission: validated and
// idempotent), so any dataset, bulk-seeded or not, gains it without a reseed.

export const ENTRIES_PER_CADRE = 20;
/** The organization department that reads (and manages) the cadres: 盐城市委组织部 of the benchmark. */
export const BENCH_ORG_DEPT_CODE = makeUscc('11', '320900', String(ARCHIVE_BODY_BASE));
const BENCH_DISCIPLINE_CODE = makeUscc('11', '320900', String(ARCHIVE_BODY_BASE + 1));
const ARCHIVE_UNITS = ['市发展和改革委员会', '市住房和城乡建设局', '市财政局', '市交通运输局'].map((name, u) => ({
  name: `基准测试${name}`,
  code: makeUscc('11', '320900', String(ARCHIVE_BODY_BASE + 2 + u)),
}));
const POSITIONS = ['处长', '副处长', '一级主任科员', '二级主任科员', '科长'];
/** Who records what: the department (assessments, reports, training, pledges, commendations) and discipline inspection. */
const ARCHIVE_WRITERS = {
  orgDept: makePrincipal({
    sub: 'bench-archive-org-dept',
    role: Role.ORG_DEPT,
    region: '320900',
    org: BENCH_ORG_DEPT_CODE,
  }),
  discipline: makePrincipal({
    sub: 'bench-archive-discipline',
    role: Role.DISCIPLINE,
    region: '320900',
    org: BENCH_DISCIPLINE_CODE,
  }),
  creditOffice: makePrincipal({ sub: 'bench-archive-credit-office', role: Role.CREDIT_OFFICE, region: '' }),
};

/**
 * The i-th cadre's resident ID number: born 1950-1958 (no seeder draws those years) with a
 * sequence from 900 up, in the counties of 盐城.
 */
export function archiveCadreCode(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return makeResidentId(YANCHENG[i % YANCHENG.length], birth, 900 + (Math.floor(i / 3000) % 100));
}

export function archiveCadreCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => archiveCadreCode(i));
}

function cadreDraft(i: number): SubjectDraft {
  const unit = ARCHIVE_UNITS[i % ARCHIVE_UNITS.length];
  return {
    kind: SubjectKind.PUBLIC_SERVANT,
    name: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[(i + 3) % 10]}`,
    code: archiveCadreCode(i),
    regionCode: YANCHENG[i % YANCHENG.length],
    parentCode: unit.code,
    position: `${unit.name.replace('基准测试', '')}${POSITIONS[i % POSITIONS.length]}`,
    managedByCode: BENCH_ORG_DEPT_CODE,
  };
}

/** The i-th cadre's file: 17 entries by the organization department, 3 by discipline inspection. */
export function cadreEntries(
  i: number,
  day: string,
): { orgDept: ArchiveEntryInput[]; discipline: ArchiveEntryInput[] } {
  const code = archiveCadreCode(i);
  const lastYear = Number(day.slice(0, 4)) - 1;
  const grades = [G.COMPETENT, G.EXCELLENT, G.COMPETENT, G.COMPETENT, G.BASICALLY_COMPETENT, G.COMPETENT, G.EXCELLENT];
  let j = 0;
  const entry = (
    kind: K,
    year: number,
    title: string,
    occurredOn: string,
    extra: Partial<ArchiveEntryInput> = {},
  ): ArchiveEntryInput => ({
    externalId: `BENCH-ARCHIVE-${i}-${j++}`,
    personCode: code,
    kind,
    year,
    title,
    occurredOn,
    content: null,
    grade: null,
    ...extra,
  });
  const orgDept: ArchiveEntryInput[] = [];
  for (let y = 0; y < 10; y += 1) {
    const year = lastYear - y;
    orgDept.push(
      entry(K.ANNUAL_ASSESSMENT, year, `${year}年度考核`, `${year}-12-${String(10 + (i % 18)).padStart(2, '0')}`, {
        grade: grades[(i + y) % grades.length],
      }),
    );
  }
  for (let y = 0; y < 3; y += 1) {
    const year = lastYear - y;
    orgDept.push(
      entry(
        K.PERSONAL_MATTERS_REPORT,
        year,
        `${year}年个人有关事项报告`,
        `${year}-03-${String(1 + (i % 28)).padStart(2, '0')}`,
        {
          content: '本人婚姻、房产、投资及配偶子女从业情况如实报告。',
        },
      ),
    );
  }
  orgDept.push(entry(K.INTEGRITY_TRAINING, lastYear, '政务诚信专题培训（8学时）', `${lastYear}-09-15`));
  orgDept.push(entry(K.INTEGRITY_TRAINING, lastYear - 2, '廉洁从政专题培训（4学时）', `${lastYear - 2}-05-20`));
  orgDept.push(
    entry(K.PLEDGE, lastYear, '领导干部诚信承诺书', `${lastYear}-02-10`, {
      content: '依法行政、诚实守信、不违规干预市场活动。',
    }),
  );
  orgDept.push(entry(K.COMMENDATION, lastYear - 1 - (i % 5), '全市优秀公务员', `${lastYear - 1 - (i % 5)}-12-28`));
  const discipline = [
    entry(K.CLEAN_GOVERNMENT_RECORD, lastYear, '廉政档案（年度）', `${lastYear}-12-31`, {
      content: '未发现违反廉洁纪律问题。',
    }),
    entry(K.CLEAN_GOVERNMENT_RECORD, lastYear - 1, '廉政档案（年度）', `${lastYear - 1}-12-31`, {
      content: '未发现违反廉洁纪律问题。',
    }),
    i % 4 === 3
      ? entry(K.DISCIPLINARY_ACTION, lastYear - 2, '政务警告处分', `${lastYear - 2}-07-08`, {
          content: '违规干预工程招投标。',
        })
      : entry(K.CLEAN_GOVERNMENT_RECORD, lastYear - 2, '廉政档案（年度）', `${lastYear - 2}-12-31`, {
          content: '未发现违反廉洁纪律问题。',
        }),
  ];
  return { orgDept, discipline };
}

/**
 * Dishonesty records naming the i-th cadre, by who pushes them. Of those about the cadre, the
 * reading department sees a GOVERNMENT sanction (in its jurisdiction) and a RESTRICTED
 * accountability decision it took itself, not a RESTRICTED sanction decided by discipline
 * inspection; a PUBLIC penalty of the cadre's unit names the cadre (and the next) responsible.
 */
export function cadreRecords(
  i: number,
  cadres: number,
  day: string,
): { discipline: RecordInput[]; creditOffice: RecordInput[] } {
  const code = archiveCadreCode(i);
  const base = {
    subject: { code },
    nature: RecordNature.DISHONESTY,
    domain: D.GENERAL,
    details: '基准测试生成的记录。',
    legalBasis: null,
    responsiblePersonCodes: null,
    tolerated: false,
  };
  const discipline: RecordInput[] = [];
  if (i % 4 >= 1) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-0`,
      category: C.DISCIPLINARY_SANCTION,
      severity: Severity.GENERAL,
      title: '党内警告处分',
      documentNo: `盐纪处〔${day.slice(0, 4)}〕${i}号`,
      decidedAt: addDays(day, -(40 + (i % 200))),
      decidingAuthorityCode: BENCH_DISCIPLINE_CODE,
      disclosure: Disclosure.GOVERNMENT,
    });
  }
  if (i % 4 >= 2) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-1`,
      category: C.ACCOUNTABILITY,
      severity: Severity.GENERAL,
      title: '组织处理：诫勉',
      documentNo: null,
      decidedAt: addDays(day, -(90 + (i % 300))),
      decidingAuthorityCode: BENCH_ORG_DEPT_CODE,
      disclosure: Disclosure.RESTRICTED,
    });
  }
  if (i % 4 === 3) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-2`,
      category: C.DISCIPLINARY_SANCTION,
      severity: Severity.SERIOUS,
      title: '政务记过处分',
      documentNo: null,
      decidedAt: addDays(day, -(120 + (i % 300))),
      decidingAuthorityCode: BENCH_DISCIPLINE_CODE,
      disclosure: Disclosure.RESTRICTED,
    });
  }
  const creditOffice: RecordInput[] = [];
  if (i % 3 === 0) {
    const unit = ARCHIVE_UNITS[i % ARCHIVE_UNITS.length];
    creditOffice.push({
      ...base,
      externalId: `BENCH-ARCHIVE-U-${i}`,
      subject: { code: unit.code },
      category: C.ADMINISTRATIVE_PENALTY,
      severity: Severity.GENERAL,
      title: '违规发包工程被行政处罚',
      documentNo: `盐罚〔${day.slice(0, 4)}〕${i}号`,
      decidedAt: addDays(day, -(20 + (i % 150))),
      decidingAuthorityCode: null,
      disclosure: Disclosure.PUBLIC,
      responsiblePersonCodes: i + 1 < cadres ? [code, archiveCadreCode(i + 1)] : [code],
    });
  }
  return { discipline, creditOffice };
}

/**
 * Makes sure the first `cadres` cadres, their files and records exist: counted first, and
 * pushed again (idempotently) only when something is missing.
 */
async function ensureArchiveCadres(
  db: BenchDatabase,
  services: HubServices,
  cadres: number,
  log: (message: string) => void,
): Promise<{ cadres: number; archiveEntries: number; cadreRecords: number }> {
  const day = today();
  const wantedRecords = Array.from({ length: cadres }, (_, i) => cadreRecords(i, cadres, day)).reduce(
    (n, r) => n + r.discipline.length + r.creditOffice.length,
    0,
  );
  const count = async () => {
    const [row] = await sql<{ cadres: number; entries: number; records: number }>(
      db.runtime,
      `SELECT
        (SELECT count(*)::int FROM subjects.subject s JOIN subjects.subject m ON m.id = s.managed_by_id WHERE m.code_key = ?) AS cadres,
        (SELECT count(*)::int FROM archives.archive_entry WHERE source_system = ANY(?::text[])) AS entries,
        (SELECT count(*)::int FROM records.credit_record WHERE source_system = ANY(?::text[]) AND external_id LIKE 'BENCH-ARCHIVE-%') AS records`,
      [
        BENCH_ORG_DEPT_CODE,
        `{${ARCHIVE_WRITERS.orgDept.sub},${ARCHIVE_WRITERS.discipline.sub}}`,
        `{${ARCHIVE_WRITERS.discipline.sub},${ARCHIVE_WRITERS.creditOffice.sub}}`,
      ],
    );
    return row;
  };
  const before = await count();
  if (before.cadres >= cadres && before.entries >= cadres * ENTRIES_PER_CADRE && before.records >= wantedRecords) {
    return { cadres: before.cadres, archiveEntries: before.entries, cadreRecords: before.records };
  }
  log(
    `archive scenario: ${cadres} cadres managed by the benchmark's organization department, ${ENTRIES_PER_CADRE} file entries each, ${wantedRecords} records naming them (ArchiveRecording, RecordSubmission)`,
  );
  const register = (drafts: SubjectDraft[]) =>
    new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
  await register([
    { kind: SubjectKind.DEPARTMENT, name: '基准测试市委组织部', code: BENCH_ORG_DEPT_CODE, regionCode: '320900' },
    { kind: SubjectKind.DEPARTMENT, name: '基准测试市纪委监委', code: BENCH_DISCIPLINE_CODE, regionCode: '320900' },
    ...ARCHIVE_UNITS.map((unit) => ({
      kind: SubjectKind.DEPARTMENT,
      name: unit.name,
      code: unit.code,
      regionCode: '320900',
    })),
  ]);
  const CHUNK = 25; // 25 cadres: 425 entries by the department, at most 75 records per call (limit 500)
  const ranges = Array.from({ length: Math.ceil(cadres / CHUNK) }, (_, c) =>
    Array.from({ length: Math.min(CHUNK, cadres - c * CHUNK) }, (_, k) => c * CHUNK + k),
  );
  // Every cadre first: a unit's record names the next cadre too, who may be in the next chunk.
  for (const range of ranges) await register(range.map(cadreDraft));
  for (const range of ranges) {
    const files = range.map((i) => cadreEntries(i, day));
    const findings = range.map((i) => cadreRecords(i, cadres, day));
    const archive = async (writer: Principal, entries: ArchiveEntryInput[]) => {
      const em = services.orm.em.fork();
      if (entries.length)
        await new ArchiveRecording(em, services.subjectDirectory(em), services.keys, day).record(writer, entries);
    };
    const push = async (pusher: Principal, records: RecordInput[]) => {
      const em = services.orm.em.fork();
      if (records.length)
        await new RecordSubmission(
          em,
          services.subjectDirectory(em),
          services.creditPolicy,
          day,
          services.evaluation,
        ).submit(pusher, records);
    };
    await archive(
      ARCHIVE_WRITERS.orgDept,
      files.flatMap((f) => f.orgDept),
    );
    await archive(
      ARCHIVE_WRITERS.discipline,
      files.flatMap((f) => f.discipline),
    );
    await push(
      ARCHIVE_WRITERS.discipline,
      findings.flatMap((f) => f.discipline),
    );
    await push(
      ARCHIVE_WRITERS.creditOffice,
      findings.flatMap((f) => f.creditOffice),
    );
  }
  await sql(db.runtime, 'ANALYZE archives.archive_entry');
  const after = await count();
  return { cadres: after.cadres, archiveEntries: after.entries, cadreRecords: after.records };
}
