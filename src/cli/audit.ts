import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { HubServices } from '../services';
import type { Runtime } from '../runtime';
import { archiveAccessLog } from '../audit/archive';
import { addMonthPartitions, listPartitions } from '../audit/partitions';
import { writeCheckpoint } from '../audit/checkpointer';
import { verifyAccessLog } from '../audit/verify';

type Write = (line: string) => void;

/** `credit-hub audit verify`: exit status 2 on any problem. */
export async function auditVerify(services: Pick<HubServices, 'orm' | 'config'>, write: Write): Promise<boolean> {
  const report = await verifyAccessLog(services.orm.em.fork(), services.config.audit);
  const { read, accepted } = report.checkpoints;
  const verdict = report.ok ? 'intact' : 'BROKEN';
  const archived = report.archivedMonths.length > 0 ? ` (archived months ${report.archivedMonths.join(', ')})` : '';
  write(
    `${report.entries} entries in ${report.chains} chains${archived}, ${accepted} of ${read} checkpoints accepted: ${verdict}`,
  );
  for (const b of report.breaks) {
    const where =
      b.chain === null
        ? 'checkpoint'
        : `chain ${b.chain}${b.seq ? `, entry ${b.seq}` : ''}${b.id ? ` (id ${b.id})` : ''}`;
    write(`  ${b.kind} ${where}: ${b.problem}`);
  }
  return report.ok;
}

/** `credit-hub audit checkpoint`: signs the current heads into AUDIT_CHECKPOINT_DIR. */
export async function auditCheckpoint(services: HubServices, write: Write): Promise<void> {
  const { file, heads } = await writeCheckpoint(services);
  const entries = heads.reduce((sum, head) => sum + BigInt(head.seq), 0n);
  write(`checkpoint of ${heads.length} chains (${entries} entries) written to ${file}`);
}

/** `credit-hub audit keygen`: fresh keys for AUDIT_HMAC_KEYS, AUDIT_SIGNING_KEY and AUDIT_VERIFY_KEYS. */
export function auditKeygen(kid: string, write: Write): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  write(
    `AUDIT_HMAC_KEYS entry (put it first; keep the older ones after it): ${kid}:${randomBytes(32).toString('base64')}`,
  );
  write('AUDIT_SIGNING_KEY (keep with the hub that writes checkpoints):');
  write(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd());
  write('AUDIT_VERIFY_KEYS (give to whoever verifies checkpoints):');
  write(publicKey.export({ type: 'spki', format: 'pem' }).toString().trimEnd());
}

/** `credit-hub audit maintain`: the current month's partition and AUDIT_PARTITION_MONTHS_AHEAD more. */
export async function auditMaintain(services: Pick<HubServices, 'orm' | 'config'>, write: Write): Promise<void> {
  const em = services.orm.em.fork();
  const made = await addMonthPartitions(em, services.config.audit.partitionMonthsAhead);
  const months = (await listPartitions(em)).map((p) => p.month);
  write(`access log partitions: ${months.join(', ')}${made.length > 0 ? ` (created ${made.join(', ')})` : ''}`);
}

/** `credit-hub audit archive [--before YYYY-MM]`: as the schema owner (MIGRATION_DATABASE_URL). */
export async function auditArchive(runtime: Pick<Runtime, 'ownerOrm' | 'services'>, write: Write, before?: string) {
  const owner = await runtime.ownerOrm();
  const archived = await archiveAccessLog(owner.em.fork(), runtime.services.config.audit, { before });
  if (archived.length === 0) write('no month to archive');
  for (const month of archived)
    write(`${month.month}: ${month.entries} entries archived to ${month.file}, partition dropped`);
}
