import { addMonths } from '../../../common/dates';
import type { HubServices } from '../../../services';
import { recordRepayment } from '../../../subgraphs/records/workflows/arrears/repayment.service';
import type { RecordIdOf, WorkflowContext } from './context';

/**
 * 清欠: the housing bureau paid 70 % of the project funds it owed (WF-DEMO-02, the repair applied for with "已支付 70%
 * 工程款"), recorded by the credit office that pushed the finding; 600,000.00 yuan stay outstanding.
 */
export async function demoRepayments(services: HubServices, { now, office }: WorkflowContext, id: RecordIdOf) {
  const em = services.orm.em.fork();
  await recordRepayment(
    em,
    office,
    { directory: services.subjectDirectory(em), today: now },
    {
      recordId: id('WF-DEMO-02'),
      amount: '1400000.00',
      paidOn: addMonths(now, -2),
      reference: 'XS-QQ-2026-001',
    },
  );
}
