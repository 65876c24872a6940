import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_UNAVAILABLE } from '../../src/db/availability';
import { createHttpServer } from '../../src/gateway/http';
import { freePort, postGraphQL, startDatabaseProcess, startService } from '../helpers/processes';
import { Role, startTestHub, TEST_JWT_SECRET, type TestHub } from '../helpers/test-hub';
import type { AddressInfo } from 'node:net';

/** Faults the hub must survive; bounded in time, loopback only. */
describe('faults', () => {
  describe('PostgreSQL restarted under load', () => {
    let dataDir: string;
    let port: number;
    let db: { url: string; ownerUrl: string; stop(): Promise<void> };
    let t: TestHub;
    let url: string;
    let server: ReturnType<typeof createHttpServer>;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-hub-restart-'));
      fs.chmodSync(dataDir, 0o755);
      port = await freePort();
      db = await startDatabaseProcess(path.join(dataDir, 'pg'), port, 'restart_test');
      t = await startTestHub({ env: { DATABASE_URL: db.url, MIGRATION_DATABASE_URL: db.ownerUrl } });
      server = createHttpServer(t.hub);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 60000);

    afterAll(async () => {
      if (server) await new Promise((resolve) => server.close(resolve));
      await t?.close();
      await db.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const ask = () =>
      postGraphQL(url, `query($code: String!) { creditStatus(code: $code) { level } }`, {
        variables: { code: t.demo.blacklistedEnterprise.code },
      });

    it('fails with a clear error while the database is down and recovers without a hub restart', async () => {
      expect((await ask()).body.data.creditStatus.level).toBe('D');
      // Load during the outage: a steady trickle of requests.
      await db.stop();
      const during = await Promise.all(Array.from({ length: 10 }, ask));
      for (const { body } of during) {
        expect(body.errors[0].message).toBe(DATABASE_UNAVAILABLE);
        expect(body.errors[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: true });
      }
      expect((await fetch(`${url}/ready`)).status).toBe(503);
      db = await startDatabaseProcess(path.join(dataDir, 'pg'), port, 'restart_test');
      let recovered = false;
      for (let attempt = 0; attempt < 20 && !recovered; attempt += 1) {
        const { body } = await ask();
        recovered = body.data?.creditStatus?.level === 'D';
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recovered).toBe(true);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    }, 60000);
  });

  describe('hub killed in the middle of a large submitRecords stream', () => {
    let t: TestHub;
    beforeAll(async () => {
      t = await startTestHub();
    });
    afterAll(() => t.close());

    const env = () => ({
      DATABASE_URL: process.env.DATABASE_URL!,
      JWT_SECRET: TEST_JWT_SECRET,
      PII_SECRET: 'test-pii-secret',
      GATEWAY_SECRET: 'g',
      DEMO_DATA: 'false',
    });
    const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created unchanged } }`;
    const batch = (n: number) =>
      Array.from({ length: 500 }, (_, i) => ({
        externalId: `STREAM-${n}-${i}`,
        subject: { code: t.demo.enterprises[i % t.demo.enterprises.length].code },
        nature: 'DISHONESTY',
        category: 'JUDICIAL_JUDGMENT',
        domain: 'GENERAL',
        severity: 'GENERAL',
        title: `判决 ${n}-${i}`,
        decidedAt: '2026-01-15',
        disclosure: 'PUBLIC',
      }));
    const stored = async (n: number) =>
      Number(
        (
          await t.sql(`SELECT count(*)::int AS n FROM records.credit_record WHERE external_id LIKE ?`, [
            `STREAM-${n}-%`,
          ])
        )[0].n,
      );

    it('keeps every acknowledged batch, never half a batch, and a full re-push adds no duplicates', async () => {
      const token = await t.token(Role.COURT, { region: '320900', sub: 'stream-court' });
      let hub = await startService([], env());
      const acknowledged: number[] = [];
      for (let n = 0; n < 3; n += 1) {
        const { body } = await postGraphQL(hub.url, SUBMIT, { variables: { input: batch(n) }, token });
        expect(body.data.submitRecords.created).toBe(500);
        acknowledged.push(n);
      }
      // The fourth batch is in flight when the process dies.
      const inFlight = postGraphQL(hub.url, SUBMIT, { variables: { input: batch(3) }, token }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await hub.stop('SIGKILL');
      await inFlight;

      for (const n of acknowledged) expect(await stored(n)).toBe(500);
      expect([0, 500]).toContain(await stored(3));

      hub = await startService([], env());
      try {
        let created = 0;
        for (let n = 0; n < 5; n += 1) {
          const { body } = await postGraphQL(hub.url, SUBMIT, { variables: { input: batch(n) }, token });
          created += body.data.submitRecords.created;
        }
        for (let n = 0; n < 5; n += 1) expect(await stored(n)).toBe(500);
        const [{ duplicates }] = await t.sql(
          `SELECT count(*)::int AS duplicates FROM (SELECT external_id FROM records.credit_record WHERE external_id LIKE 'STREAM-%' GROUP BY source_system, external_id HAVING count(*) > 1) d`,
        );
        expect(duplicates).toBe(0);
        expect(created).toBeGreaterThanOrEqual(1000);
      } finally {
        await hub.stop('SIGKILL');
      }
    }, 120000);

    it('SIGTERM lets the request in flight finish before the process exits', async () => {
      const token = await t.token(Role.COURT, { region: '320900', sub: 'graceful-court' });
      const hub = await startService([], env());
      const inFlight = postGraphQL(hub.url, SUBMIT, { variables: { input: batch(7) }, token });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const exited = new Promise<number | null>((resolve) => hub.process.once('exit', (code) => resolve(code)));
      hub.process.kill('SIGTERM');
      const { status, body } = await inFlight;
      expect(status).toBe(200);
      expect(body.data.submitRecords.created + body.data.submitRecords.unchanged).toBe(500);
      expect(await exited).toBe(0);
      expect(await stored(7)).toBe(500);
    }, 60000);
  });
});
