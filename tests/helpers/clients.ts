import { ClientStatus } from '../../src/auth/client.entity';
import type { RegisteredClient } from '../../src/auth/client-claims';
import type { ClientLookup, NewClient } from '../../src/auth/client-registry';
import { validateNewClient } from '../../src/auth/client-input';

/** A client registry in memory, for verifier tests without a database; validated like the real one. */
export function memoryClients(clients: (NewClient & { status?: ClientStatus })[]): ClientLookup & { lookups: number } {
  const byKey = new Map<string, RegisteredClient>();
  for (const client of clients) {
    const draft = validateNewClient(client);
    byKey.set(`${draft.issuer} ${draft.subject}`, {
      id: draft.id,
      issuer: draft.issuer,
      subject: draft.subject,
      role: draft.role,
      regionPrefix: draft.regionPrefix,
      org: draft.orgCode ?? undefined,
      label: draft.label,
      status: client.status ?? ClientStatus.ACTIVE,
      operations: null,
    });
  }
  const lookup = {
    lookups: 0,
    async find(issuer: string, subject: string) {
      lookup.lookups += 1;
      return byKey.get(`${issuer} ${subject}`) ?? null;
    },
  };
  return lookup;
}
