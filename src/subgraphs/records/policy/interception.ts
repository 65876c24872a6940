import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../../common/paths';
import { ListType, RecordCategory, Severity } from '../enums';
import { parseConfig, readJsonConfig } from '../../../common/config-file';

/**
 * The interception policy (自动比对、自动拦截; docs/interception.md): per context of use, which
 * lists in force block, which dishonesty records in force and which credit levels warn, and
 * which levels earn 信易购 deposit relief in procurement. Versioned configuration
 * (config/interception-policy.json, or INTERCEPTION_POLICY_FILE), validated at start-up: a
 * bad file stops the hub naming the bad path.
 */
export enum CheckContext {
  PROCUREMENT = 'PROCUREMENT',
  TENDERING = 'TENDERING',
  FUNDING = 'FUNDING',
  HONOURS = 'HONOURS',
  APPROVAL = 'APPROVAL',
}

export enum CheckDecision {
  PASS = 'PASS',
  WARN = 'WARN',
  BLOCK = 'BLOCK',
}

export enum DepositReliefKind {
  WAIVED = 'WAIVED',
  REDUCED = 'REDUCED',
  NONE = 'NONE',
}

const ruleId = z.string().regex(/^[A-Z][A-Z0-9_.-]*$/, 'upper-case letters, digits, _ . -');

/** What every rule says of itself: a stable id, why in Chinese, and the legal or plan text it rests on. */
const described = { id: ruleId, description: z.string().min(1), basis: z.string().min(1) };

/**
 * One rule: matches a subject with a listing in force of `listTypes`, or a dishonesty record in
 * force of `recordCategories` / `recordSeverities` (both given: both must match), or a level in `levels`.
 */
const interceptionRule = z
  .object({
    ...described,
    decision: z.enum([CheckDecision.BLOCK, CheckDecision.WARN]),
    listTypes: z.array(z.nativeEnum(ListType)).min(1).optional(),
    recordCategories: z.array(z.nativeEnum(RecordCategory)).min(1).optional(),
    recordSeverities: z.array(z.nativeEnum(Severity)).min(1).optional(),
    levels: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine(
    (r) => [r.listTypes, r.recordCategories ?? r.recordSeverities, r.levels].filter(Boolean).length === 1,
    'a rule matches exactly one of: listTypes, recordCategories/recordSeverities, levels',
  );

const contextPolicy = z
  .object({
    rules: z.array(interceptionRule),
    /** The rule of a registered subject no rule matches. */
    clean: z.object(described).strict(),
    /** A valid code not registered (or withheld from the caller: the same answer by design). */
    unregistered: z.object({ ...described, decision: z.nativeEnum(CheckDecision) }).strict(),
    /** A code failing its check digit or format. */
    invalid: z.object({ ...described, decision: z.nativeEnum(CheckDecision) }).strict(),
  })
  .strict();

const reliefRule = z
  .object({
    ...described,
    levels: z.array(z.string().min(1)).min(1),
    kind: z.enum([DepositReliefKind.WAIVED, DepositReliefKind.REDUCED]),
    /** Share of the performance deposit relieved, in percent (WAIVED: 100). */
    percent: z.number().int().min(1).max(100),
  })
  .strict()
  .refine((r) => (r.kind === DepositReliefKind.WAIVED) === (r.percent === 100), 'WAIVED is 100 percent, REDUCED less');

export const interceptionPolicySchema = z
  .object({
    version: z.string().min(1),
    contexts: z.object(
      Object.fromEntries(Object.values(CheckContext).map((c) => [c, contextPolicy])) as Record<
        CheckContext,
        typeof contextPolicy
      >,
    ),
    /** 信易购: performance deposit (履约保证金) relief by level, in PROCUREMENT; the first rule naming the level. */
    depositRelief: z.object({ rules: z.array(reliefRule), none: z.object(described).strict() }).strict(),
  })
  .strict();

export type InterceptionPolicy = z.infer<typeof interceptionPolicySchema>;
export type ContextPolicy = z.infer<typeof contextPolicy>;
export type InterceptionRule = z.infer<typeof interceptionRule>;

export const DEFAULT_INTERCEPTION_FILE = path.join(PROJECT_ROOT, 'config', 'interception-policy.json');

/** Rule ids must be unique across the file: a platform stores them with each decision. */
function duplicateIds(policy: InterceptionPolicy): string[] {
  const ids = Object.values(policy.contexts).flatMap((c) => [
    ...c.rules.map((r) => r.id),
    c.clean.id,
    c.unregistered.id,
    c.invalid.id,
  ]);
  ids.push(...policy.depositRelief.rules.map((r) => r.id), policy.depositRelief.none.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** Levels the rules name that the credit policy does not have: such a rule could never match. */
function unknownLevels(policy: InterceptionPolicy, levels: readonly string[]): string[] {
  const named = [
    ...Object.values(policy.contexts).flatMap((c) => c.rules.flatMap((r) => r.levels ?? [])),
    ...policy.depositRelief.rules.flatMap((r) => r.levels),
  ];
  return [...new Set(named.filter((level) => !levels.includes(level)))];
}

/** Validates the file; `levels` (the credit policy's) are the only levels its rules may name. */
export function parseInterceptionPolicy(
  value: unknown,
  source = 'interception policy',
  levels?: readonly string[],
): InterceptionPolicy {
  const policy = parseConfig(interceptionPolicySchema, value, source);
  const duplicates = duplicateIds(policy);
  if (duplicates.length) throw new Error(`${source} is invalid: duplicate rule ids ${duplicates.join(', ')}`);
  const unknown = levels ? unknownLevels(policy, levels) : [];
  if (unknown.length)
    throw new Error(`${source} is invalid: levels ${unknown.join(', ')} are not credit policy levels`);
  return policy;
}

export function loadInterceptionPolicy(
  file = process.env.INTERCEPTION_POLICY_FILE || DEFAULT_INTERCEPTION_FILE,
  levels?: readonly string[],
): InterceptionPolicy {
  const raw = readJsonConfig(file, 'interception policy');
  return parseInterceptionPolicy(raw, file, levels);
}
