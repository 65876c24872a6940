import { makePrincipal, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import type { HubServices } from '../../src/services';
import { countStatements } from '../../src/db/sql-statements';
import { createHub } from '../../src/gateway/hub';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import { BENCH_ORG_DEPT_CODE } from './cadre-files';
import { ARCHIVE_PURPOSE, HUB_ARCHIVE, HUB_BLACKLIST, HUB_DECISION, HUB_STATUS, HUB_SUBMIT } from './documents';

export const BENCH_REGION = '320900';

/** The callers of each scenario (the hub child gets the same claims as signed tokens). */
export const CALLERS = {
  blacklist: { role: Role.TENDERING, region: BENCH_REGION, sub: 'bench-tendering' },
  status: { role: Role.PROCUREMENT, region: BENCH_REGION, sub: 'bench-procurement' },
  /** The organization department that manages the archive scenario's cadres. */
  archive: { role: Role.ORG_DEPT, region: BENCH_REGION, sub: 'bench-org-dept', org: BENCH_ORG_DEPT_CODE },
  ingest: { role: Role.COURT, region: BENCH_REGION, sub: 'bench-ingest-hub' },
} as const;

export interface HubStatementCounts {
  blacklist?: number;
  /** blacklistCheck with the interception decision (PROCUREMENT). */
  decision?: number;
  status?: number;
  /** Including the access-log append(s) of the reading. */
  archive?: number;
  /** Whether that reading released a RESTRICTED record (one more access-log append, in the records subgraph). */
  archiveRestricted?: boolean;
  ingest?: number;
  /** The same batch pushed again (all UNCHANGED): the idempotency path alone. */
  ingestRepeat?: number;
}

/**
 * SQL statements per operation of the hub, counted exactly (db/sql-statements.ts) around one
 * execution through the gateway in this process: the hub exposes no counts over HTTP.
 */
export async function hubStatementCounts(
  services: HubServices,
  ops: { codes?: string[]; decisionCodes?: string[]; code?: string; cadre?: string; records?: RecordInput[] },
): Promise<HubStatementCounts> {
  const hub = await createHub(services);
  const run = async (query: string, variables: Record<string, unknown>, viewer: Principal) => {
    const { result, count } = await countStatements(async () => {
      const response = await hub.server.executeOperation(
        { query, variables },
        { contextValue: hub.contextFor(viewer) },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult;
    });
    if (result.errors?.length)
      throw new Error(`hub (in-process) answered with errors: ${JSON.stringify(result.errors).slice(0, 400)}`);
    last = result.data;
    return count;
  };
  let last: unknown;
  const counts: HubStatementCounts = {};
  try {
    // Once to warm the gateway's query plan cache, once counted.
    if (ops.codes) {
      await run(HUB_BLACKLIST, { codes: ops.codes }, makePrincipal(CALLERS.blacklist));
      counts.blacklist = await run(HUB_BLACKLIST, { codes: ops.codes }, makePrincipal(CALLERS.blacklist));
    }
    if (ops.decisionCodes) {
      await run(HUB_DECISION, { codes: ops.decisionCodes }, makePrincipal(CALLERS.status));
      counts.decision = await run(HUB_DECISION, { codes: ops.decisionCodes }, makePrincipal(CALLERS.status));
    }
    if (ops.code) {
      await run(HUB_STATUS, { code: ops.code }, makePrincipal(CALLERS.status));
      counts.status = await run(HUB_STATUS, { code: ops.code }, makePrincipal(CALLERS.status));
    }
    if (ops.cadre) {
      await run(HUB_ARCHIVE, { code: ops.cadre, purpose: ARCHIVE_PURPOSE }, makePrincipal(CALLERS.archive));
      counts.archive = await run(
        HUB_ARCHIVE,
        { code: ops.cadre, purpose: ARCHIVE_PURPOSE },
        makePrincipal(CALLERS.archive),
      );
      counts.archiveRestricted = JSON.stringify(last).includes('"disclosure":"RESTRICTED"');
    }
    if (ops.records) {
      const pusher = makePrincipal({ ...CALLERS.ingest, sub: 'bench-ingest-statements' });
      try {
        counts.ingest = await run(HUB_SUBMIT, { input: ops.records }, pusher);
        counts.ingestRepeat = await run(HUB_SUBMIT, { input: ops.records }, pusher);
      } finally {
        await services.orm.em
          .fork()
          .getConnection()
          .execute(`DELETE FROM records.credit_record WHERE source_system = 'bench-ingest-statements'`);
      }
    }
  } finally {
    await hub.stop();
  }
  return counts;
}
