import { makePrincipal, type Principal } from '../../src/auth/principal';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import type { Runtime } from '../../src/runtime';
import { sql } from './database';
import { HUB_SUBMIT } from './documents';
import { CALLERS } from './hub-statements';
import { ingestTargetCodes } from './identities';
import { ingestRecords } from './workload';

/** Source system of the in-process ingest: matched by the run's `bench-ingest-%` clean-up too. */
const SOURCE = 'bench-ingest-inprocess';

/**
 * The ingest scenario for the in-process tools (bench:cpu, bench:profile): batches of new findings
 * as COURT 320900, each batch with its own external ids (a fresh run id, then the operation's number).
 */
export function inProcessIngest(size = 500): {
  viewer: Principal;
  request(i: number): { query: string; variables: Record<string, unknown> };
} {
  const template = ingestRecords(ingestTargetCodes(), size, `inprocess-${Date.now().toString(36)}`);
  const batch = (i: number): RecordInput[] =>
    template.map((record) => ({ ...record, externalId: record.externalId.replace('@@BATCH@@', String(i)) }));
  return {
    viewer: makePrincipal({ ...CALLERS.ingest, sub: SOURCE }),
    request: (i) => ({ query: HUB_SUBMIT, variables: { input: batch(i) } }),
  };
}

/** Removes what the in-process ingest wrote (dependent rows go with their record), then VACUUM. */
export async function removeInProcessIngest(runtime: Runtime): Promise<void> {
  await sql(runtime, 'DELETE FROM records.credit_record WHERE source_system = ?', [SOURCE]);
  await sql(runtime, 'VACUUM ANALYZE records.credit_record');
}
