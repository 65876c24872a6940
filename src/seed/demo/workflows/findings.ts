import { addMonths } from '../../../common/dates';
import type { HubServices } from '../../../services';
import {
  CreditorClass,
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../../subgraphs/records/enums';
import type { RecordInput } from '../../../subgraphs/records/findings/record.input';
import { findingsLike, submitDemoFindings } from '../push';
import type { RecordIdOf, WorkflowContext } from './context';

/** The findings about 响水县's bodies that the objections, repairs and measures act on. */
function workflowFindings({ now, named, xiangshui }: WorkflowContext): RecordInput[] {
  const finding = findingsLike({
    nature: RecordNature.DISHONESTY,
    category: C.ADMINISTRATIVE_PENALTY,
    domain: D.GENERAL,
    severity: Severity.GENERAL,
    disclosure: Disclosure.PUBLIC,
    decidingAuthorityCode: named.creditOffice.code,
  });
  const ago = (months: number) => addMonths(now, -months);
  return [
    finding('WF-DEMO-01', xiangshui.finance, '政府信息公开逾期答复', ago(5)),
    finding('WF-DEMO-02', xiangshui.housing, '工程款支付承诺未按期履行', ago(6), {
      category: C.ARREARS,
      arrears: { amount: '2000000.00', creditorClass: CreditorClass.CONTRACTOR, dueOn: ago(9) },
    }),
    finding('WF-DEMO-03', xiangshui.township, '乡镇公开承诺事项未办结', ago(4), { domain: D.GRASSROOTS }),
    finding('WF-DEMO-04', xiangshui.orgDept, '统计报表迟报', ago(2), {
      domain: D.STATISTICS,
      category: C.STATISTICAL_FRAUD,
    }),
    finding('WF-DEMO-05', xiangshui.government, '行政复议决定未履行', ago(1)),
    finding('WF-DEMO-06', xiangshui.finance, '预算公开不及时', ago(7)),
    finding('WF-DEMO-07', xiangshui.housing, '质量保证金逾期退还', ago(8), {
      category: C.ARREARS,
      arrears: { amount: '300000.00', creditorClass: CreditorClass.DEPOSIT, dueOn: ago(10) },
    }),
  ];
}

/** Pushes the workflow findings as the credit office; answers their record ids by external id. */
export async function pushWorkflowFindings(services: HubServices, ctx: WorkflowContext): Promise<RecordIdOf> {
  const results = await submitDemoFindings(services, ctx.now, ctx.office, workflowFindings(ctx));
  return (externalId) => results.find((r) => r.externalId === externalId)!.recordId;
}
