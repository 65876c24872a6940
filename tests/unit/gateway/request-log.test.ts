import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApolloGateway } from '@apollo/gateway';
import { RequestAccessLog } from '../../../src/audit/request-log';
import type { EntryDraft } from '../../../src/audit/chain-append';
import type { AuditHmacKey } from '../../../src/config/audit';
import { createLogger } from '../../../src/common/logger';
import { executeLogged } from '../../../src/gateway/request-log';

type Executor = ApolloGateway['executor'];

const key: AuditHmacKey = { id: 'k1', key: Buffer.alloc(32, 7) };
const draft = (resource: EntryDraft['resource']): EntryDraft => ({
  occurredAt: new Date('2026-12-02T06:00:00.000Z'),
  requestId: 'r1',
  actorSub: 'org-dept',
  actorRole: 'ORG_DEPT',
  actorOrg: null,
  subjectKeys: ['p:1'],
  resource,
  fields: ['archive'],
  purpose: null,
  purposeKind: null,
  operation: 'Archive',
  outcome: 'GRANTED',
});

/** An EntityManager that records the statements it is given and fails when told to. */
function fakeEm(fail = false) {
  const sent: { sql: string; params: unknown[] }[] = [];
  const em = {
    execute: async (sql: string, params: unknown[]) => {
      sent.push({ sql, params });
      if (fail) throw new Error('relation "audit.chain_head" does not exist');
      return /^SELECT seq/.test(sql) ? [{ seq: '0', last_hash: '0'.repeat(64) }] : [{ seq: '1' }];
    },
  } as unknown as EntityManager;
  return { em, sent };
}

const silent = createLogger('silent');
const request = { context: { requestId: 'r1' } } as unknown as Parameters<Executor>[0];
const answered: Executor = async () => ({ data: { subject: { name: '张三' } } });

describe('one access-log append per request (gateway/request-log.ts)', () => {
  it('writes the entries of every subgraph in one statement, in the order they were added, then answers', async () => {
    const { em, sent } = fakeEm();
    const log = new RequestAccessLog(key);
    log.add(em, [draft('PERSON_CODE')]);
    log.add(em, []);
    log.add(em, [draft('ARCHIVE')]);
    const result = await executeLogged(answered, request, log, silent);
    expect(result).toEqual({ data: { subject: { name: '张三' } } });
    const appends = sent.filter((s) => /INSERT INTO audit\.access_log/.test(s.sql));
    expect(appends).toHaveLength(1);
    const resources = appends[0].params.filter((p) => p === 'PERSON_CODE' || p === 'ARCHIVE');
    expect(resources).toEqual(['PERSON_CODE', 'ARCHIVE']);
  });

  it('nothing noted: no statement', async () => {
    const { sent } = fakeEm();
    const result = await executeLogged(answered, request, new RequestAccessLog(key), silent);
    expect(result.data).toBeDefined();
    expect(sent).toEqual([]);
  });

  it('the append fails: no data, INTERNAL_SERVER_ERROR', async () => {
    const { em } = fakeEm(true);
    const log = new RequestAccessLog(key);
    log.add(em, [draft('ARCHIVE')]);
    const result = await executeLogged(answered, request, log, silent);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('the execution throws: the entries noted on the way are written all the same, the throw goes on', async () => {
    const { em, sent } = fakeEm();
    const log = new RequestAccessLog(key);
    const failing: Executor = async () => {
      log.add(em, [draft('ARCHIVE')]);
      throw new Error('plan failed');
    };
    await expect(executeLogged(failing, request, log, silent)).rejects.toThrow('plan failed');
    expect(sent.filter((s) => /INSERT INTO audit\.access_log/.test(s.sql))).toHaveLength(1);
  });
});
