import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { today } from '../../common/dates';
import type { HubServices } from '../../services';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../../subgraphs/archives/enums';
import { archiveContentHash } from './content-hash';
import { ChunkEncoder, CopyStream, copyValue, frozen } from './copy';
import { bulkClients, registerSeedClients } from '../demo-clients';
import { LARGE_LOAD_ROWS, rebuildSetAside } from './index';
import { setAsideForLargeLoad, truncateForFreeze } from './load-sql';
import { Prng } from './prng';

const ENTRY_TABLE = 'archives.archive_entry';
const ENTRY_COPY = `COPY archives.archive_entry (person_id, person_key, kind, year, title, content, grade, occurred_on,
  source_system, source_role, external_id, content_hash) FROM STDIN`;
const GRADES = [G.EXCELLENT, G.COMPETENT, G.COMPETENT, G.COMPETENT, G.COMPETENT, G.BASICALLY_COMPETENT, G.INCOMPETENT];
/** Kinds after the yearly assessments, in the order a file fills up; sanctions stay rare. */
const OTHER_KINDS: [K, string, string][] = [
  [K.PLEDGE, 'bulk-org-dept', '领导干部诚信承诺书'],
  [K.INTEGRITY_TRAINING, 'bulk-org-dept', '政务诚信专题培训'],
  [K.PERSONAL_MATTERS_REPORT, 'bulk-org-dept', '个人有关事项报告'],
  [K.CLEAN_GOVERNMENT_RECORD, 'bulk-discipline', '廉政档案（年度）'],
  [K.COMMENDATION, 'bulk-org-dept', '年度表彰'],
];

const PERSONAL_MATTERS = '如实报告本人婚姻、房产、投资情况。';

interface Person {
  id: string;
  code_key: string;
}

/** The COPY line of the person's j-th entry (the first `assessments` are yearly assessments). */
function entryLine(random: Prng, person: Person, j: number, assessments: number, lastYear: number, externalId: string) {
  const yearsBack = j < assessments ? j : random.int(0, 9);
  const year = lastYear - yearsBack;
  const [kind, source, title] =
    j < assessments
      ? [K.ANNUAL_ASSESSMENT, 'bulk-org-dept', `${year}年度考核`]
      : random.next() < 0.03
        ? [K.DISCIPLINARY_ACTION, 'bulk-discipline', '政务警告处分']
        : OTHER_KINDS[(j - assessments) % OTHER_KINDS.length];
  const grade = kind === K.ANNUAL_ASSESSMENT ? GRADES[random.int(0, GRADES.length - 1)] : null;
  const occurredOn = `${kind === K.ANNUAL_ASSESSMENT ? year + 1 : year}-0${random.int(1, 9)}-1${random.int(0, 9)}`;
  const content = kind === K.PERSONAL_MATTERS_REPORT ? PERSONAL_MATTERS : null;
  const hash = archiveContentHash({
    person_id: person.id,
    person_key: person.code_key,
    external_id: externalId,
    kind,
    year,
    title,
    content,
    grade,
    occurred_on: occurredOn,
  });
  const role = source === 'bulk-org-dept' ? 'ORG_DEPT' : 'DISCIPLINE';
  // Ids, codes, kinds and generated titles hold no tab, newline or backslash: only the key is escaped.
  return `${person.id}\t${copyValue(person.code_key)}\t${kind}\t${year}\t${title}\t${content ?? '\\N'}\t${grade ?? '\\N'}\t${occurredOn}\t${source}\t${role}\t${externalId}\t${hash}\n`;
}

/**
 * Streams `entries` entries, person after person, in chunks of about 1 MB. When the entries
 * outnumber what one pass over the persons holds, the next pass would repeat a person's
 * yearly assessments: those are drawn (the sequence stays) but not written, since a person
 * has one assessment a year (the years of a person's assessments are always the last n).
 */
async function copyEntries(
  copy: CopyStream,
  persons: Person[],
  options: { entries: number; seed: number },
  onProgress: (written: number) => void,
): Promise<number> {
  const random = Prng.derive(options.seed, 'archive-entries');
  const lastYear = Number(today().slice(0, 4)) - 1;
  const perPerson = Math.max(1, Math.round(options.entries / persons.length));
  const assessed = new Int32Array(persons.length);
  let written = 0;
  let sent = 0;
  const chunks = new ChunkEncoder();
  for (let p = 0; written < options.entries; p = (p + 1) % persons.length) {
    const person = persons[p];
    // A heavier file now and then: files range from 1 to about three times the average.
    const size = Math.min(options.entries - written, Math.max(1, Math.round(perPerson * (0.3 + random.next() * 2.4))));
    const assessments = Math.min(size, Math.max(1, Math.round(size * 0.6)));
    for (let j = 0; j < size; j += 1) {
      const externalId = `bulk-archive-${options.seed}-${person.id}-${j}-${written}`;
      const line = entryLine(random, person, j, assessments, lastYear, externalId);
      written += 1;
      if (j < assessments && j < assessed[p]) continue;
      const full = chunks.add(line);
      sent += 1;
      if (full) {
        await copy.write(full[0]);
        onProgress(written);
      }
    }
    assessed[p] = Math.max(assessed[p], assessments);
  }
  const last = chunks.take();
  if (last) await copy.write(last[0]);
  await copy.end();
  return sent;
}

