import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, CompactSign, exportJWK, type CompactVerifyResult } from 'jose';
import { z } from 'zod';

/** The media type in every checkpoint's protected header. */
export const CHECKPOINT_TYP = 'credit-hub-audit-checkpoint+jws';

const digits = z.string().regex(/^\d+$/);
const payloadSchema = z.object({
  type: z.literal('credit-hub.audit.checkpoint'),
  version: z.literal(1),
  issuedAt: z.string(),
  heads: z.array(
    z.object({
      chain: z.number().int().min(0),
      seq: digits,
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      /** Entries up to here have unkeyed (legacy) digests; none after. */
      legacySeq: digits,
    }),
  ),
});

/** What a checkpoint says: every chain's head at one moment, signed outside the database. */
export type CheckpointPayload = z.infer<typeof payloadSchema>;
export type ChainHeadState = CheckpointPayload['heads'][number];

export class CheckpointRefused extends Error {}

/** RFC 7638 thumbprint of a public key: the `kid` of what it signs. */
export async function keyId(publicKey: KeyObject): Promise<string> {
  return calculateJwkThumbprint(await exportJWK(publicKey));
}

/** Signs a checkpoint of `heads` with the Ed25519 private key (PKCS#8 PEM): a compact JWS. */
export async function signCheckpoint(
  heads: ChainHeadState[],
  privateKeyPem: string,
  issuedAt = new Date(),
): Promise<string> {
  const privateKey = createPrivateKey(privateKeyPem);
  const payload: CheckpointPayload = {
    type: 'credit-hub.audit.checkpoint',
    version: 1,
    issuedAt: issuedAt.toISOString(),
    heads,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: CHECKPOINT_TYP, kid: await keyId(createPublicKey(privateKey)) })
    .sign(privateKey);
}

/**
 * Verifies a checkpoint against the configured public keys (SPKI PEM) and returns what it
 * says. Anything else (another key, an altered byte, another kind of token) is refused.
 */
export async function verifyCheckpoint(jws: string, publicKeyPems: string[]): Promise<CheckpointPayload> {
  for (const pem of publicKeyPems) {
    let verified: CompactVerifyResult;
    try {
      verified = await compactVerify(jws, createPublicKey(pem), { algorithms: ['EdDSA'] });
    } catch {
      continue;
    }
    const { typ } = verified.protectedHeader;
    if (typ !== CHECKPOINT_TYP) throw new CheckpointRefused(`not a checkpoint (typ ${typ})`);
    let parsed: ReturnType<typeof payloadSchema.safeParse> | undefined;
    try {
      parsed = payloadSchema.safeParse(JSON.parse(new TextDecoder().decode(verified.payload)));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) throw new CheckpointRefused('signed, but not a well-formed checkpoint');
    return parsed.data;
  }
  throw new CheckpointRefused('signature does not verify with any configured key (AUDIT_VERIFY_KEYS)');
}
