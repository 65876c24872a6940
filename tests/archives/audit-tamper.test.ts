import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appendEntries, GENESIS_HASH, STRIPES } from '../../src/audit/chain-append';
import { signCheckpoint } from '../../src/audit/checkpoint';
import { removeCheckpoints, writeCheckpointFile } from '../../src/audit/checkpoint-files';
import { readHeads, startCheckpointer, writeCheckpoint } from '../../src/audit/checkpointer';
import { verifyAccessLog } from '../../src/audit/verify';
import { parseHmacKeys } from '../../src/config/audit';
import { CLI } from '../helpers/processes';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { fileReadDraft } from '../helpers/audit-entries';

// What a database owner has without the hub's key: SHA-256 over the content, as audit.entry_digest computed it.
const OWNER_DIGEST = `encode(sha256(convert_to(jsonb_build_array(chain, seq, prev_hash,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), request_id, actor_sub, actor_role, actor_org,
  subject_keys, resource, fields, purpose, operation, outcome)::text, 'UTF8')), 'hex')`;

/** The access log against its database owner: rewrites, recomputed chains, truncation, foreign checkpoints. */
describe('access log tampering', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const settings = () => t.services.config.audit;
  const verify = () => verifyAccessLog(t.services.orm.em.fork(), settings());
  const draft = (i: number) => fileReadDraft(i, `req-${i}`);
  /** A fresh log of 48 entries written as the hub writes them; returns the longest chain and its length. */
  const freshLog = async () => {
    await t.sql('TRUNCATE audit.access_log');
    await t.sql(`UPDATE audit.chain_head SET seq = 0, last_hash = '${GENESIS_HASH}', legacy_seq = 0`);
    removeCheckpoints(settings().checkpointDir);
    for (let i = 0; i < 48; i += 1) await appendEntries(t.services.orm.em.fork(), settings().hmacKeys[0], [draft(i)]);
    const [longest] = await t.sql(
      'SELECT chain, count(*)::int AS n FROM audit.access_log GROUP BY chain ORDER BY n DESC, chain LIMIT 1',
    );
    return longest as { chain: number; n: number };
  };
  /** As the owner: trigger off, run `change`, trigger on. */
  const asOwner = async (change: string) => {
    await t.sql('ALTER TABLE audit.access_log DISABLE TRIGGER access_log_append_only');
    try {
      await t.sql(change);
    } finally {
      await t.sql('ALTER TABLE audit.access_log ENABLE TRIGGER access_log_append_only');
    }
  };
  /**
   * Rewrites chain `chain` from entry `from` on with the owner's digest, relinks it and moves
   * the head: a consistent forgery.
   */
  const recompute = (chain: number, from: number, keyId: 'keep' | 'drop') =>
    asOwner(`DO $$ DECLARE r record; prev text; BEGIN
      SELECT coalesce((SELECT hash FROM audit.access_log WHERE chain = ${chain} AND seq = ${from - 1}), '${GENESIS_HASH}') INTO prev;
      FOR r IN SELECT id FROM audit.access_log WHERE chain = ${chain} AND seq >= ${from} ORDER BY seq LOOP
        UPDATE audit.access_log SET prev_hash = prev ${keyId === 'drop' ? ', key_id = NULL' : ''} WHERE id = r.id;
        UPDATE audit.access_log SET hash = ${OWNER_DIGEST} WHERE id = r.id RETURNING hash INTO prev;
      END LOOP;
      UPDATE audit.chain_head SET last_hash = prev ${keyId === 'drop' ? `, legacy_seq = seq` : ''} WHERE chain = ${chain};
    END $$`);

  it('a log written concurrently verifies, with every chain and a checkpoint', async () => {
    await freshLog();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendEntries(t.services.orm.em.fork(), settings().hmacKeys[0], [draft(100 + i), draft(200 + i)]),
      ),
    );
    await writeCheckpoint(t.services);
    const report = await verify();
    expect(report).toMatchObject({
      ok: true,
      entries: 128,
      chains: STRIPES,
      checkpoints: { read: 1, accepted: 1 },
      breaks: [],
    });
  });

  it.each(['keep', 'drop'] as const)(
    'an entry changed and its chain recomputed by the owner (key id: %s) is REWRITTEN',
    async (keyId) => {
      const { chain, n } = await freshLog();
      await asOwner(`UPDATE audit.access_log SET purpose = '无' WHERE chain = ${chain} AND seq = 2`);
      await recompute(chain, 2, keyId);
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'REWRITTEN', chain, seq: '2' })]);
      expect(n).toBeGreaterThanOrEqual(3);
    },
  );

  it('a whole chain re-digested without the key is REWRITTEN against the checkpoint, though its legacy boundary moved too', async () => {
    const { chain } = await freshLog();
    await writeCheckpoint(t.services);
    await recompute(chain, 1, 'drop');
    const report = await verify();
    expect(report.breaks).toEqual([
      expect.objectContaining({ kind: 'REWRITTEN', chain, seq: '1', problem: expect.stringMatching(/unkeyed/) }),
    ]);
  });

  it('the newest entries deleted and the head reset are TRUNCATED, seen through the checkpoint', async () => {
    const { chain, n } = await freshLog();
    await writeCheckpoint(t.services);
    await asOwner(`DELETE FROM audit.access_log WHERE chain = ${chain} AND seq > ${n - 2}`);
    await t.sql(`UPDATE audit.chain_head h SET seq = l.seq, last_hash = l.hash FROM audit.access_log l
                 WHERE h.chain = ${chain} AND l.chain = h.chain AND l.seq = ${n - 2}`);
    const report = await verify();
    expect(report.breaks).toEqual([expect.objectContaining({ kind: 'TRUNCATED', chain, seq: String(n) })]);
    // Without checkpoints the shortened chain is self-consistent: the checkpoint is what tells.
    removeCheckpoints(settings().checkpointDir);
    expect((await verify()).ok).toBe(true);
  });

  it('an entry deleted in the middle is DELETED', async () => {
    const { chain } = await freshLog();
    await asOwner(`DELETE FROM audit.access_log WHERE chain = ${chain} AND seq = 2`);
    expect((await verify()).breaks).toEqual([expect.objectContaining({ kind: 'DELETED', chain, seq: '3' })]);
  });

  it('a checkpoint signed with another key is refused, and reported', async () => {
    await freshLog();
    await writeCheckpoint(t.services);
    const foreign = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const heads = (await readHeads(t.services.orm.em.fork())).map((head) => ({ ...head, seq: '999' }));
    const file = writeCheckpointFile(
      settings().checkpointDir,
      await signCheckpoint(heads, foreign),
      new Date(Date.now() + 1000),
    );
    const report = await verify();
    expect(report.checkpoints).toEqual({ read: 2, accepted: 1 });
    expect(report.breaks).toEqual([
      {
        kind: 'CHECKPOINT_REFUSED',
        chain: null,
        seq: null,
        id: null,
        problem: expect.stringContaining(path.basename(file)),
      },
    ]);
  });

  it('old keys still verify after rotation; an entry whose key is no longer configured is UNKNOWN_KEY', async () => {
    await freshLog();
    const next = parseHmacKeys(`test-2:${Buffer.alloc(32, 9).toString('base64')}`)[0];
    await appendEntries(t.services.orm.em.fork(), next, [draft(900)]);
    const rotated = { ...settings(), hmacKeys: [next, ...settings().hmacKeys] };
    expect((await verifyAccessLog(t.services.orm.em.fork(), rotated)).ok).toBe(true);
    const [entry] = await t.sql(`SELECT chain, seq::text FROM audit.access_log WHERE key_id = 'test-2'`);
    expect((await verify()).breaks).toEqual([
      expect.objectContaining({ kind: 'UNKNOWN_KEY', chain: entry.chain, seq: entry.seq }),
    ]);
  });

  it('entries from before keyed digests still verify, up to the legacy boundary', async () => {
    await freshLog();
    // Written as audit.entry_digest did, with values whose JSON text is easy to get wrong.
    const purposes = ['引号 " 反斜杠 \\ 换行 \n 制表 \t 控制 \u0001', 'plain'];
    await t.sql('TRUNCATE audit.access_log');
    await t.sql(`UPDATE audit.chain_head SET seq = 0, last_hash = '${GENESIS_HASH}', legacy_seq = 0`);
    // Dated in a past month: its partition is made as the migration makes those of existing entries.
    await t.sql(`SELECT audit.ensure_month_partition('2026-11-01')`);
    for (const [i, purpose] of purposes.entries()) {
      await t.sql(
        `INSERT INTO audit.access_log (chain, seq, prev_hash, hash, occurred_at, request_id, actor_sub, actor_role, actor_org,
                     subject_keys, resource, fields, purpose, operation, outcome)
                   SELECT 5, h.seq + 1, h.last_hash, '', '2026-11-30T08:00:00.123456Z', 'r', 'sub', 'ORG_DEPT', null,
                     ARRAY['k"1', 'k2'], 'ARCHIVE', ARRAY['entries'], ?, 'Op', 'GRANTED' FROM audit.chain_head h WHERE h.chain = 5`,
        [purpose],
      );
      await asOwner(`UPDATE audit.access_log SET hash = ${OWNER_DIGEST} WHERE chain = 5 AND seq = ${i + 1}`);
      await t.sql(`UPDATE audit.chain_head h SET seq = l.seq, last_hash = l.hash, legacy_seq = l.seq FROM audit.access_log l
                   WHERE h.chain = 5 AND l.chain = 5 AND l.seq = ${i + 1}`);
    }
    expect(await verify()).toMatchObject({ ok: true, entries: 2 });
    await t.sql('UPDATE audit.chain_head SET legacy_seq = 1 WHERE chain = 5');
    expect((await verify()).breaks).toEqual([expect.objectContaining({ kind: 'REWRITTEN', chain: 5, seq: '2' })]);
  });

  it('the checkpointer writes at start, after new entries on stop, and nothing when no head moved', async () => {
    await freshLog();
    const files = () => fs.readdirSync(settings().checkpointDir).filter((name) => name.endsWith('.jws'));
    const first = startCheckpointer(t.services)!;
    await first.stop();
    expect(files()).toHaveLength(1);
    const second = startCheckpointer(t.services)!;
    // A new process checkpoints at start, whatever the previous one wrote.
    for (let i = 0; i < 100 && files().length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(files()).toHaveLength(2);
    await appendEntries(t.services.orm.em.fork(), settings().hmacKeys[0], [draft(1000)]);
    await second.stop();
    expect(files()).toHaveLength(3);
    expect(fs.readdirSync(settings().checkpointDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await verify()).checkpoints).toEqual({ read: 3, accepted: 3 });
  });

  it('`credit-hub audit verify` exits 2 and names the problem', async () => {
    const { chain } = await freshLog();
    await asOwner(`DELETE FROM audit.access_log WHERE chain = ${chain} AND seq = 1`);
    const run = spawnSync(process.execPath, [CLI, 'audit', 'verify'], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`DELETED chain ${chain}, entry 2`);
  });
});
