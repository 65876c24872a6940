import type { Runtime } from '../../src/runtime';
import { sql } from './database';

interface LoggedRow {
  idx: number;
  platform: string;
  platform_region: string;
  context: string | null;
  subject_key: string;
  subject_region: string | null;
  decision: string | null;
  rule_id: string | null;
}

/**
 * What one blacklistCheck answer wrote to the check log (records.interception_check, 自动监督: one row, the codes as
 * arrays), per code: its row as
 * one comparable string, '-' for a code with none (an invalid code). Raw's twin writes the same rows as the hub
 * (bench/raw/check-log.ts), so the answers compared field by field include them. The check id is the answer's.
 */
export async function withCheckLog<T extends object>(
  runtime: Runtime,
  body: string,
  rows: T[],
): Promise<(T & { logged: string })[]> {
  const parsed = JSON.parse(body) as { data?: { blacklistCheck?: { checkId?: string }[] } };
  const checkId = parsed.data?.blacklistCheck?.[0]?.checkId;
  if (!checkId) throw new Error('blacklistCheck answered without a checkId');
  const logged = await sql<LoggedRow>(
    runtime,
    `SELECT u.idx, c.platform, c.platform_region, c.context, u.subject_key, u.subject_region, u.decision, u.rule_id
     FROM records.interception_check c
     CROSS JOIN LATERAL unnest(c.idx, c.subject_keys, c.subject_regions, c.decisions, c.rule_ids)
       AS u(idx, subject_key, subject_region, decision, rule_id)
     WHERE c.check_id = ?::uuid`,
    [checkId],
  );
  const byIndex = new Map(
    logged.map((r) => [
      r.idx,
      [r.platform, r.platform_region, r.context, r.subject_key, r.subject_region, r.decision, r.rule_id].join('|'),
    ]),
  );
  return rows.map((row, i) => ({ ...row, logged: byIndex.get(i) ?? '-' }));
}
