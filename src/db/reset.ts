import type { HubConfig } from '../config';
import type { Orm } from './orm';
import { removeCheckpoints } from '../audit/checkpoint-files';
import { learnChainHeads, type ChainHeads } from '../audit/chain-heads';

/** What of the running hub a reset needs (src/runtime.ts Runtime has it). */
interface ResettableRuntime {
  ownerOrm(): Promise<Orm>;
  services: { config: Pick<HubConfig, 'audit'>; chainHeads: ChainHeads };
}

/**
 * Empties every table the hub owns (all schemas but public), keeping the migrations and
 * resetting the access log's chain heads to genesis (they are seeded by a migration, and
 * without them no access could be logged), and removes the log's checkpoints, which a fresh
 * log would otherwise contradict. As the owner: the hub's own role may not TRUNCATE. For
 * tests and benchmark resets only.
 */
export async function emptyHubTables(runtime: ResettableRuntime): Promise<void> {
  const em = (await runtime.ownerOrm()).em.fork();
  const tables: { name: string }[] = await em.execute(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
     WHERE schemaname NOT IN ('public', 'pg_catalog', 'information_schema') AND tablename <> 'chain_head'`,
  );
  if (tables.length > 0) await em.execute(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
  await em.execute(`UPDATE audit.chain_head SET seq = 0, last_hash = repeat('0', 64), legacy_seq = 0`);
  // The hub's remembered heads (audit/chain-heads.ts) start from the emptied log too.
  await learnChainHeads(em, runtime.services.chainHeads);
  removeCheckpoints(runtime.services.config.audit.checkpointDir);
}
