import { addMonths } from '../../../common/dates';
import { GovernmentCaseKind } from '../../../subgraphs/records/enums';
import { CaseResolution } from '../../../subgraphs/records/workflows/cases/case.entity';
import type { WorkflowContext } from './context';

/** Government cases pushed by the court: two OPEN (one long-pending), one RESOLVED. */
export async function demoCases({ now, xiangshui, office, court, cases }: WorkflowContext) {
  const filed = (months: number) => addMonths(now, -months);
  const pushedCases = await cases(court).submit([
    {
      caseNo: `（${filed(8).slice(0, 4)}）苏0921执1号`,
      subjectCode: xiangshui.government.code,
      kind: GovernmentCaseKind.ENFORCEMENT_DEFAULT,
      filedOn: filed(8),
      amount: '3200000.00',
      summary: '拖欠工程款强制执行',
    },
    {
      caseNo: `（${filed(1).slice(0, 4)}）苏0921民初2号`,
      subjectCode: xiangshui.housing.code,
      kind: GovernmentCaseKind.PENDING_LITIGATION,
      filedOn: filed(1),
      amount: '560000.00',
      summary: '建设工程施工合同纠纷',
    },
    {
      caseNo: `（${filed(5).slice(0, 4)}）苏0921执3号`,
      subjectCode: xiangshui.township.code,
      kind: GovernmentCaseKind.ENFORCEMENT_DEFAULT,
      filedOn: filed(5),
      amount: '180000.00',
      summary: '征地补偿款给付',
    },
  ]);
  await cases(office).resolve(pushedCases[2].caseId, CaseResolution.PERFORMED, '补偿款已全额支付', filed(1));
}
