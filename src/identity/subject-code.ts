import { validCheck, type CodeCheck } from './code-check';
import { PROVINCE_CODES } from './division';
import { validateResidentId } from './resident-id';
import { validateUscc } from './uscc';

export type CodeType = 'USCC' | 'RESIDENT_ID';

/** Codes arrive typed by hand or copied from documents: case and spacing carry no meaning. */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

/**
 * Both interpretations are tried: an 18-digit string can (rarely) be valid as both.
 * When neither fits, the problem reported is the one for what the input most resembles.
 */
export function identifyCode(normalized: string, today?: Date): { types: CodeType[]; check: CodeCheck } {
  const uscc = validateUscc(normalized);
  const resident = validateResidentId(normalized, today);
  const types: CodeType[] = [];
  if (uscc.valid) types.push('USCC');
  if (resident.valid) types.push('RESIDENT_ID');
  if (types.length > 0) return { types, check: validCheck() };
  const looksLikeId = /^\d{17}[\dX]$/.test(normalized) && PROVINCE_CODES.has(normalized.slice(0, 2));
  return { types, check: looksLikeId ? resident : uscc };
}
