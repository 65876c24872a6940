import type { JWTPayload } from 'jose';
import { AuthenticationError } from '../common/errors';
import { identifyCode, jurisdictionPrefix, normalizeCode } from '../identity';
import { makePrincipal, type Principal } from './principal';
import { isRole, Role } from './roles';
import { ClientStatus } from './client.entity';
import { bilingual } from '../common/language';

/** A client as the registry holds it: what its tokens may claim at most. */
export interface RegisteredClient {
  id: string;
  issuer: string;
  subject: string;
  role: Role;
  /** Division-code prefix ('' = national). */
  regionPrefix: string;
  /** Its own USCC (or one person's ID number for a SUBJECT client); undefined = not fixed (a self-service portal). */
  org?: string;
  label: string;
  status: ClientStatus;
  /** SHA-256 hashes of the documents it may run; null = any operation. */
  operations: ReadonlySet<string> | null;
}

/** The claims of a verified token, with strict types. Absent `region`/`org`: the registration's. */
export interface TokenClaims {
  iss: string;
  sub: string;
  role: Role;
  region?: string;
  org?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Tokens issued a little in the future are tolerated by this much clock skew. */
const CLOCK_SKEW_SECONDS = 60;

function refuse(zh: string, en: string): never {
  throw new AuthenticationError(bilingual(zh, en));
}

function optionalString(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') refuse(`令牌的 ${name} 声明必须是字符串`, `token \`${name}\` claim must be a string`);
  return value;
}

/**
 * Reads the claims of a token whose signature is verified. A claim of the wrong type is
 * refused, never read as absent (a numeric or null `region` is not "national"); `exp` and
 * `iat` are required and the lifetime `exp - iat` is bounded.
 */
export function claimsFromPayload(
  payload: JWTPayload,
  maxLifetimeSeconds: number,
  nowSeconds = Date.now() / 1000,
): TokenClaims {
  const iss = optionalString(payload, 'iss');
  const sub = optionalString(payload, 'sub');
  const role = optionalString(payload, 'role');
  if (!iss) refuse('令牌缺少签发方 iss', 'token has no `iss` claim');
  if (!sub) refuse('令牌缺少客户端标识 sub', 'token has no `sub` claim');
  if (!isRole(role)) refuse('令牌的 role 声明无效', 'token has no valid `role` claim');
  if (typeof payload.exp !== 'number') refuse('令牌缺少有效期 exp', 'token has no numeric `exp` claim');
  if (typeof payload.iat !== 'number') refuse('令牌缺少签发时间 iat', 'token has no numeric `iat` claim');
  if (payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) refuse('令牌的签发时间在未来', 'token `iat` is in the future');
  if (payload.exp - payload.iat > maxLifetimeSeconds) {
    refuse(
      `令牌有效期超过上限 ${maxLifetimeSeconds} 秒`,
      `token lifetime exp - iat exceeds ${maxLifetimeSeconds} s (JWT_MAX_LIFETIME)`,
    );
  }
  const region = optionalString(payload, 'region');
  if (region !== undefined && !/^\d{0,6}$/.test(region)) {
    refuse('令牌的 region 声明必须是行政区划代码前缀', 'token `region` claim must be a division-code prefix');
  }
  const org = optionalString(payload, 'org');
  return { iss, sub, role, region, org: org ? normalizeCode(org) : undefined, exp: payload.exp };
}

/**
 * The principal a token gives: only when its (iss, sub) is a registered ACTIVE client and its
 * claims agree with the registration or are narrower (a region inside the registered one; the
 * same role; the same organization when one is registered). Otherwise UNAUTHENTICATED.
 */
export function principalFor(client: RegisteredClient | null, claims: TokenClaims): Principal {
  if (!client) refuse('客户端系统未登记', `client (iss "${claims.iss}", sub "${claims.sub}") is not registered`);
  if (client.status !== ClientStatus.ACTIVE) refuse(`客户端系统 ${client.id} 已停用`, `client ${client.id} is revoked`);
  if (claims.role !== client.role)
    refuse(`令牌角色与登记不符`, `token role ${claims.role} differs from the registered ${client.role}`);
  const region = claims.region === undefined ? client.regionPrefix : jurisdictionPrefix(claims.region);
  if (!region.startsWith(client.regionPrefix)) {
    refuse(
      '令牌辖区超出登记范围',
      `token region "${claims.region}" is outside the registered jurisdiction "${client.regionPrefix}"`,
    );
  }
  const org = organizationOf(client, claims);
  return makePrincipal({ sub: claims.sub, clientId: client.id, issuer: client.issuer, role: client.role, region, org });
}

/**
 * A registered organization is the only one its tokens may name. A client registered without
 * one has none, except a SUBJECT self-service portal: its tokens name the person or unit they
 * speak for, which must be a valid USCC or resident ID number.
 */
function organizationOf(client: RegisteredClient, claims: TokenClaims): string | undefined {
  if (client.org) {
    if (claims.org && claims.org !== client.org)
      refuse('令牌的机构代码与登记不符', 'token `org` differs from the registered organization');
    return client.org;
  }
  if (client.role !== Role.SUBJECT) {
    if (claims.org)
      refuse('该客户端未登记机构代码，令牌不得声明 org', 'token names an `org` but the client has none registered');
    return undefined;
  }
  if (!claims.org) refuse('SUBJECT 令牌必须在 org 中写明本人代码', 'a SUBJECT token must name its own code in `org`');
  if (identifyCode(claims.org).types.length === 0)
    refuse('令牌 org 不是有效的统一社会信用代码或身份证号', 'token `org` is not a valid USCC or ID number');
  return claims.org;
}
