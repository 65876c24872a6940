import { addMonths } from '../../../common/dates';
import type { HubServices } from '../../../services';
import {
  Disclosure,
  GovernmentCaseKind,
  RecordCategory,
  RecordDomain,
  RecordNature,
  Severity,
} from '../../../subgraphs/records/enums';
import { withdrawRecords } from '../../../subgraphs/records/workflows/withdrawal/withdrawal';
import { CaseResolution } from '../../../subgraphs/records/workflows/cases/case.entity';
import { MeasureBasis, MeasureKind } from '../../../subgraphs/records/workflows/measures/measure.entity';
import { findingsLike, submitDemoFindings } from '../push';
import type { WorkflowContext } from './context';

/**
 * A finding's whole life (#17, docs/workflows.md "Consequences"), on 亭湖's 文峰社区 (a case party the monitoring does
 * not rank, so no evaluation moves): the court's enforcement default, linked to its case, carries a joint measure
 * until the judgment is performed — the record SETTLED, the measure LIFTED and confirmed by its unit; a lost lawsuit
 * the court withdraws (WITHDRAWN); the credit office's penalty repaired (REPAIRED), its measure LIFTED and the unit's
 * confirmation still pending.
 */
/** The court's two findings and its case on the community, and the credit office's penalty. */
async function pushLifeFindings(services: HubServices, { now, named, office, court, cases }: WorkflowContext) {
  const community = named.community;
  const ago = (months: number) => addMonths(now, -months);
  const caseNo = `（${ago(3).slice(0, 4)}）苏0902执15号`;
  const byCourt = findingsLike({
    nature: RecordNature.DISHONESTY,
    category: RecordCategory.ENFORCEMENT_DEFAULT,
    domain: RecordDomain.GENERAL,
    severity: Severity.SERIOUS,
    disclosure: Disclosure.PUBLIC,
    decidingAuthorityCode: named.court.code,
  });
  const [enforcement] = await submitDemoFindings(services, now, court, [
    byCourt('LIFE-COURT-01', community, '拒不支付物业服务合同欠款（失信被执行）', ago(3), { documentNo: caseNo }),
    byCourt('LIFE-COURT-02', community, '行政诉讼败诉（房屋征收补偿）', ago(2), {
      category: RecordCategory.LITIGATION_LOST,
      severity: Severity.GENERAL,
    }),
  ]);
  const [penalty] = await submitDemoFindings(services, now, office, [
    findingsLike({
      nature: RecordNature.DISHONESTY,
      category: RecordCategory.ADMINISTRATIVE_PENALTY,
      domain: RecordDomain.GRASSROOTS,
      severity: Severity.GENERAL,
      disclosure: Disclosure.PUBLIC,
      decidingAuthorityCode: named.creditOffice.code,
    })('LIFE-OFFICE-01', community, '居务公开事项逾期未公开', ago(5)),
  ]);
  const [filed] = await cases(court).submit([
    {
      caseNo,
      subjectCode: community.code,
      kind: GovernmentCaseKind.ENFORCEMENT_DEFAULT,
      filedOn: ago(3),
      amount: '86000.00',
      summary: '物业服务合同纠纷强制执行',
    },
  ]);
  return { enforcement: enforcement.recordId, penalty: penalty.recordId, caseId: filed.caseId };
}

export async function demoFindingLife(services: HubServices, ctx: WorkflowContext) {
  const { now, named, office, court, cases, measures, repairs, unit, self } = ctx;
  const pushed = await pushLifeFindings(services, ctx);
  const initiate = (basisId: string, note: string) =>
    measures(office).initiate({
      basisType: MeasureBasis.RECORD,
      basisId,
      kind: MeasureKind.FUNDING_RESTRICTION,
      implementingUnitCodes: [named.finance.code],
      note,
    });
  const finance = measures(unit(named.finance.code));
  const [onDefault] = await initiate(pushed.enforcement, '履行完毕前暂停拨付社区建设补助资金');
  await finance.accept(onDefault, '已暂停拨付 2026 年度社区建设补助');
  const [onPenalty] = await initiate(pushed.penalty, '整改到位前暂缓安排社区专项经费');
  await finance.accept(onPenalty, '已暂缓安排');

  // 履行完毕: the judgment performed, the credit office resolves the case; its record SETTLED, the measure LIFTED.
  await cases(office).resolve(pushed.caseId, CaseResolution.PERFORMED, '欠款及迟延履行金已全部支付', now);
  await finance.confirmLifted(onDefault, '已恢复拨付社区建设补助资金');
  // 撤回: the court takes back the lost lawsuit it pushed (the judgment was set aside on retrial).
  const deps = { directory: services.subjectDirectory(services.orm.em.fork()), today: now };
  await withdrawRecords(services.orm.em.fork(), court, deps, {
    externalIds: ['LIFE-COURT-02'],
    reason: '再审撤销原判决',
  });
  // 信用修复: the community applies, the credit office approves; the measure on the penalty is LIFTED, unconfirmed.
  const application = await repairs(self(named.community.code)).apply(
    { recordId: pushed.penalty },
    '已补充公开全部居务事项并建立公开台账',
  );
  await repairs(office).approve(application, '整改到位，最短公示期已满，准予修复');
}
