import type { RecordIdOf, WorkflowContext } from './context';

/** Objections: FILED (record disputed), UPHELD, CORRECTED (version 2), REVOKED. */
export async function demoObjections({ xiangshui, office, self, objections }: WorkflowContext, id: RecordIdOf) {
  await objections(self(xiangshui.government.code)).file(id('WF-DEMO-05'), '复议决定已于期限内履行，附履行凭证', [
    '响政复〔2026〕5号履行回执',
  ]);
  const upheld = await objections(office).file(id('WF-DEMO-04'), '迟报系系统故障');
  await objections(office).uphold(upheld, '经核查，故障期间已有替代报送渠道，维持原认定');
  const corrected = await objections(self(xiangshui.township.code)).file(
    id('WF-DEMO-03'),
    '事项已部分办结，标题表述有误',
  );
  await objections(office).correct(corrected, '部分采纳，更正标题', { title: '乡镇公开承诺事项部分未办结' });
  const revoked = await objections(self(xiangshui.finance.code)).file(
    id('WF-DEMO-06'),
    '预算已按时公开，系统抓取错误',
    ['网站公开截图 2026-01-15'],
  );
  await objections(office).revoke(revoked, '认定错误，予以撤销');
}

/** Repairs: SUBMITTED, APPROVED (record REPAIRED), REJECTED. */
export async function demoRepairs({ xiangshui, office, self, repairs }: WorkflowContext, id: RecordIdOf) {
  await repairs(self(xiangshui.finance.code)).apply(
    { recordId: id('WF-DEMO-01') },
    '已建立依申请公开台账，整改报告见响财〔2026〕12号',
  );
  const approved = await repairs(self(xiangshui.housing.code)).apply(
    { recordId: id('WF-DEMO-07') },
    '保证金及利息已全部退还，附银行回单',
  );
  await repairs(office).approve(approved, '整改到位，公示期满最短期限，准予修复');
  const rejected = await repairs(office).apply({ recordId: id('WF-DEMO-02') }, '代为受理：已支付 70% 工程款');
  await repairs(office).reject(rejected, '尚未全部履行，不予修复');
}
