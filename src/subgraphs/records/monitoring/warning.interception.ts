import { rulesOf, type EvaluationConfig } from '../policy/evaluation-config';
import type { Raised } from './warning.raise';
import { WarningKind } from './warning.entity';

/** A reported admission of a bidder the check decided to BLOCK (supervision/report.service.ts). */
export interface Override {
  checkId: string;
  index: number;
  platform: string;
  platformRegion: string;
  subjectKey: string;
  subjectRegion: string | null;
  ruleId: string | null;
  projectNo: string;
  lot: string | null;
  reason: string | null;
}

/**
 * INTERCEPTION_OVERRIDDEN (自动监督): one warning per admitted blocked bidder, on the bidder, in the division of the
 * bidder (the platform's jurisdiction when the bidder is not registered), raised in the report's transaction. Unlike
 * the monitoring rules it is not limited to monitoredKinds: what is watched is the platform's act, whoever the
 * bidder. The message names the platform, project, lot, rule and reason, never a person's name or number.
 */
export function interceptionOverrideWarnings(config: EvaluationConfig, overrides: Override[]): Raised[] {
  return rulesOf(config, 'INTERCEPTION_OVERRIDDEN').flatMap((rule) =>
    overrides.map((o) => ({
      kind: WarningKind.INTERCEPTION_OVERRIDDEN,
      rule: rule.code,
      dedupe_key: `${rule.code}:INTERCEPTION_CHECK:${o.checkId}:${o.index}`,
      message:
        `${rule.message}：${o.platform} 在项目 ${o.projectNo}${o.lot ? ` 标段 ${o.lot}` : ''} 接纳了` +
        `拦截规则 ${o.ruleId ?? '—'} 判定拦截的投标人（${o.reason ? `理由：${o.reason}` : '未说明理由'}）`,
      subject_key: o.subjectKey,
      subject_region: o.subjectRegion ?? o.platformRegion,
      period: null,
      record_ids: [],
      source_ref: `INTERCEPTION_CHECK:${o.checkId}:${o.index}`,
    })),
  );
}
