import type { EntityManager } from '@mikro-orm/postgresql';
import { APPOINTMENT_PURPOSE_NAMES, type AppointmentPurpose } from '../../../common/appointment-purpose';
import { addDays } from '../../../common/dates';
import { rulesOf, type EvaluationConfig } from '../policy/evaluation-config';
import type { Raised } from './warning.raise';
import { WarningKind } from './warning.entity';
import { unraised } from './warning.unraised';

/**
 * OPINION_OVERDUE: every clean-government opinion request still REQUESTED more than graceDays
 * after its due date, without its warning. The warning is on the requesting department (an
 * organization the monitoring concerns, so the credit office of its jurisdiction sees it like
 * every warning), and its message names the purpose and the due date, never the person: a
 * request tells that someone is a candidate, which only the opinion's parties may know. The
 * parties follow the lateness in the request itself (IntegrityOpinion.overdue).
 */
export async function overdueOpinionWarnings(
  em: EntityManager,
  config: EvaluationConfig,
  today: string,
): Promise<Raised[]> {
  const raised: Raised[] = [];
  for (const rule of rulesOf(config, 'OPINION_OVERDUE')) {
    const rows: Record<string, string>[] = await em.execute(
      `SELECT o.id::text, o.requester_key, o.requester_region, o.purpose, to_char(o.due_on, 'YYYY-MM-DD') AS due_on
       FROM records.integrity_opinion o
       WHERE o.state = 'REQUESTED' AND o.due_on < ?::date
         AND ${unraised('o.id')}`,
      [addDays(today, -rule.graceDays), `${rule.code}:INTEGRITY_OPINION:`],
    );
    for (const o of rows) {
      raised.push({
        kind: WarningKind.OPINION_OVERDUE,
        rule: rule.code,
        dedupe_key: `${rule.code}:INTEGRITY_OPINION:${o.id}`,
        message: `${rule.message}：${APPOINTMENT_PURPOSE_NAMES[o.purpose as AppointmentPurpose]}（应于 ${o.due_on} 前回复）`,
        subject_key: o.requester_key,
        subject_region: o.requester_region,
        period: null,
        record_ids: [],
        source_ref: `INTEGRITY_OPINION:${o.id}`,
      });
    }
  }
  return raised;
}
