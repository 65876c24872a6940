import { addMonths, today } from '../../../common/dates';
import type { HubServices } from '../../../services';
import {
  Disclosure,
  ListType,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../../subgraphs/records/enums';
import type { DemoSubjects } from '../../demo-subjects';
import { demoPushers, findingsLike, submitDemoFindings } from '../push';
import { listDemoSubject } from './listings';

/**
 * The lists of issue #15 (docs/lists.md), loaded after everything else so that the ids the README cites stay: the
 * farming enterprise defaulting on a judgment (the court's enforcement defaulters) and the supplier banned from
 * procurement for false documents (noticed NOTICED_DAYS_AGO, in force). Each rests on a finding pushed here.
 */
export async function loadDemoRuleLists(services: HubServices, named: DemoSubjects): Promise<number> {
  const now = today();
  const ago = (months: number) => addMonths(now, -months);
  const pushers = demoPushers(named);
  const finding = findingsLike({
    nature: RecordNature.DISHONESTY,
    category: C.ENFORCEMENT_DEFAULT,
    domain: D.GENERAL,
    severity: Severity.GENERAL,
    disclosure: Disclosure.PUBLIC,
  });
  const [court] = await submitDemoFindings(services, now, pushers.court, [
    finding('YC-COURT-2026-003', named.enterprises[9], '拒不履行生效判决（货款给付）', ago(1), {
      details: '（2026）苏09执45号：判决给付货款，有履行能力而逾期未履行。',
      legalBasis: '《中华人民共和国民事诉讼法》第二百五十九条',
      documentNo: '（2026）苏09执45号',
      decidingAuthorityCode: named.court.code,
    }),
  ]);
  const [procurement] = await submitDemoFindings(services, now, pushers.procurement, [
    finding('GP-2026-011', named.enterprises[2], '提供虚假材料谋取中标（政府采购）', ago(2), {
      category: C.ADMINISTRATIVE_PENALTY,
      domain: D.PROCUREMENT,
      severity: Severity.SERIOUS,
      details: '在政府采购项目投标中提供虚假业绩材料。',
      legalBasis: '《中华人民共和国政府采购法》第七十七条',
      documentNo: '盐财购罚〔2026〕11号',
    }),
  ]);
  await listDemoSubject(services, now, pushers.court, {
    subject: { code: named.enterprises[9].code },
    listType: ListType.ENFORCEMENT_DEFAULTER,
    reason: '有履行能力而拒不履行生效法律文书确定的义务',
    reasonRecordIds: [court.recordId],
  });
  // No endsOn: the rule's default, its maximum (政府采购法 art. 77: one to three years).
  await listDemoSubject(services, now, pushers.procurement, {
    subject: { code: named.enterprises[2].code },
    listType: ListType.PROCUREMENT_BAN,
    reason: '提供虚假材料谋取中标，三年内禁止参加政府采购活动',
    reasonRecordIds: [procurement.recordId],
  });
  return 2;
}
