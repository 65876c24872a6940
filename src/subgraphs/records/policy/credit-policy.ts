import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../../common/paths';
import { appointmentCheckPolicy } from './appointment-rules';
import { publicityPolicy } from './publicity-rules';
import { ListType, RecordCategory, SanctionKind, Severity } from '../enums';
import { parseConfig, readJsonConfig } from '../../../common/config-file';

/**
 * Deadlines of the workflows (docs/workflows.md), in calendar days; optional in the file so
 * an older policy file keeps working with the documented defaults.
 */
const workflowDeadlines = z
  .object({
    /** 异议: days the deciding authority has to answer an objection. */
    objectionResponseDays: z.number().int().positive().default(15),
    /** 信用修复: days the credit office has to decide a repair application. */
    repairDecisionDays: z.number().int().positive().default(15),
    /** 联动奖惩: days an implementing unit has to respond to a measure. */
    measureResponseDays: z.number().int().positive().default(10),
    /** 联动奖惩: days an implementing unit has to feed back the result after accepting. */
    measureFeedbackDays: z.number().int().positive().default(30),
    /** 投诉举报: days the credit office has to verify (or reject) a complaint after it is submitted. */
    complaintHandlingDays: z.number().int().positive().default(30),
    /** 投诉举报: complaints accepted per subject and day (all reporters together), against flooding one subject. */
    complaintsPerSubjectPerDay: z.number().int().positive().default(20),
    /**
     * 投诉举报: complaints accepted per authenticated client system and day (PUBLIC is limited per subject and at the HTTP
     * layer).
     */
    complaintsPerClientPerDay: z.number().int().positive().default(100),
    /**
     * 投诉举报: complaints accepted per reporter and day (token `sub`, or the keyed client address when anonymous). Below
     * complaintsPerSubjectPerDay, so one reporter's flood stops at its own cap and leaves the subject's channel open.
     */
    complaintsPerReporterPerDay: z.number().int().positive().default(5),
    /** 投诉举报: days after submission during which the reporter's receipt token answers complaintByReceipt. */
    complaintReceiptDays: z.number().int().positive().default(365),
    /** 涉府失信案件: days after filing from which an OPEN case is shown as overdue (long-pending, 清存量 target). */
    caseResolutionDays: z.number().int().positive().default(180),
  })
  .strict()
  .refine((w) => w.complaintsPerReporterPerDay < w.complaintsPerSubjectPerDay, {
    message:
      'complaintsPerReporterPerDay must be below complaintsPerSubjectPerDay (one reporter must not close a subject)',
    path: ['complaintsPerReporterPerDay'],
  });

/**
 * Effect periods of disciplinary actions (处分期间) in months, null = no end (开除); optional in
 * the file, defaults from 公职人员政务处分法 art. 8 (docs/archives.md).
 */
const sanctionPeriods = z
  .object({
    [SanctionKind.WARNING]: z.number().int().positive().default(6),
    [SanctionKind.DEMERIT]: z.number().int().positive().default(12),
    [SanctionKind.MAJOR_DEMERIT]: z.number().int().positive().default(18),
    [SanctionKind.DEMOTION]: z.number().int().positive().default(24),
    [SanctionKind.DISMISSAL_FROM_POST]: z.number().int().positive().default(24),
    [SanctionKind.EXPULSION]: z.number().int().positive().nullable().default(null),
  })
  .strict();

/**
 * The credit policy: publicity periods and the scoring method, as versioned configuration
 * (config/credit-policy.json, or CREDIT_POLICY_FILE). Validated at start-up so a bad file
 * stops the hub with a message instead of scoring wrongly.
 */
export const creditPolicySchema = z
  .object({
    version: z.string().min(1),
    /** Publicity and use periods per category, versioned, each rule with its basis (publicity-rules.ts). */
    publicity: publicityPolicy,
    scoring: z.object({
      base: z.number().positive(),
      dishonestyPoints: z.record(z.nativeEnum(Severity), z.number().min(0)),
      categoryFactor: z.record(z.nativeEnum(RecordCategory), z.number().positive()).default({}),
      listingPoints: z.record(z.nativeEnum(ListType), z.number().min(0)),
      honorPoints: z.number().min(0),
      honorCap: z.number().min(0),
      levels: z.array(z.object({ level: z.string().min(1), minScore: z.number() })).min(1),
      seriousListingLevel: z.string().optional(),
    }),
    workflows: workflowDeadlines.default({}),
    sanctionPeriods: sanctionPeriods.default({}),
    /** Verdict rules of the pre-appointment check (appointment-rules.ts); optional, documented defaults. */
    appointmentCheck: appointmentCheckPolicy,
  })
  .strict();

export type CreditPolicy = z.infer<typeof creditPolicySchema>;

export const DEFAULT_POLICY_FILE = path.join(PROJECT_ROOT, 'config', 'credit-policy.json');

export function parseCreditPolicy(value: unknown, source = 'credit policy'): CreditPolicy {
  return parseConfig(creditPolicySchema, value, source);
}

export function loadCreditPolicy(file = process.env.CREDIT_POLICY_FILE || DEFAULT_POLICY_FILE): CreditPolicy {
  const raw = readJsonConfig(file, 'credit policy');
  return parseCreditPolicy(raw, file);
}
