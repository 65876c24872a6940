import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import type { RecordsContext } from '../context';
import type { BlacklistResult } from './blacklist.type';

/** One checked code as the check log keeps it: its place in the batch, its key, and what was decided. */
export interface CheckedCode {
  index: number;
  /** The subject key looked up: the USCC, or a keyed hash of a resident ID number (never the number). */
  subjectKey: string;
  subjectRegion: string | null;
  decision: string | null;
  ruleId: string | null;
}

/**
 * 自动监督: every blacklistCheck is kept under a check id, one row per valid code, in one statement, so the platform
 * can report what it did with each bidder (reportInterceptions) and the credit office can see checks never
 * reported back. Invalid codes are not kept: they name no subject to intercept.
 */
export async function logChecks(
  em: EntityManager,
  viewer: Principal,
  context: string | null,
  checked: CheckedCode[],
): Promise<string> {
  const checkId = randomUUID();
  if (checked.length === 0) return checkId;
  await em.execute(
    `INSERT INTO records.interception_check (check_id, idx, platform, platform_region, context, subject_key, subject_region, decision, rule_id)
     SELECT ?::uuid, x.idx, ?, ?, ?, x.key, x.region, x.decision, x.rule
     FROM jsonb_to_recordset(?::jsonb) AS x(idx int, key text, region varchar(6), decision text, rule text)`,
    [
      checkId,
      viewer.clientId,
      viewer.regionPrefix,
      context,
      JSON.stringify(
        checked.map((c) => ({
          idx: c.index,
          key: c.subjectKey,
          region: c.subjectRegion,
          decision: c.decision,
          rule: c.ruleId,
        })),
      ),
    ],
  );
  return checkId;
}

/** Keeps the rows of one blacklistCheck under a new check id and hands them back carrying it. */
export async function logCheckedRows(
  ctx: RecordsContext,
  context: string,
  rows: BlacklistResult[],
): Promise<BlacklistResult[]> {
  const checked = rows.flatMap((row, index) =>
    row.checkedKey
      ? [
          {
            index,
            subjectKey: row.checkedKey,
            subjectRegion: row.checkedRegion,
            decision: row.decision,
            ruleId: row.rule.id,
          },
        ]
      : [],
  );
  const checkId = await logChecks(ctx.em, ctx.viewer, context, checked);
  for (const row of rows) row.checkId = checkId;
  return rows;
}
