import { makePrincipal, PUBLIC_PRINCIPAL, type Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { addDays, addMonths, today } from '../common/dates';
import type { HubServices } from '../services';
import { selfKeyOf } from '../identity/subject-keys';
import { Disclosure, RecordCategory as C, RecordDomain as D, RecordNature, Severity } from '../subgraphs/records/enums';
import { RecordSubmission } from '../subgraphs/records/findings/record.service';
import { CaseResolution } from '../subgraphs/records/workflows/cases/case.entity';
import { GovernmentCaseKind } from '../subgraphs/records/enums';
import { CaseService } from '../subgraphs/records/workflows/cases/case.service';
import { CommitmentKind } from '../subgraphs/records/workflows/commitments/commitment.entity';
import { ComplaintService } from '../subgraphs/records/workflows/complaints/complaint.service';
import { MeasureBasis, MeasureKind } from '../subgraphs/records/workflows/measures/measure.entity';
import { MeasureService } from '../subgraphs/records/workflows/measures/measure.service';
import { CommitmentService } from '../subgraphs/records/workflows/commitments/commitment.service';
import { ObjectionService } from '../subgraphs/records/workflows/objections/objection.service';
import { RepairService } from '../subgraphs/records/workflows/repair/repair.service';
import { DEMO_CITY, type DemoSubjects } from './demo-subjects';

/**
 * Workflow examples in every state, made through the workflow services as a client would:
 * commitments PENDING / OVERDUE / FULFILLED / BREACHED / CHANGED, objections FILED / UPHELD /
 * CORRECTED / REVOKED, repairs SUBMITTED / APPROVED / REJECTED, joint measures INITIATED /
 * ACCEPTED / NOT_APPLICABLE / FED_BACK, complaints SUBMITTED / ASSIGNED / VERIFIED (with its
 * record) / REJECTED / CLOSED, government cases OPEN / RESOLVED. They use records pushed here
 * (响水县, 320921) so the findings other demo examples rely on keep their meaning.
 */
export async function loadDemoWorkflows(services: HubServices, named: DemoSubjects): Promise<number> {
  // `credit-hub seed` is idempotent: the workflow steps are not, so they run once.
  const [loaded] = await services.orm.em.fork().execute('SELECT EXISTS (SELECT 1 FROM records.commitment) AS present');
  if (loaded.present) return 0;
  const now = today();
  const xiangshui = named.counties.find((c) => c.region === '320921')!;
  const office = makePrincipal({
    sub: 'yancheng-credit-office',
    role: Role.CREDIT_OFFICE,
    region: DEMO_CITY,
    org: named.creditOffice.code,
  });
  const investment = makePrincipal({
    sub: 'yancheng-investment',
    role: Role.INVESTMENT,
    region: DEMO_CITY,
    org: named.investment.code,
  });
  const self = (code: string) => makePrincipal({ sub: 'self-service', role: Role.SUBJECT, org: code });
  const em = () => services.orm.em.fork();
  const policy = services.creditPolicy;
  const commitments = (viewer: Principal) => {
    const e = em();
    return new CommitmentService(
      e,
      viewer,
      selfKeyOf(viewer, services.keys),
      now,
      policy,
      services.subjectDirectory(e),
      services.evaluation,
    );
  };
  const objections = (viewer: Principal) =>
    new ObjectionService(em(), viewer, selfKeyOf(viewer, services.keys), now, policy);
  const repairs = (viewer: Principal) =>
    new RepairService(em(), viewer, selfKeyOf(viewer, services.keys), now, policy, services.subjectDirectory(em()));
  const measures = (viewer: Principal) => {
    const e = em();
    return new MeasureService(e, viewer, now, policy, services.subjectDirectory(e));
  };
  const complaints = (viewer: Principal) => {
    const e = em();
    return new ComplaintService(e, viewer, now, policy, services.subjectDirectory(e), services.evaluation);
  };
  const cases = (viewer: Principal) => {
    const e = em();
    return new CaseService(e, viewer, now, services.subjectDirectory(e));
  };
  const unit = (code: string) => makePrincipal({ sub: `unit-${code.slice(-6)}`, role: Role.SUBJECT, org: code });
  const court = makePrincipal({ sub: 'yancheng-court', role: Role.COURT, region: DEMO_CITY, org: named.court.code });
  const anonymous = PUBLIC_PRINCIPAL;

  const base = {
    details: null,
    legalBasis: null,
    documentNo: null,
    decidingAuthorityCode: named.creditOffice.code,
    responsiblePersonCodes: null,
    tolerated: false,
    nature: RecordNature.DISHONESTY,
    domain: D.GENERAL,
    severity: Severity.GENERAL,
    disclosure: Disclosure.PUBLIC,
    category: C.ADMINISTRATIVE_PENALTY,
  };
  const pushed = [
    {
      ...base,
      externalId: 'WF-DEMO-01',
      subject: { code: xiangshui.finance.code },
      title: '政府信息公开逾期答复',
      decidedAt: addMonths(now, -5),
    },
    {
      ...base,
      externalId: 'WF-DEMO-02',
      subject: { code: xiangshui.housing.code },
      title: '工程款支付承诺未按期履行',
      decidedAt: addMonths(now, -6),
      category: C.ARREARS,
    },
    {
      ...base,
      externalId: 'WF-DEMO-03',
      subject: { code: xiangshui.township.code },
      title: '乡镇公开承诺事项未办结',
      decidedAt: addMonths(now, -4),
      domain: D.GRASSROOTS,
    },
    {
      ...base,
      externalId: 'WF-DEMO-04',
      subject: { code: xiangshui.orgDept.code },
      title: '统计报表迟报',
      decidedAt: addMonths(now, -2),
      domain: D.STATISTICS,
      category: C.STATISTICAL_FRAUD,
    },
    {
      ...base,
      externalId: 'WF-DEMO-05',
      subject: { code: xiangshui.government.code },
      title: '行政复议决定未履行',
      decidedAt: addMonths(now, -1),
    },
    {
      ...base,
      externalId: 'WF-DEMO-06',
      subject: { code: xiangshui.finance.code },
      title: '预算公开不及时',
      decidedAt: addMonths(now, -7),
    },
    {
      ...base,
      externalId: 'WF-DEMO-07',
      subject: { code: xiangshui.housing.code },
      title: '质量保证金逾期退还',
      decidedAt: addMonths(now, -8),
      category: C.ARREARS,
    },
  ];
  const e = em();
  const results = await new RecordSubmission(e, services.subjectDirectory(e), policy, now, services.evaluation).submit(
    office,
    pushed,
  );
  const id = (externalId: string) => results.find((r) => r.externalId === externalId)!.recordId;

  // Commitments in every state (investment-promotion ones registered by the investment system).
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

  // Objections: filed (record disputed), upheld, corrected (version 2), revoked.
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

  // Repairs: submitted, approved (record REPAIRED), rejected.
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

  // Joint punishment on the unpaid project funds (WF-DEMO-02): the finance bureau accepted and
  // fed back, the housing bureau answered not applicable, the hospital has not answered yet.
  const [toFinance, toHousing, toHospital] = await measures(office).initiate({
    basisType: MeasureBasis.RECORD,
    basisId: id('WF-DEMO-02'),
    kind: MeasureKind.FUNDING_RESTRICTION,
    implementingUnitCodes: [named.finance.code, named.housing.code, named.hospital.code],
    note: '暂停新增财政专项资金安排，整改到位前不予受理融资申请',
  });
  await measures(unit(named.finance.code)).accept(toFinance, '已暂停 2026 年度新增专项资金安排');
  await measures(unit(named.finance.code)).feedBack(toFinance, '已暂停新增专项资金 2 项，合计 800 万元', now);
  await measures(unit(named.housing.code)).decline(toHousing, '本单位不安排财政资金，措施不适用');
  void toHospital;
  const [criticism] = await measures(office).initiate({
    basisType: MeasureBasis.RECORD,
    basisId: id('WF-DEMO-02'),
    kind: MeasureKind.PUBLIC_CRITICISM,
    implementingUnitCodes: [xiangshui.government.code],
  });
  await measures(unit(xiangshui.government.code)).accept(criticism, '将在全县范围通报批评');

  // Complaints: submitted (anonymous, with contact), assigned, verified → record, rejected, closed.
  const report = (title: string, contact: string | null = null) =>
    complaints(anonymous).report({
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
  await complaints(office).close(closed, '已电话答复举报人');

  // Government cases pushed by the court: two open (one long-pending), one resolved.
  const pushedCases = await cases(court).submit([
    {
      caseNo: `（${addMonths(now, -8).slice(0, 4)}）苏0921执1号`,
      subjectCode: xiangshui.government.code,
      kind: GovernmentCaseKind.ENFORCEMENT_DEFAULT,
      filedOn: addMonths(now, -8),
      amount: '3200000.00',
      summary: '拖欠工程款强制执行',
    },
    {
      caseNo: `（${addMonths(now, -1).slice(0, 4)}）苏0921民初2号`,
      subjectCode: xiangshui.housing.code,
      kind: GovernmentCaseKind.PENDING_LITIGATION,
      filedOn: addMonths(now, -1),
      amount: '560000.00',
      summary: '建设工程施工合同纠纷',
    },
    {
      caseNo: `（${addMonths(now, -5).slice(0, 4)}）苏0921执3号`,
      subjectCode: xiangshui.township.code,
      kind: GovernmentCaseKind.ENFORCEMENT_DEFAULT,
      filedOn: addMonths(now, -5),
      amount: '180000.00',
      summary: '征地补偿款给付',
    },
  ]);
  await cases(office).resolve(pushedCases[2].caseId, CaseResolution.PERFORMED, '补偿款已全额支付', addMonths(now, -1));
  return 29;
}
