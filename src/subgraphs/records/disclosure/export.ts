import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HubServices } from '../../../services';
import { stringify } from 'csv-stringify';
import type { Principal } from '../../../auth/principal';
import type { DirectoryEntry } from '../../../common/subject-directory';
import { today as todayInHubZone } from '../../../common/dates';
import { selfKeyOf } from '../../../identity/subject-keys';
import { SubjectKind } from '../../../common/subject-kind';
import { RecordCategory } from '../enums';
import { recordVisibility } from '../findings/record.repository';
import { maySeePersonStanding } from '../../../auth/conditions';
import { mayReadRecordInternals } from '../findings/rules';
import { CSV_FORMULA_ESCAPE } from './formula-cells';
import { SGS_ITEMS, SGS_KEYS, emptyRow, type SgsRow } from './items';

export interface PenaltyExportOptions {
  /** Only the records the caller's own system pushed (what a re-import of the file addresses). */
  mine?: boolean;
  /** Header row with the cf_* names (default) or the Chinese item names. */
  header?: 'cf' | 'zh';
  /** Rows fetched from the cursor at a time. */
  fetchSize?: number;
  today?: string;
}

interface ExportedRecord {
  subject_key: string;
  subject_name: string | null;
  subject_kind: SubjectKind | null;
  external_id: string;
  document_no: string | null;
  title: string;
  details: string | null;
  legal_basis: string | null;
  decided_at: string;
  deciding_authority_code: string | null;
  source_items: Record<string, string> | null;
}

/**
 * One record as a 双公示 row. Imported records give back the items they came with; records
 * pushed through submitRecords give what the hub has (decision number, offence as title,
 * facts, basis, date, authority) and leave the rest empty. Identity numbers of natural persons
 * are never exported; facts, legal basis and a natural person's name only to those who may
 * read record internals (canReadRecordInternals) and, for a person, know their standing.
 */
export function penaltyRowOf(record: ExportedRecord, internals: boolean): SgsRow {
  const row = emptyRow();
  const items = record.source_items ?? {};
  for (const key of SGS_KEYS) if (items[key] !== undefined) row[key] = items[key];
  const person = record.subject_kind === SubjectKind.PUBLIC_SERVANT || row.cf_xdr_lb === '自然人';
  if (!row.cf_xdr_lb)
    row.cf_xdr_lb = person ? '自然人' : record.subject_key.startsWith('92') ? '个体工商户' : '法人及非法人组织';
  if (!row.cf_xdr_mc) row.cf_xdr_mc = record.subject_name ?? '';
  if (person) {
    if (!internals) row.cf_xdr_mc = '';
  } else {
    row.cf_xdr_shxym = record.subject_key;
  }
  row.cf_wsh = record.document_no ?? record.external_id;
  if (!row.cf_wfxw) row.cf_wfxw = record.title;
  row.cf_sy = internals ? (record.details ?? '') : '';
  row.cf_yj = internals ? (record.legal_basis ?? '') : '';
  row.cf_jdrq = record.decided_at;
  row.cf_cfjgdm = record.deciding_authority_code ?? '';
  return row;
}

/**
 * Whether the facts, legal basis and (for a natural person) the name go into the row: the
 * records' own field rule (canReadRecordInternals), and for a civil servant also that the
 * caller may know the person's standing (conditions.maySeePersonStanding): government systems outside
 * the person's management and discipline lines get the row without who it is about.
 */
function mayReadInternalsOf(
  viewer: Principal,
  selfKey: string | undefined,
  record: ExportedRecord,
  entry: DirectoryEntry | undefined,
): boolean {
  if (!mayReadRecordInternals(viewer, selfKey, record.subject_key)) return false;
  const person = !entry || entry.kind === SubjectKind.PUBLIC_SERVANT || record.source_items?.cf_xdr_lb === '自然人';
  return !person || (!!entry && maySeePersonStanding(viewer, selfKey, entry));
}

/**
 * Streams the administrative penalties `viewer` may see as 双公示 CSV into `out` (formula cells
 * neutralised, formula-cells.ts): a
 * server-side cursor (DECLARE … CURSOR in a read-only transaction) read `fetchSize` rows at
 * a time into csv-stringify, waiting whenever `out` is full, so the file is never in memory.
 * Which rows: recordVisibility, the one rule every record path uses, in the cursor's SQL.
 * RESTRICTED records are left out: a bulk file is no place for 依授权查询 data, whose every
 * release is logged one by one. Returns the number of rows written.
 */
export async function exportPenalties(
  services: Pick<HubServices, 'orm' | 'keys' | 'subjectDirectory'>,
  viewer: Principal,
  out: Writable,
  options: PenaltyExportOptions = {},
): Promise<number> {
  const { keys } = services;
  const em = services.orm.em.fork();
  // Names and kinds come from the registry's own service, a batch at a time: records never read its tables.
  const directory = services.subjectDirectory(services.orm.em.fork());
  const day = options.today ?? todayInHubZone();
  const selfKey = selfKeyOf(viewer, keys);
  const scope = recordVisibility(viewer, selfKey, day);
  const fetchSize = options.fetchSize ?? 500;
  const csv = stringify({ bom: true, ...CSV_FORMULA_ESCAPE });
  const written = pipeline(csv, out);
  written.catch(() => undefined); // awaited below; a reader that goes away surfaces there
  const send = async (cells: string[]) => {
    if (!csv.write(cells)) await Promise.race([once(csv, 'drain'), written]);
  };
  let count = 0;
  try {
    await send(SGS_KEYS.map((key) => (options.header === 'zh' ? SGS_ITEMS.get(key)!.name : key)));
    await em.transactional(
      async (tx) => {
        // Column list and literals are fixed; the viewer's values travel as parameters.
        await tx.execute(
          `DECLARE sgs_export NO SCROLL CURSOR FOR
           SELECT r.id, r.subject_key, r.external_id, r.document_no, r.title,
                  r.details, r.legal_basis, to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, r.deciding_authority_code, r.source_items
           FROM records.credit_record r
           WHERE ${scope.sql} AND r.category = ? AND r.disclosure <> 'RESTRICTED'${options.mine ? ' AND r.source_system = ?' : ''}
           ORDER BY r.id`,
          [...scope.params, RecordCategory.ADMINISTRATIVE_PENALTY, ...(options.mine ? [viewer.clientId] : [])],
        );
        for (;;) {
          const rows = (await tx.execute(`FETCH ${fetchSize} FROM sgs_export`)) as ExportedRecord[];
          const subjects = new Map(
            (await directory.lookup([...new Set(rows.map((r) => r.subject_key))])).map((entry) => [entry.key, entry]),
          );
          for (const record of rows) {
            const entry = subjects.get(record.subject_key);
            record.subject_name = entry?.name ?? null;
            record.subject_kind = entry?.kind ?? null;
            const row = penaltyRowOf(record, mayReadInternalsOf(viewer, selfKey, record, entry));
            await send(SGS_KEYS.map((key) => row[key]));
            count++;
          }
          if (rows.length < fetchSize) break;
        }
        await tx.execute('CLOSE sgs_export');
      },
      { readOnly: true },
    );
    csv.end();
  } catch (error) {
    csv.destroy(error as Error);
    throw error;
  }
  await written;
  return count;
}
