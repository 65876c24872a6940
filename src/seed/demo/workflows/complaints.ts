import { Disclosure, RecordCategory as C, RecordDomain as D, Severity } from '../../../subgraphs/records/enums';
import type { WorkflowContext } from './context';

/**
 * Complaints about 响水县's township: SUBMITTED (anonymous, with contact), ASSIGNED,
 * VERIFIED (with its record), REJECTED, CLOSED (with an answer to the reporter).
 */
export async function demoComplaints({ xiangshui, office, anonymous, complaints, complaintIntake }: WorkflowContext) {
  const report = (title: string, contact: string | null = null) =>
    complaintIntake(anonymous).report({
      subjectCode: xiangshui.township.code,
      title,
      content: `${title}：群众来信反映`,
      reporterContact: contact,
    });
  await report('拆迁补偿款未按协议支付', '136****2211');
  const assigned = (await report('村道修缮承诺未兑现')).id;
  await complaints(office).assign(assigned, xiangshui.government.code, '请县政府督查室核实');
  const verified = (await report('惠农补贴发放拖延')).id;
  await complaints(office).assign(verified, xiangshui.finance.code);
  await complaints(office).verify(verified, '经核实，补贴延迟发放 4 个月属实');
  await complaints(office).toRecord(verified, {
    category: C.COMMITMENT_BREACH,
    domain: D.GRASSROOTS,
    severity: Severity.GENERAL,
    disclosure: Disclosure.GOVERNMENT,
  });
  const rejectedComplaint = (await report('办事窗口拒收材料')).id;
  await complaints(office).assign(rejectedComplaint, xiangshui.government.code);
  await complaints(office).reject(rejectedComplaint, '经核实，材料不齐已一次性告知');
  const closed = (await report('工程质保金未退还')).id;
  await complaints(office).assign(closed, xiangshui.housing.code);
  await complaints(office).reject(closed, '质保金已于期满后退还');
  await complaints(office).close(closed, '已电话答复举报人', '经核实，工程质保金已于质保期满后退还。感谢您的监督。');
}
