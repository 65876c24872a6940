/**
 * The archive scenario's data, owned by the benchmark (codes no seeder uses) and written through
 * the hub's own services (SubjectRegistry, ArchiveRecording, RecordSubmission: validated and
 * idempotent), so any dataset, bulk-seeded or not, gains it without a reseed.
 */
import { makePrincipal, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { today } from '../../src/common/dates';
import { SubjectKind } from '../../src/common/subject-kind';
import type { HubServices } from '../../src/services';
import type { ArchiveEntryInput } from '../../src/subgraphs/archives/archive.input';
import { ArchiveRecording } from '../../src/subgraphs/archives/archive.service';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { RecordSubmission } from '../../src/subgraphs/records/findings/record.service';
import { SubjectRegistry } from '../../src/subgraphs/subjects/subject.service';
import type { SubjectDraft } from '../../src/subgraphs/subjects/subject.validation';
import {
  ARCHIVE_UNITS,
  archiveCadreCode,
  BENCH_DISCIPLINE_CODE,
  BENCH_ORG_DEPT_CODE,
  cadreEntries,
  cadreRecords,
  ENTRIES_PER_CADRE,
} from './cadre-files';
import { sql, type BenchDatabase } from './database';
import { GIVEN, SURNAMES, YANCHENG } from './identities';

const POSITIONS = ['处长', '副处长', '一级主任科员', '二级主任科员', '科长'];
/** Who records what: the department (assessments, reports, training, pledges, commendations), discipline
 * inspection, and the credit office (the units' penalties). */
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

interface ArchiveCounts {
  cadres: number;
  entries: number;
  records: number;
}

async function countArchive(db: BenchDatabase): Promise<ArchiveCounts> {
  const [row] = await sql<ArchiveCounts>(
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
}

function register(services: HubServices, drafts: SubjectDraft[]) {
  return new SubjectRegistry(services.orm.em.fork(), services.keys).ensureRegistered(drafts);
}

/** The organization department, the discipline commission and the four municipal departments. */
function departmentDrafts(): SubjectDraft[] {
  return [
    { kind: SubjectKind.DEPARTMENT, name: '基准测试市委组织部', code: BENCH_ORG_DEPT_CODE, regionCode: '320900' },
    { kind: SubjectKind.DEPARTMENT, name: '基准测试市纪委监委', code: BENCH_DISCIPLINE_CODE, regionCode: '320900' },
    ...ARCHIVE_UNITS.map((unit) => ({
      kind: SubjectKind.DEPARTMENT,
      name: unit.name,
      code: unit.code,
      regionCode: '320900',
    })),
  ];
}

async function recordEntries(services: HubServices, day: string, writer: Principal, entries: ArchiveEntryInput[]) {
  const em = services.orm.em.fork();
  if (entries.length)
    await new ArchiveRecording(em, services.subjectDirectory(em), services.keys, day).record(writer, entries);
}

async function pushRecords(services: HubServices, day: string, pusher: Principal, records: RecordInput[]) {
  const em = services.orm.em.fork();
  if (records.length)
    await new RecordSubmission(
      em,
      services.subjectDirectory(em),
      services.creditPolicy,
      day,
      services.evaluation,
    ).submit(pusher, records);
}

/** The files and records of one chunk of cadres, by who records them. */
async function recordChunk(services: HubServices, range: number[], cadres: number, day: string): Promise<void> {
  const files = range.map((i) => cadreEntries(i, day));
  const findings = range.map((i) => cadreRecords(i, cadres, day));
  await recordEntries(
    services,
    day,
    ARCHIVE_WRITERS.orgDept,
    files.flatMap((f) => f.orgDept),
  );
  await recordEntries(
    services,
    day,
    ARCHIVE_WRITERS.discipline,
    files.flatMap((f) => f.discipline),
  );
  await pushRecords(
    services,
    day,
    ARCHIVE_WRITERS.discipline,
    findings.flatMap((f) => f.discipline),
  );
  await pushRecords(
    services,
    day,
    ARCHIVE_WRITERS.creditOffice,
    findings.flatMap((f) => f.creditOffice),
  );
}

/**
 * Makes sure the first `cadres` cadres, their files and records exist: counted first, and
 * pushed again (idempotently) only when something is missing.
 */
export async function ensureArchiveCadres(
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
  const before = await countArchive(db);
  if (before.cadres >= cadres && before.entries >= cadres * ENTRIES_PER_CADRE && before.records >= wantedRecords) {
    return { cadres: before.cadres, archiveEntries: before.entries, cadreRecords: before.records };
  }
  log(
    `archive scenario: ${cadres} cadres managed by the benchmark's organization department, ${ENTRIES_PER_CADRE} file entries each, ${wantedRecords} records naming them (ArchiveRecording, RecordSubmission)`,
  );
  await register(services, departmentDrafts());
  const CHUNK = 25; // 25 cadres: 425 entries by the department, at most 75 records per call (limit 500)
  const ranges = Array.from({ length: Math.ceil(cadres / CHUNK) }, (_, c) =>
    Array.from({ length: Math.min(CHUNK, cadres - c * CHUNK) }, (_, k) => c * CHUNK + k),
  );
  // Every cadre first: a unit's record names the next cadre too, who may be in the next chunk.
  for (const range of ranges) await register(services, range.map(cadreDraft));
  for (const range of ranges) await recordChunk(services, range, cadres, day);
  await sql(db.runtime, 'ANALYZE archives.archive_entry');
  const after = await countArchive(db);
  return { cadres: after.cadres, archiveEntries: after.entries, cadreRecords: after.records };
}
