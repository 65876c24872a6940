import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditSettings } from '../config/audit';
import { archiveFiles, checkArchive, ROW_SELECT, writeArchive, type LogRow } from './archive-files';
import { addMonths, listPartitions, monthOf, type LogPartition } from './partitions';
import { verifyAccessLog } from './verify';

/** Why `audit archive` archived nothing (a month within retention, no retention set, a broken log). */
export class ArchiveRefused extends Error {}

export interface ArchivedMonth {
  month: string;
  entries: number;
  file: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PAGE = 5000;

/**
 * The first month that must stay in the database: a month leaves only after AUDIT_RETENTION_MONTHS
 * whole months have passed since it ended (retention 1 in December: October and before may go).
 */
export function retainedFrom(now: Date, retentionMonths: number): string {
  return addMonths(monthOf(now), -retentionMonths);
}

/** Months to archive: every partition before `before` (default: the retention limit), none within retention. */
export function monthsToArchive(
  partitions: LogPartition[],
  settings: Pick<AuditSettings, 'retentionMonths'>,
  now: Date,
  before?: string,
): LogPartition[] {
  if (settings.retentionMonths === null) {
    throw new ArchiveRefused(
      '未设置 AUDIT_RETENTION_MONTHS，访问日志的每个月都留在数据库中 (no retention set: every month stays)',
    );
  }
  const limit = retainedFrom(now, settings.retentionMonths);
  if (before !== undefined && !MONTH.test(before)) throw new ArchiveRefused(`--before 应为 YYYY-MM，收到 "${before}"`);
  if (before !== undefined && before > limit) {
    throw new ArchiveRefused(
      `${limit} 及以后的月份仍在保存期内 (AUDIT_RETENTION_MONTHS=${settings.retentionMonths}): --before ${before} 晚于 ${limit}`,
    );
  }
  return partitions.filter((p) => p.month < (before ?? limit));
}

/** One partition's entries in chain, seq order, a page at a time. */
async function* partitionPages(em: EntityManager, partition: LogPartition): AsyncGenerator<LogRow[]> {
  let after: [number, string] = [-1, '0'];
  for (;;) {
    const page: LogRow[] = await em.execute(
      `SELECT ${ROW_SELECT} FROM audit.${partition.name} WHERE (chain, seq) > (?, ?) ORDER BY chain, seq LIMIT ${PAGE}`,
      after,
    );
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = [page[page.length - 1].chain, page[page.length - 1].seq];
  }
}

/**
 * Exports one month into AUDIT_ARCHIVE_DIR, checks the written archive as verify will read it,
 * and only then detaches and drops the partition, all while holding the partition locked
 * against writes. A failure before the drop leaves the month in the database (and a rerun
 * rewrites its archive); verify counts an entry that is both archived and live once.
 */
async function archiveMonth(owner: EntityManager, settings: AuditSettings, partition: LogPartition) {
  return owner.transactional(async (em) => {
    await em.execute(`LOCK TABLE audit.${partition.name} IN SHARE MODE`);
    const manifest = await writeArchive(
      settings.archiveDir,
      partition.month,
      partitionPages(em, partition),
      settings.signingKeyPem,
    );
    const problem = await checkArchive(settings.archiveDir, partition.month, settings.verifyKeyPems);
    if (problem) throw new Error(`archive of ${partition.month} does not read back (${problem}): month kept`);
    await em.execute(`ALTER TABLE audit.access_log DETACH PARTITION audit.${partition.name}`);
    await em.execute(`DROP TABLE audit.${partition.name}`);
    return {
      month: partition.month,
      entries: manifest.entries,
      file: archiveFiles(settings.archiveDir, partition.month).data,
    };
  });
}

/**
 * `credit-hub audit archive [--before YYYY-MM]`, as the schema owner: the whole log must verify
 * first (a broken log is evidence, not something to archive away), then each month before the
 * limit, oldest first, is exported, signed and dropped (docs/audit.md "Retention and archives").
 */
export async function archiveAccessLog(
  owner: EntityManager,
  settings: AuditSettings,
  options: { before?: string; now?: Date } = {},
): Promise<ArchivedMonth[]> {
  const months = monthsToArchive(await listPartitions(owner), settings, options.now ?? new Date(), options.before);
  if (months.length === 0) return [];
  const report = await verifyAccessLog(owner, settings);
  if (!report.ok) {
    throw new ArchiveRefused(
      `访问日志校验未通过，未归档 (the log does not verify: ${report.breaks[0].kind}; run audit verify)`,
    );
  }
  const archived: ArchivedMonth[] = [];
  for (const partition of months) archived.push(await archiveMonth(owner, settings, partition));
  return archived;
}
