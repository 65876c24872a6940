import { makePrincipal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { addDays, today } from '../../src/common/dates';
import { SubjectKind } from '../../src/common/subject-kind';
import { makeResidentId, makeUscc } from '../../src/identity';
import { loadDemoData } from '../../src/seed/demo';
import type { HubServices } from '../../src/services';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { RecordSubmission } from '../../src/subgraphs/records/findings/record.service';
import {
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
  CreditorClass,
} from '../../src/subgraphs/records/enums';
import { SubjectRegistry } from '../../src/subgraphs/subjects/subject.service';
import type { SubjectDraft } from '../../src/subgraphs/subjects/subject.validation';
import { ELSEWHERE, GIVEN, SEED_BODY_BASE, SURNAMES, YANCHENG } from './identities';
import type { BenchOptions } from './options';
import { pick, rng } from './random';

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
  const record: RecordInput = {
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
  // An ARREARS finding carries its money (清欠); derived from j, so the random sequence stays as it was.
  if (record.category === C.ARREARS)
    record.arrears = {
      amount: `${10_000 + (j % 90) * 1000}.00`,
      creditorClass: CreditorClass.CONTRACTOR,
      dueOn: record.decidedAt,
    };
  return record;
}

/** The demo data plus a generated set pushed through the hub's own services (no bulk seeder built). */
export async function fallbackSeed(
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
