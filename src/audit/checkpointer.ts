import type { EntityManager } from '@mikro-orm/postgresql';
import type { HubServices } from '../services';
import { signCheckpoint, type ChainHeadState } from './checkpoint';
import { writeCheckpointFile } from './checkpoint-files';

/** Every chain's head, read in one statement: one consistent moment of the log. */
export async function readHeads(em: EntityManager): Promise<ChainHeadState[]> {
  const rows: { chain: number; seq: string; last_hash: string; legacy_seq: string }[] = await em.execute(
    'SELECT chain, seq::text, last_hash, legacy_seq::text FROM audit.chain_head ORDER BY chain',
  );
  return rows.map((row) => ({ chain: row.chain, seq: row.seq, hash: row.last_hash, legacySeq: row.legacy_seq }));
}

/** Signs the current heads and writes them into AUDIT_CHECKPOINT_DIR (`credit-hub audit checkpoint`). */
export async function writeCheckpoint(services: HubServices): Promise<{ file: string; heads: ChainHeadState[] }> {
  const heads = await readHeads(services.orm.em.fork());
  const at = new Date();
  const jws = await signCheckpoint(heads, services.config.audit.signingKeyPem, at);
  return { file: writeCheckpointFile(services.config.audit.checkpointDir, jws, at), heads };
}

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Writes a checkpoint at start, every AUDIT_CHECKPOINT_INTERVAL_S while any head moved, and a
 * last one on stop. Runs in the process that serves the archives subgraph (the owner of the
 * `audit` schema); null when the interval is 0. A failed write is logged and retried next time:
 * the log itself does not depend on it.
 */
export function startCheckpointer(services: HubServices): Checkpointer | null {
  const seconds = services.config.audit.checkpointIntervalSeconds;
  if (seconds === 0) return null;
  let written = '';
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const heads = JSON.stringify(await readHeads(services.orm.em.fork()));
        if (heads === written) return;
        const { file, heads: signed } = await writeCheckpoint(services);
        written = JSON.stringify(signed);
        services.logger.debug({ file }, 'audit checkpoint written');
      } catch (error) {
        services.logger.warn({ err: error }, 'audit checkpoint not written; retrying at the next interval');
      }
    });
    return running;
  };
  void tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
