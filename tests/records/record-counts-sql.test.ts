import { today } from '../../src/common/dates';
import { RecordStatus } from '../../src/subgraphs/records/enums';
import { recordCounts, recordCountsSql, type ScoredRecord } from '../../src/subgraphs/records/policy/scoring';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * policy/scoring.ts recordCountsSql is recordCounts in SQL (blacklistCheck weighs the records in the database,
 * lists/check-facts.ts): both must say the same of every record, at the edges of its window included.
 */
describe('recordCountsSql agrees with recordCounts', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'records' });
  });
  afterAll(() => t.close());

  const asOf = '2026-06-15';
  const days = ['2025-06-15', '2026-06-14', asOf, '2026-06-16', '2027-06-15'];
  const all: ScoredRecord[] = [];
  for (const status of Object.values(RecordStatus))
    for (const tolerated of [false, true])
      for (const decidedAt of days)
        for (const publicUntil of days)
          all.push({
            id: String(all.length + 1),
            nature: 'DISHONESTY',
            category: 'ARREARS',
            severity: 'GENERAL',
            status,
            tolerated,
            decidedAt,
            publicUntil,
          } as ScoredRecord);

  it('on every combination of status, tolerance and window around the day', async () => {
    const counts = recordCountsSql(asOf);
    const values = all.map((_, i) => `(${i + 1}, ?, ?::boolean, ?::date, ?::date)`).join(', ');
    const rows = await t.sql<{ id: number }>(
      `SELECT r.id FROM (VALUES ${values}) AS r(id, status, tolerated, decided_at, public_until)
       WHERE ${counts.sql} ORDER BY r.id`,
      [...all.flatMap((r) => [r.status, r.tolerated, r.decidedAt, r.publicUntil]), ...counts.params],
    );
    const expected = all.filter((r) => recordCounts(r, asOf)).map((r) => Number(r.id));
    expect(rows.map((r) => Number(r.id))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
  });

  it('on the records of the table, read as the weighed check reads them', async () => {
    const day = today();
    const counts = recordCountsSql(day);
    const counted = await t.sql<{ id: string }>(
      `SELECT r.id::text AS id FROM records.credit_record r WHERE ${counts.sql} ORDER BY r.id`,
      counts.params,
    );
    const rows = await t.sql<{ id: string; status: RecordStatus; tolerated: boolean; d: string; u: string }>(
      `SELECT id::text AS id, status, tolerated, to_char(decided_at, 'YYYY-MM-DD') AS d,
         to_char(public_until, 'YYYY-MM-DD') AS u FROM records.credit_record r ORDER BY r.id`,
    );
    const expected = rows
      .filter((r) =>
        recordCounts(
          { status: r.status, tolerated: r.tolerated, decidedAt: r.d, publicUntil: r.u } as ScoredRecord,
          day,
        ),
      )
      .map((r) => r.id);
    expect(counted.map((r) => r.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});
