import path from 'node:path';
import { z } from 'zod';
import { Role } from '../../../auth/roles';
import { PROJECT_ROOT } from '../../../common/paths';
import { ListType, RecordCategory, RecordDomain, Severity } from '../enums';
import { parseConfig, readJsonConfig } from '../../../common/config-file';

/**
 * The rules of each list (名单), as configuration (config/list-rules.json, or LIST_RULES_FILE):
 * who lists and delists (认定单位, and whether the credit office may too), the legal bases one
 * may list on and the records each basis must rest on, the duration, and whether the subject is
 * told (告知) and may object before the listing takes effect. Validated at start-up: a bad file
 * stops the hub, naming the file and the field (docs/lists.md).
 */
const recordRequirement = z
  .object({
    severities: z.array(z.nativeEnum(Severity)).min(1).optional(),
    categories: z.array(z.nativeEnum(RecordCategory)).min(1).optional(),
    domains: z.array(z.nativeEnum(RecordDomain)).min(1).optional(),
  })
  .strict();

const listBasis = z.object({ id: z.string().min(1), text: z.string().min(1), records: recordRequirement }).strict();

const listRule = z
  .object({
    name: z.string().min(1),
    authorities: z.array(z.nativeEnum(Role)).min(1),
    /** The credit office (信用办) of the jurisdiction may list and delist as well. */
    creditOffice: z.boolean().default(false),
    bases: z.array(listBasis).min(1),
    minMonths: z.number().int().positive().optional(),
    /** Duration when the authority names no endsOn (default: maxMonths). */
    defaultMonths: z.number().int().positive().optional(),
    maxMonths: z.number().int().positive(),
    /** 告知: the subject is told and may object for objectionDays before the listing takes effect. */
    notice: z
      .object({ objectionDays: z.number().int().positive(), rights: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => (r.minMonths ?? 1) <= r.maxMonths, { message: 'minMonths must not exceed maxMonths' })
  .refine((r) => (r.defaultMonths ?? r.maxMonths) <= r.maxMonths, { message: 'defaultMonths exceeds maxMonths' })
  .refine((r) => (r.defaultMonths ?? r.maxMonths) >= (r.minMonths ?? 1), { message: 'defaultMonths below minMonths' })
  .refine((r) => new Set(r.bases.map((b) => b.id)).size === r.bases.length, { message: 'basis ids must be unique' });

const listRulesSchema = z
  .object({
    version: z.string().min(1),
    // Every list type has its rule: a list nobody may keep is a configuration error, not a silent refusal.
    lists: z.object(
      Object.fromEntries(Object.values(ListType).map((type) => [type, listRule])) as Record<ListType, typeof listRule>,
    ),
  })
  .strict();

export type ListRules = z.infer<typeof listRulesSchema>;
export type ListRule = z.infer<typeof listRule>;
export type ListBasis = z.infer<typeof listBasis>;
export type RecordRequirement = z.infer<typeof recordRequirement>;

export const DEFAULT_LIST_RULES_FILE = path.join(PROJECT_ROOT, 'config', 'list-rules.json');

export function parseListRules(value: unknown, source = 'list rules'): ListRules {
  return parseConfig(listRulesSchema, value, source);
}

export function loadListRules(file = process.env.LIST_RULES_FILE || DEFAULT_LIST_RULES_FILE): ListRules {
  const raw = readJsonConfig(file, 'list rules');
  return parseListRules(raw, file);
}

/** The basis a listing rests on: the one named, or the rule's first; undefined when the rule has no such id. */
export function basisOf(rule: ListRule, basisId?: string | null): ListBasis | undefined {
  return basisId ? rule.bases.find((b) => b.id === basisId) : rule.bases[0];
}

/** Whether a record meets a basis' requirement (severity, category, domain: each when the basis names it). */
export function meetsRequirement(
  requirement: RecordRequirement,
  record: { severity: Severity; category: RecordCategory; domain: RecordDomain },
): boolean {
  return (
    (!requirement.severities || requirement.severities.includes(record.severity)) &&
    (!requirement.categories || requirement.categories.includes(record.category)) &&
    (!requirement.domains || requirement.domains.includes(record.domain))
  );
}

/** The roles that keep a list: its authorities, and the credit office where the rule lets it. */
export function listKeepers(rule: ListRule): Role[] {
  return [...new Set([...rule.authorities, ...(rule.creditOffice ? [Role.CREDIT_OFFICE] : [])])];
}
