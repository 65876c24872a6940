import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Role } from './roles';

export enum ClientStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}

/**
 * A registered client system (schema `access`, docs/clients.md). Tokens are matched to it by
 * their (iss, sub); its `id` is what the hub stores as "the system that did it" (a record's
 * source system, a webhook's owner, a workflow's initiator).
 */
@Entity({ schema: 'access', tableName: 'client' })
@Unique({ name: 'client_issuer_subject_unique', properties: ['issuer', 'subject'] })
export class ClientSystem {
  [OptionalProps]?:
    'regionPrefix' | 'orgCode' | 'label' | 'status' | 'operationsRestricted' | 'createdAt' | 'updatedAt' | 'revokedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The token issuer (`iss`). */
  @Property({ type: 'text' })
  issuer!: string;

  /** The token subject (`sub`) under that issuer. */
  @Property({ type: 'text' })
  subject!: string;

  @Enum({ items: () => Role, type: 'text' })
  role!: Role;

  /** Jurisdiction as a division-code prefix; '' = national. */
  @Property({ type: 'string', columnType: 'varchar(6)', default: '' })
  regionPrefix: string = '';

  /** Its own USCC; for a SUBJECT client of one person, that person's ID number; null = any (self-service portal). */
  @Property({ type: 'text', nullable: true })
  orgCode?: string | null;

  @Property({ type: 'text', default: '' })
  label: string = '';

  @Enum({ items: () => ClientStatus, type: 'text', default: ClientStatus.ACTIVE })
  status: ClientStatus = ClientStatus.ACTIVE;

  /** When true, only the operations registered in access.client_operation may be run. */
  @Property({ type: 'boolean', default: false })
  operationsRestricted: boolean = false;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}

/** An operation (trusted document, by the SHA-256 of its text) a restricted client may run. */
@Entity({ schema: 'access', tableName: 'client_operation' })
export class ClientOperation {
  [OptionalProps]?: 'registeredAt';

  @PrimaryKey({ type: 'text' })
  clientId!: string;

  @PrimaryKey({ type: 'string', columnType: 'char(64)' })
  documentHash!: string;

  /** The operation's name, for people reading the registry. */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  registeredAt: Date = new Date();
}

export const CLIENT_ENTITIES = [ClientSystem, ClientOperation];
