import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../../common/paths';
import { SubjectKind } from '../../../common/subject-kind';
import { RecordCategory, RecordDomain, RecordNature, Severity } from '../enums';
import { GovernmentCaseKind } from '../enums';
import { ObjectionState } from '../enums';
import { parseConfig, readJsonConfig } from '../../../common/config-file';

/**
 * The indicator system of monitoring and evaluation (监测评价指标体系) and its early-warning
 * rules, as versioned configuration (config/evaluation.json, or EVALUATION_CONFIG_FILE).
 * Validated at start-up like the credit policy: a bad file stops the hub with a message
 * naming the bad path. Documented in docs/monitoring.md.
 */
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'upper-case letters, digits and _');

/** What an indicator counts; each item counted is evidence shown with the score. */
const counts = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('RECORDS'),
      nature: z.nativeEnum(RecordNature).default(RecordNature.DISHONESTY),
      severities: z.array(z.nativeEnum(Severity)).min(1).optional(),
      categories: z.array(z.nativeEnum(RecordCategory)).min(1).optional(),
      excludeCategories: z.array(z.nativeEnum(RecordCategory)).min(1).optional(),
      domains: z.array(z.nativeEnum(RecordDomain)).min(1).optional(),
      /** PERIOD: decided in the period; IN_FORCE: counting at the period's end, whenever decided. */
      window: z.enum(['PERIOD', 'IN_FORCE']).default('PERIOD'),
    })
    .strict(),
  z.object({ source: z.literal('COMMITMENTS'), outcome: z.enum(['FULFILLED', 'BREACHED', 'OVERDUE']) }).strict(),
  z.object({ source: z.literal('CASES'), kinds: z.array(z.nativeEnum(GovernmentCaseKind)).min(1) }).strict(),
  z.object({ source: z.literal('OBJECTIONS'), states: z.array(z.nativeEnum(ObjectionState)).min(1) }).strict(),
  z.object({ source: z.literal('REPAIRS') }).strict(),
]);

const indicator = z
  .object({
    code,
    name: z.string().min(1),
    /** Points per item counted: negative deducts, positive adds. */
    weight: z.number().refine((w) => w !== 0, 'must not be 0'),
    /** Largest number of points the indicator may add or deduct. */
    cap: z.number().positive().optional(),
    counts,
  })
  .strict();

const rule = <K extends string, T extends z.ZodRawShape>(kind: K, shape: T) =>
  z.object({ kind: z.literal(kind), code, message: z.string().min(1), ...shape }).strict();

const warningRule = z.discriminatedUnion('kind', [
  /** A new counting dishonesty record of these severities (raised with the write). */
  rule('SERIOUS_FINDING', { severities: z.array(z.nativeEnum(Severity)).min(1).default([Severity.SERIOUS]) }),
  /** A PENDING commitment more than graceDays past its due date (raised before listing). */
  rule('COMMITMENT_OVERDUE', { graceDays: z.number().int().min(0).default(0) }),
  /** At least `threshold` counting dishonesty records decided in one period (raised with the write). */
  rule('REPEATED_FINDINGS', { threshold: z.number().int().min(2) }),
  /** An OPEN enforcement-default case filed more than `days` ago (raised before listing). */
  rule('ENFORCEMENT_DEFAULT_UNRESOLVED', { days: z.number().int().positive() }),
  /**
   * A clean-government opinion request (workflows/opinions) still REQUESTED more than graceDays past its due date,
   * on the requesting department (raised before listing).
   */
  rule('OPINION_OVERDUE', { graceDays: z.number().int().min(0).default(0) }),
  /** A platform reported admitting a bidder its blacklistCheck decided to BLOCK (raised with the report). */
  rule('INTERCEPTION_OVERRIDDEN', {}),
  /** A new counting dishonesty record in one of these domains or categories (raised with the write). */
  rule('DEBT_RISK', {
    domains: z.array(z.nativeEnum(RecordDomain)).default([]),
    categories: z.array(z.nativeEnum(RecordCategory)).default([]),
  }),
]);

export const evaluationConfigSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().optional(),
    periodGranularity: z.enum(['QUARTER', 'MONTH', 'YEAR']).default('QUARTER'),
    /** Score before any indicator; the total never goes below 0. */
    base: z.number().positive().default(100),
    /** Kinds of subject that are evaluated and warned about (government integrity: not enterprises or persons). */
    monitoredKinds: z
      .array(z.nativeEnum(SubjectKind))
      .min(1)
      .default([SubjectKind.GOVERNMENT, SubjectKind.DEPARTMENT, SubjectKind.INSTITUTION, SubjectKind.TOWNSHIP]),
    indicators: z.array(indicator).min(1),
    warnings: z.array(warningRule).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const unique = (list: { code: string }[], where: 'indicators' | 'warnings') => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.code))
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [where, i, 'code'],
            message: `duplicate code ${item.code}`,
          });
        seen.add(item.code);
      });
    };
    unique(config.indicators, 'indicators');
    unique(config.warnings, 'warnings');
    config.warnings.forEach((w, i) => {
      if (w.kind === 'DEBT_RISK' && w.domains.length + w.categories.length === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['warnings', i, 'domains'],
          message: 'a DEBT_RISK rule names at least one domain or category',
        });
      }
    });
  });

export type EvaluationConfig = z.infer<typeof evaluationConfigSchema>;
export type Indicator = EvaluationConfig['indicators'][number];
export type IndicatorCounts = Indicator['counts'];
export type WarningRule = EvaluationConfig['warnings'][number];
export type PeriodGranularity = EvaluationConfig['periodGranularity'];

export const DEFAULT_EVALUATION_FILE = path.join(PROJECT_ROOT, 'config', 'evaluation.json');

export function parseEvaluationConfig(value: unknown, source = 'evaluation config'): EvaluationConfig {
  return parseConfig(evaluationConfigSchema, value, source);
}

export function loadEvaluationConfig(
  file = process.env.EVALUATION_CONFIG_FILE || DEFAULT_EVALUATION_FILE,
): EvaluationConfig {
  const raw = readJsonConfig(file, 'evaluation config');
  return parseEvaluationConfig(raw, file);
}

/** The rules of one kind, typed. */
export function rulesOf<K extends WarningRule['kind']>(
  config: EvaluationConfig,
  kind: K,
): Extract<WarningRule, { kind: K }>[] {
  return config.warnings.filter((w): w is Extract<WarningRule, { kind: K }> => w.kind === kind);
}
