import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { today } from '../../common/dates';
import type { HubServices } from '../../services';
import { contentHash } from '../../common/submission';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../../subgraphs/archives/enums';
import { CopyStream, copyValue } from './copy';
import { bulkClients, registerSeedClients } from '../demo-clients';
import { Prng } from './prng';

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
  options: { entries: number; seed: number; progress?: boolean; log?: (line: string) => void },
): Promise<{ entries: number; persons: number; seconds: number }> {
  await registerSeedClients(services, bulkClients());
  const started = performance.now();
  const client = new Client({ connectionString: services.orm.config.get('clientUrl') });
  await client.connect();
  try {
    const persons = (
      await client.query<{ id: string; code_key: string }>(
        `SELECT id::text, code_key FROM subjects.subject WHERE kind = 'PUBLIC_SERVANT' ORDER BY id`,
      )
    ).rows;
    if (persons.length === 0 || options.entries <= 0) return { entries: 0, persons: 0, seconds: 0 };
    const random = Prng.derive(options.seed, 'archive-entries');
    const lastYear = Number(today().slice(0, 4)) - 1;
    const perPerson = Math.max(1, Math.round(options.entries / persons.length));
    const bar = options.progress
      ? new SingleBar({ format: 'archive entries [{bar}] {percentage}% {value}/{total}' }, Presets.shades_classic)
      : undefined;
    bar?.start(options.entries, 0);

    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE bulk_archive_entry (LIKE archives.archive_entry INCLUDING DEFAULTS) ON COMMIT DROP`,
    );
    const copy = new CopyStream(client, ENTRY_COPY.replace('archives.archive_entry', 'bulk_archive_entry'));
    let written = 0;
    let chunk = '';
    for (let p = 0; written < options.entries; p = (p + 1) % persons.length) {
      const person = persons[p];
      // A heavier file now and then: files range from 1 to about three times the average.
      const size = Math.min(
        options.entries - written,
        Math.max(1, Math.round(perPerson * (0.3 + random.next() * 2.4))),
      );
      const assessments = Math.min(size, Math.max(1, Math.round(size * 0.6)));
      for (let j = 0; j < size; j += 1) {
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
        const fields = {
          person_id: person.id,
          person_key: person.code_key,
          external_id: `bulk-archive-${options.seed}-${person.id}-${j}-${written}`,
          kind,
          year,
          title,
          content: kind === K.PERSONAL_MATTERS_REPORT ? '如实报告本人婚姻、房产、投资情况。' : null,
          grade,
          occurred_on: occurredOn,
        };
        chunk +=
          [
            person.id,
            person.code_key,
            kind,
            year,
            title,
            fields.content,
            grade,
            occurredOn,
            source,
            source === 'bulk-org-dept' ? 'ORG_DEPT' : 'DISCIPLINE',
            fields.external_id,
            contentHash(fields),
          ]
            .map(copyValue)
            .join('\t') + '\n';
        written += 1;
        if (chunk.length > 1 << 20) {
          await copy.write(chunk);
          chunk = '';
          bar?.update(written);
        }
      }
    }
    await copy.write(chunk);
    await copy.end();
    // One assessment per person and year, and idempotent on the source id, as a push would be.
    const inserted = await client.query(
      `INSERT INTO archives.archive_entry (person_id, person_key, kind, year, title, content, grade, occurred_on, source_system, source_role, external_id, content_hash)
       SELECT DISTINCT ON (b.person_id, b.year, b.kind = 'ANNUAL_ASSESSMENT', CASE WHEN b.kind = 'ANNUAL_ASSESSMENT' THEN 0 ELSE b.id END)
              b.person_id, b.person_key, b.kind, b.year, b.title, b.content, b.grade, b.occurred_on, b.source_system, b.source_role, b.external_id, b.content_hash
       FROM bulk_archive_entry b
       WHERE NOT EXISTS (SELECT 1 FROM archives.archive_entry a WHERE a.kind = 'ANNUAL_ASSESSMENT' AND b.kind = 'ANNUAL_ASSESSMENT' AND a.person_id = b.person_id AND a.year = b.year)
       ON CONFLICT DO NOTHING`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE archives.archive_entry');
    bar?.update(written);
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    options.log?.(
      `archive entries: ${inserted.rowCount} for ${persons.length} civil servants in ${seconds.toFixed(1)} s`,
    );
    return { entries: inserted.rowCount ?? 0, persons: persons.length, seconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
