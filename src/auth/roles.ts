import { registerEnumType } from 'type-graphql';

/** The client systems that dock onto the hub (JWT claim `role`). Part of the client contract. */
export enum Role {
  PUBLIC = 'PUBLIC',
  PROCUREMENT = 'PROCUREMENT',
  TENDERING = 'TENDERING',
  INVESTMENT = 'INVESTMENT',
  DEBT = 'DEBT',
  ORG_DEPT = 'ORG_DEPT',
  DISCIPLINE = 'DISCIPLINE',
  COURT = 'COURT',
  CREDIT_OFFICE = 'CREDIT_OFFICE',
  SUBJECT = 'SUBJECT',
}

registerEnumType(Role, { name: 'Role', description: 'Role of the calling client system (JWT claim `role`).' });

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Government systems: they share government-level (政务共享) data within their jurisdiction. */
export const GOVERNMENT_ROLES: ReadonlySet<Role> = new Set([
  Role.PROCUREMENT,
  Role.TENDERING,
  Role.INVESTMENT,
  Role.DEBT,
  Role.ORG_DEPT,
  Role.DISCIPLINE,
  Role.COURT,
  Role.CREDIT_OFFICE,
]);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as string[]).includes(value);
}