/** One assessment per person and year, and idempotent on the source id, as a push would be. */
async function insertStaged(client: Client): Promise<number> {
  const inserted = await client.query(
    `INSERT INTO archives.archive_entry (person_id, person_key, kind, year, title, content, grade, occurred_on, source_system, source_role, external_id, content_hash)
       SELECT DISTINCT ON (b.person_id, b.year, b.kind = 'ANNUAL_ASSESSMENT', CASE WHEN b.kind = 'ANNUAL_ASSESSMENT' THEN 0 ELSE b.id END)
              b.person_id, b.person_key, b.kind, b.year, b.title, b.content, b.grade, b.occurred_on, b.source_system, b.source_role, b.external_id, b.content_hash
       FROM bulk_archive_entry b
       WHERE NOT EXISTS (SELECT 1 FROM archives.archive_entry a WHERE a.kind = 'ANNUAL_ASSESSMENT' AND b.kind = 'ANNUAL_ASSESSMENT' AND a.person_id = b.person_id AND a.year = b.year)
       ON CONFLICT DO NOTHING`,
  );
  return inserted.rowCount ?? 0;
}

interface EntryOptions {
  entries: number;
  seed: number;
  progress?: boolean;
  log?: (line: string) => void;
  /** A load into an empty table above this many entries sets its secondary index aside (default LARGE_LOAD_ROWS). */
  largeLoadRows?: number;
}

/**
 * Into an empty table nothing can conflict (the generated files hold one assessment per
 * person and year, and unique source ids): COPY straight into it, its secondary index set
 * aside for a large load. Otherwise stage and insert what is new.
 */
async function load(client: Client, persons: Person[], options: EntryOptions, onProgress: (n: number) => void) {
  await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  await client.query('SET LOCAL synchronous_commit = off');
  // Concurrent writers wait until the commit, so the table stays as empty as it was found.
  await client.query('LOCK TABLE archives.archive_entry IN SHARE ROW EXCLUSIVE MODE');
  const {
    rows: [{ empty }],
  } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM archives.archive_entry) AS empty');
  if (empty) {
    const largeLoadRows = options.largeLoadRows ?? LARGE_LOAD_ROWS;
    const setAside = await setAsideForLargeLoad(client, [ENTRY_TABLE], options.entries, largeLoadRows);
    const freeze = await truncateForFreeze(client, [ENTRY_TABLE]);
    const copy = new CopyStream(client, frozen(ENTRY_COPY, freeze));
    const written = await copyEntries(copy, persons, options, onProgress);
    await rebuildSetAside(client, setAside, options.progress, options.log ?? (() => undefined));
    return written;
  }
  await client.query(`CREATE TEMP TABLE bulk_archive_entry (LIKE ${ENTRY_TABLE} INCLUDING DEFAULTS) ON COMMIT DROP`);
  const copy = new CopyStream(client, ENTRY_COPY.replace(ENTRY_TABLE, 'bulk_archive_entry'));
  await copyEntries(copy, persons, options, onProgress);
  return insertStaged(client);
}

/**
 * Integrity-file entries for the civil servants already in the registry, `entries` in all,
 * written with COPY in one transaction: mostly yearly assessments (one per person and
 * year, going back from last year), then pledges, training, personal-matters reports,
 * clean-government records, commendations, and now and then a disciplinary action.
 * Deterministic for a seed; idempotent on (source, external id) like a push, so a re-run
 * with the same seed adds nothing.
 */
export async function bulkArchiveEntries(
  services: HubServices,
  options: EntryOptions,
): Promise<{ entries: number; persons: number; seconds: number }> {
  await registerSeedClients(services, bulkClients());
  const started = performance.now();
  const client = new Client({
    connectionString: services.orm.config.get('clientUrl'),
    application_name: 'credit-hub bulk archive entries',
  });
  await client.connect();
  try {
    const persons = (
      await client.query<Person>(
        `SELECT id::text, code_key FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT' ORDER BY id`,
      )
    ).rows;
    if (persons.length === 0 || options.entries <= 0) return { entries: 0, persons: 0, seconds: 0 };
    const bar = options.progress
      ? new SingleBar({ format: 'archive entries [{bar}] {percentage}% {value}/{total}' }, Presets.shades_classic)
      : undefined;
    bar?.start(options.entries, 0);
    await client.query('BEGIN');
    const inserted = await load(client, persons, options, (n) => bar?.update(n));
    await client.query('COMMIT');
    // The visibility map set for index-only scans (nothing to do after a COPY FREEZE), and statistics.
    const vacuumStart = performance.now();
    await client.query(`VACUUM (ANALYZE) ${ENTRY_TABLE}`);
    options.log?.(`vacuum analyze: ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s`);
    bar?.update(options.entries);
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    options.log?.(`archive entries: ${inserted} for ${persons.length} civil servants in ${seconds.toFixed(1)} s`);
    return { entries: inserted, persons: persons.length, seconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
