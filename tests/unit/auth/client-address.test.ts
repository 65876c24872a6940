import fs from 'node:fs';
import { clientAddressKey, isClientAddressKey } from '../../../src/auth/client-address';
import { GatewaySigner } from '../../../src/auth/gateway-signature';
import { PUBLIC_PRINCIPAL } from '../../../src/auth/principal';
import { DEFAULT_POLICY_FILE, parseCreditPolicy } from '../../../src/subgraphs/records/policy/credit-policy';

/** The anonymous caller's address as the subgraphs see it: a keyed hash, carried under the gateway's signature. */
describe('client address key', () => {
  it('is stable per address and secret, differs otherwise, and never contains the address', () => {
    const a = clientAddressKey('secret', '127.0.0.2');
    expect(a).toBe(clientAddressKey('secret', '127.0.0.2'));
    expect(a).not.toBe(clientAddressKey('secret', '127.0.0.3'));
    expect(a).not.toBe(clientAddressKey('another-secret', '127.0.0.2'));
    expect(a).not.toContain('127.0.0.2');
    expect(isClientAddressKey(a)).toBe(true);
    expect(isClientAddressKey('127.0.0.2')).toBe(false);
  });

  it('travels signed to a subgraph service; a forged or malformed one is refused', async () => {
    const signer = new GatewaySigner('gateway-secret');
    const body = { query: '{ x }', variables: {} };
    const key = clientAddressKey('gateway-secret', '10.1.2.3');
    const signed = await signer.verify(await signer.sign(PUBLIC_PRINCIPAL, 'r1', body, key), body);
    expect(signed.addressKey).toBe(key);
    const without = await signer.verify(await signer.sign(PUBLIC_PRINCIPAL, 'r2', body), body);
    expect(without.addressKey).toBeUndefined();
    await expect(signer.verify(await signer.sign(PUBLIC_PRINCIPAL, 'r3', body, '10.1.2.3'), body)).rejects.toThrow(
      /address key/,
    );
    await expect(
      signer.verify(await new GatewaySigner('forged').sign(PUBLIC_PRINCIPAL, 'r4', body, key), body),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('complaint caps in the credit policy', () => {
  const file = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
  it('ships a per-reporter cap below the per-subject cap', () => {
    const { workflows } = parseCreditPolicy(file);
    expect(workflows.complaintsPerReporterPerDay).toBeLessThan(workflows.complaintsPerSubjectPerDay);
  });
  it('refuses a per-reporter cap that would let one reporter close a subject', () => {
    const workflows = { ...file.workflows, complaintsPerReporterPerDay: file.workflows.complaintsPerSubjectPerDay };
    expect(() => parseCreditPolicy({ ...file, workflows })).toThrow(/complaintsPerReporterPerDay/);
    expect(() => parseCreditPolicy({ ...file, workflows: { ...file.workflows, complaintReceiptDays: 0 } })).toThrow(
      /complaintReceiptDays/,
    );
  });
});
