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
 * The hub's check log (自动监督, lists/check-log.ts), hand-written: one row per valid code under a new check id, in one
 * multi-row INSERT of unnested arrays; nothing is written for a batch without a valid code.
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
       (check_id, idx, platform, platform_region, context, subject_key, subject_region, decision, rule_id)
     SELECT $1::uuid, x.idx, $2, $3, $4, x.key, x.region, x.decision, x.rule
     FROM unnest($5::int[], $6::text[], $7::varchar[], $8::text[], $9::text[]) AS x(idx, key, region, decision, rule)`,
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
