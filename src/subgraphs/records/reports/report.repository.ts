import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { SqlFinder, type SqlFragment } from '../../../db/finder';

/** A stored credit report (records.credit_report). */
export interface ReportRow {
  id: string;
  number: string;
  issued_on: string;
  issued_at: Date;
  purpose: string;
  subject_key: string;
  subject_region: string;
  issued_by: string;
  issuer_sub: string;
  issuer_iss: string;
  issuer_role: string;
  issuer_region: string;
  issuer_org: string | null;
  key_id: string;
  jws: string;
  digest: string;
  facts_digest: string;
  download_token_hash?: string | null;
  download_expires_at?: Date | null;
}

/** A published ranking the subject is in (公布排名: everyone's). */
export interface ReportRanking {
  period: string;
  kind: string;
  regionPrefix: string;
  rank: number;
  of: number;
  score: number;
}

const COLUMNS = `t.*, t.id::text AS id, to_char(t.issued_on, 'YYYY-MM-DD') AS issued_on`;

/**
 * Issued reports: the issuing client, in the role it issued with (a token of another role with its `sub` is not it).
 * A report is derived data told to its issuer; anyone else learns only what verifyCreditReport answers.
 * @rowRule
 */
export function reportVisibility(viewer: Principal): SqlFragment {
  return { sql: 't.issued_by = ? AND t.issuer_role = ?', params: [viewer.clientId, viewer.role] };
}

export function reportFinder(em: EntityManager, viewer: Principal): SqlFinder<ReportRow> {
  return new SqlFinder<ReportRow>(em, {
    table: 'records.credit_report',
    alias: 't',
    visibility: reportVisibility(viewer),
    map: (row) => ({ ...row, id: String(row.id) }) as unknown as ReportRow,
  });
}

/** The report with this number, whoever issued it: for verification, which tells nothing of it. */
export async function reportByNumber(em: EntityManager, number: string): Promise<ReportRow | null> {
  const [row] = await em.execute(`SELECT ${COLUMNS} FROM records.credit_report t WHERE t.number = ?`, [number]);
  return (row as ReportRow | undefined) ?? null;
}

/**
 * Locks report issuing for the rest of the transaction. It must be the transaction's first statement: a REPEATABLE
 * READ snapshot is frozen by the first query, and LOCK TABLE is none, so the snapshot that follows sees every report
 * committed before the lock was granted (PostgreSQL manual, "Explicit Locking"). SHARE ROW EXCLUSIVE conflicts with
 * itself and with inserts, not with reads: issues queue, verifications do not wait.
 */
export async function lockReportNumbers(em: EntityManager): Promise<void> {
  await em.execute('LOCK TABLE records.credit_report IN SHARE ROW EXCLUSIVE MODE');
}

/** The next number of the day (under lockReportNumbers: numbers have no gaps and no duplicates). */
export async function nextSequence(em: EntityManager, issuedOn: string): Promise<number> {
  const [row] = await em.execute(
    `SELECT coalesce(max(sequence), 0) + 1 AS next FROM records.credit_report WHERE issued_on = ?::date`,
    [issuedOn],
  );
  return Number(row.next);
}

export async function insertReport(em: EntityManager, row: Omit<ReportRow, 'id'> & { sequence: number }) {
  const columns = Object.keys(row);
  await em.execute(
    `INSERT INTO records.credit_report (${columns.map((c) => `"${c}"`).join(', ')})
     VALUES (${columns.map(() => '?').join(', ')})`,
    Object.values(row),
  );
}

/** The latest three published rankings of the subject, with the size of each. */
export async function rankingsOf(em: EntityManager, subjectKey: string): Promise<ReportRanking[]> {
  const rows = await em.execute(
    `SELECT p.period, p.kind, p.region_prefix, e.rank, e.score,
            (SELECT count(*)::int FROM records.ranking_entry x WHERE x.publication_id = p.id) AS of
     FROM records.ranking_entry e JOIN records.ranking_publication p ON p.id = e.publication_id
     WHERE e.subject_key = ? ORDER BY p.published_at DESC, p.id DESC LIMIT 3`,
    [subjectKey],
  );
  return rows.map((r: Record<string, unknown>) => ({
    period: r.period as string,
    kind: r.kind as string,
    regionPrefix: r.region_prefix as string,
    rank: Number(r.rank),
    of: Number(r.of),
    score: Number(r.score),
  }));
}

/** Takes the report's one-time download token: the report once, while it is valid; null afterwards or otherwise. */
export async function redeemDownload(em: EntityManager, number: string, tokenHash: string): Promise<ReportRow | null> {
  const [row] = await em.execute(
    `UPDATE records.credit_report t SET download_token_hash = NULL, download_expires_at = NULL
     WHERE t.number = ? AND t.download_token_hash = ? AND t.download_expires_at > now()
     RETURNING ${COLUMNS}`,
    [number, tokenHash],
  );
  return (row as ReportRow | undefined) ?? null;
}
