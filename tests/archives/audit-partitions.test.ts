import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { archiveAccessLog, ArchiveRefused } from '../../src/audit/archive';
import { archiveFiles } from '../../src/audit/archive-files';
import { appendEntries } from '../../src/audit/chain-append';
import { addMonths, listPartitions, monthOf } from '../../src/audit/partitions';
import { verifyAccessLog } from '../../src/audit/verify';
import { runtimeRoleProblems } from '../../src/db/roles';
import { TEST_AUDIT_ENV } from '../helpers/audit-keys';
import { CLI } from '../helpers/processes';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { fileReadDraft } from '../helpers/audit-entries';

/** The access log by month: partitions that keep the log's protections, retention that archives, verify across both. */
describe('access log partitions, retention and archives', () => {
  let t: TestHub;
  let dir: string;
  const month = (offset: number) => addMonths(monthOf(new Date()), offset);
  const table = (m: string) => `audit.access_log_${m.replace('-', '_')}`;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-archive-'));
    t = await startTestHub({ demo: false, env: { AUDIT_ARCHIVE_DIR: dir, AUDIT_RETENTION_MONTHS: '1' } });
  });
  afterAll(async () => {
    for (const offset of [4, 5, 6]) await t.sql(`DROP TABLE IF EXISTS ${table(month(offset))}`);
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const settings = () => t.services.config.audit;
  const verify = () => verifyAccessLog(t.services.orm.em.fork(), settings());
  const owner = async () => (await t.runtime.ownerOrm()).em.fork();
  const sqlState = async (text: string, app = true) => {
    try {
      await (app ? t.appSql(text) : t.sql(text));
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };
  /** `n` entries written as the hub writes them, dated on the 15th of month `m` (or now). */
  const write = async (n: number, m?: string) => {
    const occurredAt = m ? new Date(`${m}-15T12:00:00.123Z`) : new Date();
    for (let i = 0; i < n; i += 1) {
      await appendEntries(t.services.orm.em.fork(), settings().hmacKeys[0], [
        fileReadDraft(i, `req-${m ?? 'now'}-${i}`, occurredAt),
      ]);
    }
  };

  it('is partitioned by month, the current month and three more made ready at start-up', async () => {
    const [parent] = await t.sql(`SELECT relkind::text FROM pg_class WHERE oid = 'audit.access_log'::regclass`);
    expect(parent.relkind).toBe('p');
    const months = (await listPartitions(await owner())).map((p) => p.month);
    expect(months).toEqual(expect.arrayContaining([month(0), month(1), month(2), month(3)]));
    await write(3);
    const [row] = await t.sql(`SELECT count(*)::int AS n FROM ${table(month(0))}`);
    expect(row.n).toBe(3);
    // Even the owner: the trigger refuses (P0001), as on the log before partitioning.
    expect(await sqlState(`UPDATE ${table(month(0))} SET purpose = 'x'`, false)).toBe('P0001');
    expect(await sqlState(`DELETE FROM ${table(month(0))}`, false)).toBe('P0001');
  });

  describe.each([
    ['this month', 0],
    ['a month made later, by the hub itself', 6],
  ])('on a partition of %s', (_name, offset) => {
    beforeAll(async () => {
      await t.appSql('SELECT audit.add_month_partitions(6)');
    });

    it.each([
      ['UPDATE', (p: string) => `UPDATE ${p} SET purpose = 'x'`],
      ['DELETE', (p: string) => `DELETE FROM ${p}`],
      ['TRUNCATE', (p: string) => `TRUNCATE ${p}`],
      ['INSERT past the parent', (p: string) => `INSERT INTO ${p} SELECT * FROM ${p}`],
      ['DISABLE TRIGGER', (p: string) => `ALTER TABLE ${p} DISABLE TRIGGER access_log_append_only`],
      ['DETACH', (p: string) => `ALTER TABLE audit.access_log DETACH PARTITION ${p}`],
      ['DROP', (p: string) => `DROP TABLE ${p}`],
    ])('the hub role may not %s (42501)', async (_op, sql) => {
      expect(await sqlState(sql(table(month(offset))))).toBe('42501');
    });

    it('carries the append-only trigger, enabled', async () => {
      const triggers = await t.sql(
        `SELECT tgname, tgenabled::text AS enabled FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal`,
        [table(month(offset))],
      );
      expect(triggers).toEqual([{ tgname: 'access_log_append_only', enabled: 'O' }]);
    });
  });

  it('the start-up role check still finds the hub least-privileged; the hub may not make past months', async () => {
    expect(await runtimeRoleProblems(t.services.orm.em.fork())).toEqual([]);
    expect(await sqlState(`SELECT audit.ensure_month_partition('2000-01-01')`)).toBe('42501');
    expect(await sqlState(`SELECT audit.add_month_partitions(25)`)).toBe('P0001');
  });

  it('an entry of a month without a partition is refused, not written elsewhere', async () => {
    await expect(write(1, '2001-01')).rejects.toMatchObject({ code: '23514' });
    expect((await verify()).ok).toBe(true);
  });

  describe('retention that archives', () => {
    beforeAll(async () => {
      await t.sql(`SELECT audit.ensure_month_partition(?::date), audit.ensure_month_partition(?::date)`, [
        `${month(-3)}-01`,
        `${month(-2)}-01`,
      ]);
      await write(20, month(-3));
      await write(20, month(-2));
      await write(20);
    });

    it('refuses months within retention, and everything when no retention is set', async () => {
      await expect(archiveAccessLog(await owner(), settings(), { before: month(0) })).rejects.toThrow(ArchiveRefused);
      await expect(archiveAccessLog(await owner(), settings(), { before: '2026-13' })).rejects.toThrow(ArchiveRefused);
      await expect(archiveAccessLog(await owner(), { ...settings(), retentionMonths: null })).rejects.toThrow(
        ArchiveRefused,
      );
      expect((await listPartitions(await owner())).map((p) => p.month)).toContain(month(-3));
    });

    it('exports each month before the limit to signed files, then drops it; verify covers archive and live', async () => {
      const before = await verify();
      expect(before).toMatchObject({ ok: true, entries: 63 });
      const archived = await archiveAccessLog(await owner(), settings(), { before: month(-1) });
      expect(archived.map((a) => [a.month, a.entries])).toEqual([
        [month(-3), 20],
        [month(-2), 20],
      ]);
      const months = (await listPartitions(await owner())).map((p) => p.month);
      expect(months).not.toContain(month(-3));
      expect(months).not.toContain(month(-2));
      expect((await t.sql('SELECT count(*)::int AS n FROM audit.access_log'))[0].n).toBe(23);
      expect(fs.existsSync(archiveFiles(dir, month(-3)).manifest)).toBe(true);
      expect(await verify()).toMatchObject({ ok: true, entries: 63, archivedMonths: [month(-3), month(-2)] });
      expect(await archiveAccessLog(await owner(), settings(), { before: month(-1) })).toEqual([]);
    });

    it('finds an archive altered, or signed with another key, or gone', async () => {
      const { data, manifest } = archiveFiles(dir, month(-3));
      const original = fs.readFileSync(data, 'utf8');
      const signed = fs.readFileSync(manifest, 'utf8');
      try {
        fs.writeFileSync(data, original.replace('考察1"', '考察9"'));
        const altered = await verify();
        expect(altered.ok).toBe(false);
        expect(altered.breaks.map((b) => b.kind)).toEqual(expect.arrayContaining(['ARCHIVE_REFUSED', 'DELETED']));
        fs.writeFileSync(data, original);

        const [head, payload, signature] = signed.trim().split('.');
        fs.writeFileSync(manifest, `${head}.${payload}.${signature.slice(0, -4)}AAAA\n`);
        expect((await verify()).breaks.map((b) => b.kind)).toContain('ARCHIVE_REFUSED');

        fs.rmSync(manifest);
        fs.rmSync(data);
        const gone = await verify();
        expect(gone.breaks.some((b) => b.kind === 'DELETED')).toBe(true);
        expect(gone.breaks.some((b) => b.kind === 'ARCHIVE_REFUSED')).toBe(false);
      } finally {
        fs.writeFileSync(data, original);
        fs.writeFileSync(manifest, signed);
      }
      expect((await verify()).ok).toBe(true);
    });

    it('`credit-hub audit maintain`, `audit archive` and `audit verify` from the command line', () => {
      const env = { ...process.env, ...TEST_AUDIT_ENV, LOG_LEVEL: 'silent', AUDIT_ARCHIVE_DIR: dir };
      const cli = (args: string[], extra: Record<string, string> = {}) =>
        spawnSync(process.execPath, [CLI, 'audit', ...args], { env: { ...env, ...extra }, encoding: 'utf8' });
      const maintain = cli(['maintain']);
      expect(maintain.status).toBe(0);
      expect(maintain.stdout).toContain(month(3));
      expect(cli(['archive', '--before', month(-1)]).status).not.toBe(0);
      const archive = cli(['archive', '--before', month(-1)], { AUDIT_RETENTION_MONTHS: '1' });
      expect(archive.status).toBe(0);
      expect(archive.stdout).toContain('no month to archive');
      const verified = cli(['verify']);
      expect(verified.status).toBe(0);
      expect(verified.stdout).toContain(`archived months ${month(-3)}, ${month(-2)}`);
    });
  });
});
