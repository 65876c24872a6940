import { z } from 'zod';
import { isIsoDate } from '../../../common/dates';
import { RecordCategory, RecordNature, Severity } from '../enums';

/**
 * The publicity rule set of the credit policy (config/credit-policy.json `publicity`): versioned, with an effective
 * date, each rule naming its legal basis and source. Which rule a record falls under is publicity.ts; the rules in
 * words are docs/credit-status.md.
 */

/** What a 双公示 penalty amounts to under SAMR Order 45 (penalty-facts.ts reads it from the imported items). */
export enum PenaltyClass {
  /** Only 警告: not published (Order 45 art. 2). */
  WARNING = 'WARNING',
  /** Only 通报批评 and/or a 较低数额罚款 (with or without a warning): published 3 months (art. 13). */
  LIGHT = 'LIGHT',
  /** Any other penalty: published 3 years (art. 13). */
  OTHER = 'OTHER',
}

/** Kinds of deciding authority a rule can be limited to (penalty-facts.ts tells them by the 处罚机关 name). */
export enum AuthorityKind {
  MARKET_REGULATION = 'MARKET_REGULATION',
}

/** How a rule counts the publicity period. */
export enum PublicityPeriod {
  /** minMonths (repair possible from) and maxMonths (publicity ends) from the decision date. */
  MONTHS = 'MONTHS',
  /** The sanction's effect period (处分期间, sanction-effect.ts); maxMonths when it has no end (开除). */
  SANCTION_EFFECT = 'SANCTION_EFFECT',
}

const months = z.number().int().min(0);

const publicityRule = z
  .object({
    /** Stable name of the rule (SAMR45_LIGHT), for the docs and the tests. */
    id: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'upper-case letters, digits and _'),
    nature: z.nativeEnum(RecordNature),
    severity: z.nativeEnum(Severity).optional(),
    category: z.nativeEnum(RecordCategory).optional(),
    /** Only penalties decided by this kind of authority. */
    authority: z.nativeEnum(AuthorityKind).optional(),
    /** Only 双公示 penalties of these classes (records without imported penalty items never match). */
    penalties: z.array(z.nativeEnum(PenaltyClass)).min(1).optional(),
    period: z.nativeEnum(PublicityPeriod).default(PublicityPeriod.MONTHS),
    minMonths: months.optional(),
    maxMonths: z.number().int().positive(),
    /** A 限制开展生产经营活动/限制从业 with a longer 处罚有效期 (cf_yxq) is published until the restriction ends. */
    coversRestriction: z.boolean().default(false),
    /** false: never PUBLIC (a pushed PUBLIC disclosure is kept as GOVERNMENT). */
    published: z.boolean().default(true),
    /** Months of use after publicity ends (overrides the rule set's useMonths). */
    useMonths: months.optional(),
    /** The rule in the words of its basis (Chinese). */
    basis: z.string().min(1),
    /** Law or policy and article. */
    source: z.string().min(1),
  })
  .strict()
  .refine((r) => r.period !== PublicityPeriod.MONTHS || r.minMonths !== undefined, {
    message: 'a MONTHS rule needs minMonths',
    path: ['minMonths'],
  })
  .refine((r) => (r.minMonths ?? 0) <= r.maxMonths, { message: 'minMonths must not exceed maxMonths' })
  .refine((r) => r.period !== PublicityPeriod.SANCTION_EFFECT || r.category === RecordCategory.DISCIPLINARY_SANCTION, {
    message: 'SANCTION_EFFECT is only for category DISCIPLINARY_SANCTION',
    path: ['period'],
  });

export type PublicityRule = z.infer<typeof publicityRule>;

/** Amounts below which a fine is 较低数额 (Order 45 art. 13: set by the provincial market regulator), in 万元. */
const lowFine = z
  .object({
    /** 自然人. */
    personBelowWan: z.number().positive(),
    /** 法人、非法人组织、个体工商户. */
    organizationBelowWan: z.number().positive(),
    source: z.string().min(1),
  })
  .strict();

export const publicityPolicy = z
  .object({
    /** Version of the rule set, stored with each record's policy version. */
    version: z.string().min(1),
    /** The day the rule set took effect (for the docs and the reader: the hub applies one rule set, to new writes). */
    effectiveFrom: z.string().refine(isIsoDate, 'a date (YYYY-MM-DD)'),
    source: z.string().min(1),
    /** 使用期限: months after publicity ends during which government systems still share and use a record. */
    useMonths: months,
    useSource: z.string().min(1),
    /** Name fragments of the 处罚机关 (cf_cfjg) that make a penalty one of market regulation. */
    marketRegulators: z.array(z.string().min(1)).min(1),
    lowFine,
    rules: z.array(publicityRule).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', i, 'id'], message: `duplicate id ${rule.id}` });
      seen.add(rule.id);
    });
    const general = set.rules.filter((r) => !r.authority && !r.penalties && r.period === PublicityPeriod.MONTHS);
    const covers = (nature: RecordNature, severity?: Severity) =>
      general.some((r) => r.nature === nature && !r.category && (!r.severity || !severity || r.severity === severity));
    for (const severity of Object.values(Severity))
      if (!covers(RecordNature.DISHONESTY, severity))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['rules'],
          message: `no publicity rule for DISHONESTY/${severity} (without category, authority or penalties)`,
        });
    if (!covers(RecordNature.HONOR))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules'], message: 'no publicity rule for HONOR' });
  });

export type PublicityPolicy = z.infer<typeof publicityPolicy>;
