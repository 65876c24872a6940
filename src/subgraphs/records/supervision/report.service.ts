import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import {
  checkEach,
  InputError,
  invalidItems,
  itemError,
  refuseInvalid,
  type InvalidItem,
} from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { SubjectKeys } from '../../../identity/subject-keys';
import type { EvaluationConfig } from '../policy/evaluation-config';
import { raiseInterceptionOverrides } from '../monitoring/warning.raise';
import { reportsOwnCheck } from './rules';
import { InterceptionAction, type InterceptionReportItem, type InterceptionReportResult } from './supervision.types';

export const MAX_REPORT_ITEMS = 1000;
const MAX_TEXT = { projectNo: 100, lot: 100, reason: 500 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ReportArgs {
  projectNo: string;
  lot?: string | null;
  items: InterceptionReportItem[];
}

interface CheckedItem {
  index: number;
  checkId: string;
  keys: string[];
  action: InterceptionAction;
  reason: string | null;
}

interface CheckRow {
  item: number;
  check_id: string;
  idx: number;
  platform: string;
  platform_region: string;
  subject_key: string;
  subject_region: string | null;
  decision: string | null;
  rule_id: string | null;
  action: InterceptionAction | null;
  reason: string | null;
  project_no: string | null;
  lot: string | null;
}

function optionalText(value: string | null | undefined, field: keyof typeof MAX_TEXT): string | null {
  const text = value?.trim() || null;
  if (text && text.length > MAX_TEXT[field])
    throw new InputError(
      bilingual(`${field} 至多 ${MAX_TEXT[field]} 个字符`, `${field}: at most ${MAX_TEXT[field]} characters`),
      {
        field,
      },
    );
  return text;
}

function checkItem(keys: SubjectKeys, item: InterceptionReportItem, index: number): CheckedItem {
  const refuse = (field: string, zh: string, en: string) => itemError({ index, field, message: bilingual(zh, en) });
  if (!UUID.test(item.checkId ?? '')) throw refuse('checkId', 'checkId 不是核查编号', 'checkId is not a check id');
  const code = keys.identify(item.code ?? '');
  if (!code.check.valid) throw refuse('code', '代码无效', 'the code is not valid');
  let reason: string | null;
  try {
    reason = optionalText(item.reason, 'reason');
  } catch {
    throw refuse('reason', `理由至多 ${MAX_TEXT.reason} 个字符`, `reason: at most ${MAX_TEXT.reason} characters`);
  }
  if (item.action === InterceptionAction.ADMITTED_WITH_REASON && !reason)
    throw refuse('reason', '说明理由后接纳须写明理由', 'ADMITTED_WITH_REASON needs the reason');
  return { index, checkId: item.checkId.toLowerCase(), keys: code.keys, action: item.action, reason };
}

/**
 * The checked codes each item names, with what was reported of them, their checks locked: one statement for the whole
 * report. A check is one row with its codes as arrays (lists/check-log.ts); an item's key is found by position.
 */
async function lockChecks(em: EntityManager, items: CheckedItem[]): Promise<CheckRow[]> {
  const pairs = items.flatMap((i) => i.keys.map((key) => ({ item: i.index, check_id: i.checkId, key })));
  return em.execute(
    `SELECT x.item, c.check_id::text, c.idx[p.at] AS idx, c.platform, c.platform_region, x.key AS subject_key,
            c.subject_regions[p.at] AS subject_region, c.decisions[p.at] AS decision, c.rule_ids[p.at] AS rule_id,
            r.action, r.reason, r.project_no, r.lot
     FROM jsonb_to_recordset(?::jsonb) AS x(item int, check_id uuid, key text)
     JOIN records.interception_check c ON c.check_id = x.check_id
     CROSS JOIN LATERAL unnest(array_positions(c.subject_keys, x.key)) AS p(at)
     LEFT JOIN records.interception_report r ON r.check_id = c.check_id AND r.idx = c.idx[p.at]
     ORDER BY c.check_id, 3 FOR UPDATE OF c`,
    [JSON.stringify(pairs)],
  );
}

type Verdict = { invalid?: InvalidItem; forbidden?: InvalidItem; write: CheckRow[]; unchanged: boolean };

/** What to do with one item given its locked rows: write them, nothing (a retry), or refuse the item. */
function judge(
  viewer: Principal,
  item: CheckedItem,
  rows: CheckRow[],
  report: { projectNo: string; lot: string | null },
): Verdict {
  const at = (field: string, zh: string, en: string, details?: Record<string, unknown>): InvalidItem => ({
    index: item.index,
    field,
    message: bilingual(zh, en),
    details,
  });
  if (rows.length === 0)
    return {
      write: [],
      unchanged: false,
      invalid: at('checkId', '该次核查中没有这个代码', 'no such code in that check'),
    };
  if (!rows.every((row) => reportsOwnCheck.holds(viewer, row)))
    return {
      write: [],
      unchanged: false,
      forbidden: at('checkId', reportsOwnCheck.refusal.zh, reportsOwnCheck.refusal.en, {
        reason: reportsOwnCheck.name,
      }),
    };
  const same = (row: CheckRow) =>
    row.action === item.action &&
    row.reason === item.reason &&
    row.project_no === report.projectNo &&
    row.lot === report.lot;
  const reported = rows.filter((row) => row.action !== null);
  if (reported.some((row) => !same(row)))
    return {
      write: [],
      unchanged: false,
      invalid: at('action', '该代码已就此次核查报告过不同的处理', 'this code of that check was reported otherwise', {
        reported: reported[0].action,
      }),
    };
  return { write: rows.filter((row) => row.action === null), unchanged: reported.length === rows.length };
}

/**
 * reportInterceptions (自动监督): the platform says what it did with each checked bidder, once per code and check
 * (an identical retry changes nothing). All items or none: an unknown, foreign or contradicting item refuses the
 * report. Admitting a bidder decided BLOCK raises INTERCEPTION_OVERRIDDEN in the same transaction.
 */
export async function reportInterceptions(
  em: EntityManager,
  viewer: Principal,
  deps: { keys: SubjectKeys; evaluation: EvaluationConfig },
  args: ReportArgs,
): Promise<InterceptionReportResult> {
  const projectNo = optionalText(args.projectNo, 'projectNo');
  if (!projectNo)
    throw new InputError(bilingual('projectNo 不能为空', 'projectNo must not be empty'), { field: 'projectNo' });
  const lot = optionalText(args.lot, 'lot');
  if (args.items.length === 0 || args.items.length > MAX_REPORT_ITEMS)
    throw new InputError(bilingual(`每次 1 至 ${MAX_REPORT_ITEMS} 项`, `1 to ${MAX_REPORT_ITEMS} items per call`), {
      field: 'items',
    });
  const { valid, invalid } = checkEach(args.items, (item, index) => checkItem(deps.keys, item, index));
  refuseInvalid(invalid);
  return em.transactional(async (tx) => {
    const rows = await lockChecks(tx, valid);
    const verdicts = valid.map((item) => ({
      item,
      ...judge(
        viewer,
        item,
        rows.filter((row) => row.item === item.index),
        { projectNo, lot },
      ),
    }));
    const forbidden = verdicts.flatMap((v) => (v.forbidden ? [v.forbidden] : []));
    if (forbidden.length > 0) throw invalidItems(forbidden, 'FORBIDDEN');
    refuseInvalid(verdicts.flatMap((v) => (v.invalid ? [v.invalid] : [])));
    const writes = verdicts.flatMap((v) => v.write.map((row) => ({ row, item: v.item })));
    await writeReports(tx, writes, { projectNo, lot });
    const overrides = writes
      .filter(({ row, item }) => row.decision === 'BLOCK' && item.action !== InterceptionAction.EXCLUDED)
      .map(({ row, item }) => ({
        checkId: row.check_id,
        index: row.idx,
        platform: row.platform,
        platformRegion: row.platform_region,
        subjectKey: row.subject_key,
        subjectRegion: row.subject_region,
        ruleId: row.rule_id,
        projectNo,
        lot,
        reason: item.reason,
      }));
    const warningsRaised = overrides.length ? await raiseInterceptionOverrides(tx, deps.evaluation, overrides) : 0;
    return {
      recorded: valid.length - verdicts.filter((v) => v.unchanged).length,
      unchanged: verdicts.filter((v) => v.unchanged).length,
      warningsRaised,
    };
  });
}

async function writeReports(
  em: EntityManager,
  writes: { row: CheckRow; item: CheckedItem }[],
  report: { projectNo: string; lot: string | null },
): Promise<void> {
  if (writes.length === 0) return;
  await em.execute(
    `INSERT INTO records.interception_report (check_id, idx, action, reason, project_no, lot)
     SELECT x.check_id, x.idx, x.action, x.reason, ?, ?
     FROM jsonb_to_recordset(?::jsonb) AS x(check_id uuid, idx int, action text, reason text)`,
    [
      report.projectNo,
      report.lot,
      JSON.stringify(
        writes.map(({ row, item }) => ({
          check_id: row.check_id,
          idx: row.idx,
          action: item.action,
          reason: item.reason,
        })),
      ),
    ],
  );
}
