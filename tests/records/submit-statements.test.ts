import { addMonths, today } from '../../src/common/dates';
import { countStatements } from '../../src/db/sql-statements';
import { as, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { clientOperation } from '../helpers/client-operations';

const SUBMIT = clientOperation('record-push/SubmitRecords');

/**
 * What a push costs in SQL statements, whatever its size (docs/benchmarks.md "Ingest: half of raw"): the subjects
 * resolved once, then in one transaction the lock, the insert (returning what the warning rules read), the webhook
 * watchers, the case links of ENFORCEMENT_DEFAULT records (one statement when all are new), the REPEATED_FINDINGS
 * count and the warnings' insert. The same batch again is the lock alone.
 */
describe('submitRecords statements', () => {
  let t: TestHub;
  const court = () => as(Role.COURT, { region: '320900', sub: 'court-statements', org: t.demo.court.code });
  const finding = (externalId: string, k: number) => ({
    externalId,
    subject: { code: t.demo.housing.code },
    nature: 'DISHONESTY',
    category: k % 2 === 0 ? 'ENFORCEMENT_DEFAULT' : 'JUDICIAL_JUDGMENT',
    domain: 'GENERAL',
    severity: k % 3 === 0 ? 'SERIOUS' : 'GENERAL',
    title: `拒不履行 ${k}`,
    documentNo: `（2026）苏09执${k}号`,
    decidedAt: addMonths(today(), -1 - (k % 5)),
    disclosure: 'PUBLIC',
  });
  const batch = (prefix: string, size: number) => Array.from({ length: size }, (_, k) => finding(`${prefix}-${k}`, k));

  async function push(input: unknown[]) {
    const { result, count, statements } = await countStatements(() => t.run(SUBMIT, { input }, court()), true);
    expect(result.errors).toBeUndefined();
    return { payload: result.data!.submitRecords, count, statements };
  }

  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
  });
  afterAll(() => t.close());

  it('costs the same for 1 new finding as for 60, and the same batch again only its lock', async () => {
    await push(batch('WARM', 2));
    const one = await push(batch('ONE', 1));
    const many = await push(batch('MANY', 60));
    expect(many.payload).toMatchObject({ created: 60, updated: 0, unchanged: 0 });
    expect(many.count).toBe(one.count);
    // Resolve, BEGIN, lock, insert, watchers, case links, repeated count, warnings, COMMIT, then the results'
    // `record` (was 13: the written rows read back, the subjects' kinds looked up again, the case links' DELETE).
    expect(many.count).toBeLessThanOrEqual(10);
    expect(many.statements.some((sql) => /^DELETE FROM records\.case_record/.test(sql))).toBe(false);
    expect(many.statements.some((sql) => /FROM records\.credit_record r WHERE r\.id = ANY/.test(sql))).toBe(false);
    const again = await push(batch('MANY', 60));
    expect(again.payload).toMatchObject({ created: 0, updated: 0, unchanged: 60 });
    // Resolve, BEGIN, lock, COMMIT, the results' `record`.
    expect(again.count).toBeLessThanOrEqual(5);
  });

  it('raises the warnings from the rows the write returned, as from rows read again', async () => {
    const { payload } = await push(batch('WARN', 6));
    const ids = payload.results.map((r: { recordId: string }) => r.recordId);
    const serious = await t.sql(
      `SELECT record_ids->>0 AS id FROM records.early_warning WHERE kind = 'SERIOUS_FINDING' AND record_ids->>0 = ANY(?::text[])
       ORDER BY id`,
      [`{${ids.join(',')}}`],
    );
    // k = 0 and 3 are SERIOUS.
    expect(serious.map((w) => w.id).sort()).toEqual([ids[0], ids[3]].sort());
    const changed = await push([{ ...finding('WARN-1', 1), severity: 'SERIOUS', title: '拒不履行（更正）' }]);
    expect(changed.payload).toMatchObject({ updated: 1 });
    const [updated] = await t.sql(
      `SELECT count(*)::int AS n FROM records.early_warning WHERE kind = 'SERIOUS_FINDING' AND record_ids->>0 = ?`,
      [ids[1]],
    );
    expect(updated.n).toBe(1);
  });
});
