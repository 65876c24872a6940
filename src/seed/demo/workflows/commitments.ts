import { addDays, addMonths } from '../../../common/dates';
import { Disclosure } from '../../../subgraphs/records/enums';
import { CommitmentKind } from '../../../subgraphs/records/workflows/commitments/commitment.entity';
import type { WorkflowContext } from './context';

/**
 * Commitments of 响水县's government in every state: PENDING, OVERDUE, FULFILLED, BREACHED,
 * CHANGED (the investment-promotion ones registered by the investment system).
 */
export async function demoCommitments({ now, named, xiangshui, office, investment, commitments }: WorkflowContext) {
  const pledge = (kind: CommitmentKind, title: string, dueOn: string, extra: object = {}) => ({
    subjectCode: xiangshui.government.code,
    kind,
    title,
    content: title,
    dueOn,
    disclosure: Disclosure.PUBLIC,
    ...extra,
  });
  const contract = {
    counterpartyCode: named.enterprises[8].code,
    counterpartyName: named.enterprises[8].name,
    amount: '12000000.00',
  };
  await commitments(investment).register(
    pledge(CommitmentKind.INVESTMENT_CONTRACT, '风电装备产业园投资协议：土地交付承诺', addMonths(now, 6), contract),
  );
  await commitments(office).register(pledge(CommitmentKind.SERVICE, '企业开办一日办结承诺', addDays(now, -10)));
  const fulfilled = await commitments(investment).register(
    pledge(CommitmentKind.INVESTMENT_POLICY, '招商引资企业用电补贴承诺', addMonths(now, -1)),
  );
  await commitments(investment).fulfil(fulfilled, '补贴已于到期前足额拨付');
  const breached = await commitments(investment).register(
    pledge(CommitmentKind.INVESTMENT_CONTRACT, '标准厂房代建协议：按期交付承诺', addMonths(now, -2), contract),
  );
  await commitments(investment).breach(breached, '厂房逾期 60 日未交付，企业投产推迟');
  const changed = await commitments(office).register(
    pledge(CommitmentKind.TOWNSHIP, '城关镇道路改造公开承诺', addMonths(now, 1)),
  );
  await commitments(office).change(
    changed,
    '县人大常委会关于调整城建计划的决定',
    '改为 2027 年实施，已向沿线商户公示并给予临时停车补偿',
  );
}
