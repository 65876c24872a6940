import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import type { RecordsContext } from '../context';
import type { BlacklistResult } from './blacklist.type';
import { pgArray, pgNullableArray } from '../../../db/sql';

/**
 * The valid codes of one check as the check log keeps them, one array per column (position i is one code): its place
 * in the batch, the subject key looked up (the USCC, or a keyed hash of a resident ID number, never the number), the
 * subject's region, the decision and its rule.
 */
export interface CheckedCodes {
  indexes: number[];
  subjectKeys: string[];
  subjectRegions: (string | null)[];
  decisions: (string | null)[];
  ruleIds: (string | null)[];
}

/**
 * 自动监督: every blacklistCheck is kept under a check id, its valid codes in ONE row (position i of each array is one
 * code: its place in the batch, key, region, decision and rule), so the platform can report what it did with each
 * bidder (reportInterceptions: supervision/report.service.ts, into records.interception_report) and the credit
 * office can see checks never reported back. One row, not one per code: ~450 rows with three index entries each were
 * most of a 500-code call's PostgreSQL cost (docs/benchmarks.md). Invalid codes are not kept: they name no subject to
 * intercept.
 */
export async function logChecks(
  em: EntityManager,
  viewer: Principal,
  context: string | null,
  checked: CheckedCodes,
): Promise<string> {
  const checkId = randomUUID();
  if (checked.indexes.length === 0) return checkId;
  await em.execute(
    `INSERT INTO records.interception_check
       (check_id, platform, platform_region, context, idx, subject_keys, subject_regions, decisions, rule_ids)
     VALUES (?::uuid, ?, ?, ?, ?::int[], ?::text[], ?::varchar(6)[], ?::text[], ?::text[])`,
    [
      checkId,
      viewer.clientId,
      viewer.regionPrefix,
      context,
      pgArray(checked.indexes),
      pgArray(checked.subjectKeys),
      pgNullableArray(checked.subjectRegions),
      pgNullableArray(checked.decisions),
      pgNullableArray(checked.ruleIds),
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
  // The columns built in one pass, no object per code.
  const checked: CheckedCodes = { indexes: [], subjectKeys: [], subjectRegions: [], decisions: [], ruleIds: [] };
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (!row.checkedKey) continue;
    checked.indexes.push(index);
    checked.subjectKeys.push(row.checkedKey);
    checked.subjectRegions.push(row.checkedRegion);
    checked.decisions.push(row.decision);
    checked.ruleIds.push(row.rule.id);
  }
  const checkId = await logChecks(ctx.em, ctx.viewer, context, checked);
  for (const row of rows) row.checkId = checkId;
  return rows;
}
