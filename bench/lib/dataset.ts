import fs from 'node:fs';
import path from 'node:path';
import { makePrincipal, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { addDays, today } from '../../src/common/dates';
import type { HubServices } from '../../src/common/services';
import { makeResidentId, makeUscc } from '../../src/identity';
import { Disclosure, ListType, RecordCategory as C, RecordDomain as D, RecordNature, Severity } from '../../src/subgraphs/records/enums';
import { ListingService } from '../../src/subgraphs/records/listing.service';
import type { RecordInput } from '../../src/subgraphs/records/record.input';
import { RecordSubmission } from '../../src/subgraphs/records/record.service';
import { SubjectKind } from '../../src/subgraphs/subjects/subject-kind';
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

export const YANCHENG = ['320900', '320902', '320903', '320904', '320921', '320922', '320923', '320924', '320925', '320981'];
const ELSEWHERE = ['410300', '410302', '320100', '320200'];

/** Subjects the ingest scenario pushes findings about: owned by the benchmark, written by nothing else. */
export const INGEST_TARGETS = 200;
const INGEST_BODY_BASE = 60_000_000;
const SEED_BODY_BASE = 30_000_000;
const UNKNOWN_BODY_BASE = 90_000_000;

export function ingestTargetCodes(): string[] {
  return Array.from({ length: INGEST_TARGETS }, (_, i) => makeUscc('91', YANCHENG[i % YANCHENG.length], String(INGEST_BODY_BASE + i)));
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
}

async function counts(db: BenchDatabase, day: string) {
  const [row] = await sql(db.runtime, `SELECT
      (SELECT count(*)::int FROM subjects.subject) AS subjects,
      (SELECT count(*)::int FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT') AS persons,
      (SELECT count(*)::int FROM records.credit_record) AS records,
      (SELECT count(*)::int FROM records.listing) AS listings,
      (SELECT count(*)::int FROM records.listing l WHERE l.delisted_at IS NULL AND l.starts_on <= ?::date AND (l.ends_on IS NULL OR ?::date <= l.ends_on)) AS active`, [day, day]);
  return { subjects: row.subjects as number, persons: row.persons as number, records: row.records as number, listings: row.listings as number, activeListings: row.active as number };
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
export async function ensureDataset(db: BenchDatabase, options: BenchOptions, log: (message: string) => void): Promise<DatasetInfo> {
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
  const target = bulkSeed ? want : { ...want, subjects: Math.min(want.subjects, FALLBACK_MAX.subjects), records: Math.min(want.records, FALLBACK_MAX.records) };
  if (before.subjects < target.subjects * 0.95 || before.records < target.records * 0.95) {
    if (bulkSeed) {
      source = 'bulkSeed';
      // bulkSeed appends: ask for what is missing.
      const subjects = Math.max(0, want.subjects - before.subjects);
      const records = Math.max(0, want.records - before.records);
      log(`seeding with bulkSeed (src/seed/bulk): ${subjects} subjects, ${records} records more (seed ${want.seed})`);
      await bulkSeed(services, { subjects, records, seed: want.seed, progress: process.stderr.isTTY === true, log: (line) => log(`  bulkSeed: ${line}`) });
    } else {
      source = 'fallback';
      // Through the services the fallback manages ~5,000 rows/s: cap it so a run stays within minutes.
      const capped = { ...want, subjects: Math.min(want.subjects, FALLBACK_MAX.subjects), records: Math.min(want.records, FALLBACK_MAX.records) };
      log(`src/seed/bulk is not built: seeding the demo data plus a generated set (${capped.subjects} subjects, ${capped.records} records${capped.subjects < want.subjects || capped.records < want.records ? ', capped' : ''}) through the hub's services`);
      await fallbackSeed(services, capped, log);
    }
  }
  await ensureIngestTargets(services);
  // 2 % of the subjects (at most 3000, made one by one through ListingService) on a list.
  await ensureListings(db, services, Math.min(3000, Math.max(12, Math.round(want.subjects * 0.02))), want.seed, log);
  await sql(db.runtime, 'ANALYZE');
  const after = await counts(db, day);
  return { source, seedSeconds: Math.round((Date.now() - started) / 100) / 10, ...after };
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

const ORG_CATEGORIES = [C.ADMINISTRATIVE_PENALTY, C.CONTRACT_BREACH, C.ARREARS, C.ENFORCEMENT_DEFAULT, C.LITIGATION_LOST, C.COMMITMENT_BREACH, C.JUDICIAL_JUDGMENT, C.STATISTICAL_FRAUD];
const PERSON_CATEGORIES = [C.DISCIPLINARY_SANCTION, C.ACCOUNTABILITY];
const DOMAINS = Object.values(D);
const ENTERPRISE_WORDS = ['建设工程', '市政工程', '环保科技', '信息技术', '劳务', '物业管理', '农业开发', '招标代理', '工程咨询', '商贸'];
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰'];

/** The i-th generated subject: deterministic, so seeding is idempotent and resumable. */
export function generatedSubject(i: number): SubjectDraft {
  const region = i % 10 === 9 ? ELSEWHERE[i % ELSEWHERE.length] : YANCHENG[i % YANCHENG.length];
  const bucket = i % 100;
  if (bucket < 7) {
    const birth = new Date(Date.UTC(1960, 0, 1) + (i % 12_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    return {
      kind: SubjectKind.PUBLIC_SERVANT,
      name: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[Math.floor(i / 100) % 10]}`,
      code: makeResidentId(region, birth, Math.floor(i / 12_000) % 1000),
      regionCode: region,
    };
  }
  const body = String(SEED_BODY_BASE + i);
  if (bucket < 12) return { kind: SubjectKind.INSTITUTION, name: `基准事业单位${i}`, code: makeUscc('12', region, body), regionCode: region };
  if (bucket < 15) return { kind: SubjectKind.DEPARTMENT, name: `基准政府部门${i}`, code: makeUscc('11', region, body), regionCode: region };
  return { kind: SubjectKind.ENTERPRISE, name: `基准${ENTERPRISE_WORDS[i % 10]}有限公司${i}`, code: makeUscc('91', region, body), regionCode: region };
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

async function fallbackSeed(services: HubServices, want: BenchOptions['dataset'], log: (message: string) => void): Promise<void> {
  const [demo] = await services.orm.em.fork().getConnection().execute(
    `SELECT EXISTS (SELECT 1 FROM records.listing WHERE listed_by = 'yancheng-credit-office') AS loaded`,
  );
  if (!demo.loaded) await loadDemoData(services);
  const day = today();
  const started = Date.now();
  const SUBJECT_BATCH = 1000;
  for (let from = 0; from < want.subjects; from += SUBJECT_BATCH) {
    const drafts = Array.from({ length: Math.min(SUBJECT_BATCH, want.subjects - from) }, (_, k) => generatedSubject(from + k));
    await new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
    if ((from / SUBJECT_BATCH) % 20 === 19) log(`  subjects: ${from + drafts.length}/${want.subjects} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const pusher = makePrincipal({ sub: 'bench-seed', role: Role.CREDIT_OFFICE, region: '' });
  const random = rng(want.seed);
  const RECORD_BATCH = 500;
  const recordsStarted = Date.now();
  for (let from = 0; from < want.records; from += RECORD_BATCH) {
    const batch = Array.from({ length: Math.min(RECORD_BATCH, want.records - from) }, (_, k) => generatedRecord(from + k, want.subjects, random, day));
    const em = services.orm.em.fork();
    await new RecordSubmission(em, services.subjectDirectory(em), services.creditPolicy, day, services.evaluation).submit(pusher, batch);
    if ((from / RECORD_BATCH) % 40 === 39) log(`  records: ${from + batch.length}/${want.records} (${Math.round((Date.now() - recordsStarted) / 1000)} s)`);
  }
}

/**
 * At least `wanted` listings on the lists, a tenth of them already ended (listed: false),
 * resting on real dishonesty records, made through ListingService as the list authorities.
 */
async function ensureListings(db: BenchDatabase, services: HubServices, wanted: number, seed: number, log: (message: string) => void): Promise<void> {
  const day = today();
  const [{ n }] = await sql(db.runtime, 'SELECT count(*)::int AS n FROM records.listing');
  const missing = wanted - n;
  if (missing <= 0) return;
  const candidates = await sql<{ id: string; subject_key: string; kind: string; code_display: string; code_cipher: string | null; region_code: string; public_until: string }>(
    db.runtime,
    `SELECT DISTINCT ON (r.subject_key) r.id::text, r.subject_key, s.kind, s.code_display, s.code_cipher, s.region_code,
            to_char(r.public_until, 'YYYY-MM-DD') AS public_until
     FROM records.credit_record r JOIN subjects.subject s ON s.code_key = r.subject_key
     WHERE r.nature = 'DISHONESTY' AND r.status = 'ACTIVE' AND r.public_until > ?::date
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
      async () => [{ id: row.id, subjectKey: row.subject_key, nature: 'DISHONESTY', publicUntil: row.public_until }],
    );
  }
}
