import { randomUUID } from 'node:crypto';
import type { Query } from './context';

/** One row of the check log: the code's place in the batch, the key looked up, its region and the decision. */
export interface LoggedCheck {
  idx: number;
  key: string;
  region: string | null;
  decision: string;
  rule: string;
}

/**
 * The hub's check log (自动监督, lists/check-log.ts), hand-written: the valid codes of one check in one row under a new
 * check id, as arrays (position i: one code), in one INSERT; nothing is written for a batch without a valid code.
 */
export async function logChecks(
  query: Query,
  caller: { platform: string; region: string; context: string },
  rows: LoggedCheck[],
): Promise<string> {
  const checkId = randomUUID();
  if (!rows.length) return checkId;
  await query(
    `INSERT INTO records.interception_check
       (check_id, platform, platform_region, context, idx, subject_keys, subject_regions, decisions, rule_ids)
     VALUES ($1::uuid, $2, $3, $4, $5::int[], $6::text[], $7::varchar(6)[], $8::text[], $9::text[])`,
    [
      checkId,
      caller.platform,
      caller.region,
      caller.context,
      rows.map((r) => r.idx),
      rows.map((r) => r.key),
      rows.map((r) => r.region),
      rows.map((r) => r.decision),
      rows.map((r) => r.rule),
    ],
  );
  return checkId;
}
