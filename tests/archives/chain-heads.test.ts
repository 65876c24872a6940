import { appendEntries, STRIPES } from '../../src/audit/chain-append';
import { ChainHeads } from '../../src/audit/chain-heads';
import { verifyAccessLog } from '../../src/audit/verify';
import { countStatements } from '../../src/db/sql-statements';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { fileReadDraft } from '../helpers/audit-entries';

/**
 * Appends that take the head this process left (audit/chain-heads.ts): one statement each when
 * nobody else wrote, a fresh read of the head when somebody did, and a chain `audit verify` accepts.
 */
describe('access log appends from known chain heads', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const settings = () => t.services.config.audit;
  const em = () => t.services.orm.em.fork();
  const draft = (i: number) => fileReadDraft(i, `heads-${i}`);
  const count = async (sql: string) => Number((await t.sql(sql))[0].n);

  it('one statement per append once the head is known, two when another writer moved it', async () => {
    const heads = new ChainHeads(STRIPES);
    const first = await countStatements(() => appendEntries(em(), settings().hmacKeys[0], [draft(1)], heads));
    expect(first.count).toBe(2); // nothing known yet: read, then compare-and-set
    const known = await countStatements(() => appendEntries(em(), settings().hmacKeys[0], [draft(2)], heads));
    expect(known.count).toBe(1);
    // Another process (no shared hint) writes to every chain: each known head is now stale.
    for (let i = 0; i < STRIPES * 4; i += 1) await appendEntries(em(), settings().hmacKeys[0], [draft(100 + i)]);
    const stale = await countStatements(() => appendEntries(em(), settings().hmacKeys[0], [draft(3)], heads));
    expect(stale.count).toBe(3); // the refused compare-and-set, the read, the append
    expect(await count(`SELECT count(*) AS n FROM audit.access_log WHERE request_id LIKE 'heads-%'`)).toBe(
      3 + STRIPES * 4,
    );
    expect((await verifyAccessLog(em(), settings())).ok).toBe(true);
  });

  it('concurrent appends of one process, mixed with another writer: every entry written once, chains intact', async () => {
    const heads = new ChainHeads(STRIPES);
    const before = await count(`SELECT count(*) AS n FROM audit.access_log`);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appendEntries(em(), settings().hmacKeys[0], [draft(1000 + i), draft(2000 + i)], i % 3 ? heads : undefined),
      ),
    );
    expect(await count(`SELECT count(*) AS n FROM audit.access_log`)).toBe(before + 120);
    expect(await count(`SELECT count(DISTINCT (chain, seq)) AS n FROM audit.access_log`)).toBe(before + 120);
    expect((await verifyAccessLog(em(), settings())).ok).toBe(true);
  });
});
