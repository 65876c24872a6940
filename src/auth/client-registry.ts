import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../db/orm';
import { ClientOperation, ClientStatus, ClientSystem } from './client.entity';
import type { RegisteredClient } from './client-claims';
import { ClientRegistryError, validateNewClient, type NewClient } from './client-input';

export { ClientRegistryError, type NewClient };

/** How the token verifier finds a client (an interface, so unit tests can give a map). */
export interface ClientLookup {
  find(issuer: string, subject: string): Promise<RegisteredClient | null>;
}

/** The SHA-256 of an operation document, as registered and as checked per request. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function registered(row: ClientSystem, operations: string[] | null): RegisteredClient {
  return {
    id: row.id,
    issuer: row.issuer,
    subject: row.subject,
    role: row.role,
    regionPrefix: row.regionPrefix,
    org: row.orgCode ?? undefined,
    label: row.label,
    status: row.status,
    operations: row.operationsRestricted ? new Set(operations ?? []) : null,
  };
}

/**
 * The client registry (schema `access`, docs/clients.md): `credit-hub client add|list|revoke` and token verification.
 */
export class ClientRegistry implements ClientLookup {
  constructor(private readonly orm: Orm) {}

  async find(issuer: string, subject: string): Promise<RegisteredClient | null> {
    const em = this.orm.em.fork();
    const row = await em.findOne(ClientSystem, { issuer, subject });
    if (!row) return null;
    const operations = row.operationsRestricted ? await em.find(ClientOperation, { clientId: row.id }) : [];
    return registered(
      row,
      operations.map((o) => o.documentHash),
    );
  }

  async byId(id: string): Promise<RegisteredClient | null> {
    const row = await this.orm.em.fork().findOne(ClientSystem, { id });
    return row ? this.find(row.issuer, row.subject) : null;
  }

  /** Registers a client; a taken id or (issuer, subject) is refused and nothing is written. */
  async add(input: NewClient, status = ClientStatus.ACTIVE): Promise<RegisteredClient> {
    const draft = {
      ...validateNewClient(input),
      status,
      revokedAt: status === ClientStatus.REVOKED ? new Date() : null,
    };
    const em = this.orm.em.fork();
    const clash = await em.findOne(ClientSystem, {
      $or: [{ id: draft.id }, { issuer: draft.issuer, subject: draft.subject }],
    });
    if (clash) throw this.clashError(clash, draft);
    try {
      em.create(ClientSystem, draft);
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ClientRegistryError('客户端已登记 (client already registered)');
      throw error;
    }
    return (await this.find(draft.issuer, draft.subject))!;
  }

  /** Development tokens and the demo's systems: registered unless that (issuer, subject) already is, as it is then. */
  async ensure(input: NewClient, status = ClientStatus.ACTIVE): Promise<RegisteredClient> {
    const draft = validateNewClient(input);
    return (await this.find(draft.issuer, draft.subject)) ?? this.add(input, status);
  }

  private clashError(clash: ClientSystem, draft: { id: string; issuer: string; subject: string }): ClientRegistryError {
    if (clash.id === draft.id && (clash.issuer !== draft.issuer || clash.subject !== draft.subject)) {
      return new ClientRegistryError(
        `客户端编号 ${draft.id} 已被使用，请用 --id 另取一个 (client id already taken; choose another with --id)`,
      );
    }
    return new ClientRegistryError(
      `签发方 ${draft.issuer} 的 ${draft.subject} 已登记为客户端 ${clash.id}（${clash.status}） (issuer + subject already registered as ${clash.id})`,
    );
  }

  async list(options: { status?: ClientStatus } = {}): Promise<RegisteredClient[]> {
    const em = this.orm.em.fork();
    const rows = await em.find(ClientSystem, options.status ? { status: options.status } : {}, {
      orderBy: { id: 'asc' },
    });
    const operations = await em.find(ClientOperation, {
      clientId: { $in: rows.filter((r) => r.operationsRestricted).map((r) => r.id) },
    });
    return rows.map((row) =>
      registered(
        row,
        operations.filter((o) => o.clientId === row.id).map((o) => o.documentHash),
      ),
    );
  }

  /** Revokes a client: its tokens are refused once the verifiers' caches expire (CLIENT_CACHE_TTL). */
  async revoke(id: string): Promise<RegisteredClient> {
    const em = this.orm.em.fork();
    const row = await em.findOne(ClientSystem, { id });
    if (!row) throw new ClientRegistryError(`没有编号为 ${id} 的客户端 (no client with id ${id})`);
    if (row.status !== ClientStatus.REVOKED) {
      Object.assign(row, { status: ClientStatus.REVOKED, revokedAt: new Date(), updatedAt: new Date() });
      await em.flush();
    }
    return registered(row, null);
  }

  /** Restricts a client to these operations (trusted documents, by hash), added to any it has; in one transaction. */
  async allowOperations(id: string, documents: { name: string; text: string }[]): Promise<RegisteredClient> {
    await this.orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(ClientSystem, { id });
      if (!row) throw new ClientRegistryError(`没有编号为 ${id} 的客户端 (no client with id ${id})`);
      for (const doc of documents) {
        await em.upsert(ClientOperation, { clientId: id, documentHash: documentHash(doc.text), name: doc.name });
      }
      Object.assign(row, { operationsRestricted: true, updatedAt: new Date() });
      await em.flush();
    });
    return (await this.byId(id))!;
  }
}
