import { identifyCode, jurisdictionPrefix, normalizeCode, PROVINCE_CODES, validateUscc } from '../identity';
import { PUBLIC_PRINCIPAL } from './principal';
import { isRole, Role } from './roles';

/** What `credit-hub client add` (or a development token) asks to register. */
export interface NewClient {
  id?: string;
  issuer: string;
  subject: string;
  role: string;
  region?: string;
  org?: string;
  label?: string;
}

export interface ClientDraft {
  id: string;
  issuer: string;
  subject: string;
  role: Role;
  regionPrefix: string;
  orgCode: string | null;
  label: string;
}

/** A registration refused before anything was written; the message is for the operator. */
export class ClientRegistryError extends Error {}

const ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

function fail(zh: string, en: string): never {
  throw new ClientRegistryError(`${zh} (${en})`);
}

function nameOf(value: string, what: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 256 || /\p{Cc}/u.test(trimmed)) {
    fail(`${what}不能为空，且不超过 256 个字符、不含控制字符`, `${field} must be 1 to 256 printable characters`);
  }
  return trimmed;
}

function regionOf(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (!/^\d{0,6}$/.test(value))
    fail('辖区必须是 0 到 6 位行政区划代码前缀', 'region must be a division-code prefix of 0 to 6 digits');
  if (value.length >= 2 && !PROVINCE_CODES.has(value.slice(0, 2))) {
    fail(`辖区 ${value} 不以有效的省级代码开头`, `region ${value} does not start with a province code`);
  }
  return jurisdictionPrefix(value);
}

/**
 * Government systems register their USCC; a SUBJECT client one person's ID number or a unit's USCC, or none (a portal).
 */
function orgOf(raw: string | undefined, role: Role): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const code = normalizeCode(raw);
  if (role === Role.SUBJECT) {
    if (identifyCode(code).types.length === 0)
      fail(`机构代码 ${code} 不是有效的统一社会信用代码或身份证号`, 'org must be a valid USCC or resident ID number');
    return code;
  }
  const check = validateUscc(code);
  if (!check.valid)
    fail(`机构代码 ${code} 不是有效的统一社会信用代码：${check.message?.zh}`, 'org must be a valid USCC');
  return code;
}

/** Checks and normalises a registration; throws ClientRegistryError, so nothing is written on bad input. */
export function validateNewClient(input: NewClient): ClientDraft {
  const issuer = nameOf(input.issuer ?? '', '签发方', 'issuer');
  const subject = nameOf(input.subject ?? '', '客户端标识', 'subject');
  if (!isRole(input.role) || input.role === Role.PUBLIC) {
    fail(`角色 ${input.role} 无效（PUBLIC 无需登记）`, 'role must be a client role other than PUBLIC');
  }
  const role = input.role;
  const id = (input.id ?? subject).trim();
  if (!ID_FORMAT.test(id)) {
    fail(
      `客户端编号 "${id}" 只能包含字母、数字和 . _ : @ -，请用 --id 指定`,
      'client id must be 1-128 of [A-Za-z0-9._:@-]; give one with --id',
    );
  }
  if (id === PUBLIC_PRINCIPAL.clientId)
    fail(`客户端编号 ${id} 保留给匿名访问`, `client id "${id}" is reserved for PUBLIC callers`);
  const label = (input.label ?? '').trim();
  return { id, issuer, subject, role, regionPrefix: regionOf(input.region), orgCode: orgOf(input.org, role), label };
}
