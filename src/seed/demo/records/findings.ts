import type { Principal } from '../../../auth/principal';
import {
  CreditorClass,
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  SanctionKind,
  Severity,
} from '../../../subgraphs/records/enums';
import type { RecordInput } from '../../../subgraphs/records/findings/record.input';
import { demoCounty, type DemoSubjects } from '../../demo-subjects';
import { findingsLike, type DemoPushers } from '../push';

/** Months before today, so publicity windows stay meaningful whenever the demo is loaded. */
type Ago = (months: number) => string;

const PUBLIC_DISHONESTY = {
  nature: RecordNature.DISHONESTY,
  domain: D.GENERAL,
  severity: Severity.GENERAL,
  disclosure: Disclosure.PUBLIC,
};

/** The court: a county government defaulting on a judgment, the housing bureau losing a lawsuit. */
function courtFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.LITIGATION_LOST,
    decidingAuthorityCode: named.court.code,
  });
  return [
    finding('YC-COURT-2026-001', demoCounty(named, '320924').government, '拒不履行生效判决（工程款给付）', ago(4), {
      category: C.ENFORCEMENT_DEFAULT,
      severity: Severity.SERIOUS,
      details: '（2025）苏09执123号：判决给付工程款及利息，逾期未履行。',
      legalBasis: '《中华人民共和国民事诉讼法》第二百五十九条',
      documentNo: '（2025）苏09执123号',
      responsiblePersonCodes: [named.people[5].code],
    }),
    finding('YC-COURT-2026-002', named.housing, '行政诉讼败诉（违法强制拆除）', ago(2), {
      details: '被诉行政行为被确认违法。',
      legalBasis: '《中华人民共和国行政诉讼法》第七十四条',
      documentNo: '（2026）苏09行终45号',
      responsiblePersonCodes: [named.people[1].code],
    }),
  ];
}

/** The trading center: tendering penalties in force (serious, general) and one past its window. */
function tenderingFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.ADMINISTRATIVE_PENALTY,
    domain: D.TENDERING,
    decidingAuthorityCode: named.housing.code,
  });
  return [
    finding('TP-2026-0117', named.enterprises[0], '串通投标', ago(3), {
      severity: Severity.SERIOUS,
      details: '与其他投标人串通投标报价。',
      legalBasis: '《中华人民共和国招标投标法》第五十三条',
      documentNo: '盐住建罚〔2026〕17号',
    }),
    finding('TP-2026-0121', named.enterprises[3], '招标代理机构违规泄露标底', ago(5)),
    finding('TP-2024-0033', named.enterprises[4], '弄虚作假骗取中标（已过公示期）', ago(40), {
      severity: Severity.SERIOUS,
    }),
  ];
}

/** Procurement: a hospital in arrears (government-only) and a commended supplier. */
function procurementFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.ARREARS,
    domain: D.PROCUREMENT,
    disclosure: Disclosure.GOVERNMENT,
  });
  return [
    finding('GP-2026-009', named.hospital, '采购人拖欠中小企业货款', ago(1), {
      details: '验收合格后逾期 90 日未支付货款。',
      arrears: { amount: '860000.00', creditorClass: CreditorClass.SUPPLIER, dueOn: ago(4) },
    }),
    finding('GP-2026-010', named.enterprises[6], '政府采购履约评价优秀', ago(6), {
      nature: RecordNature.HONOR,
      category: C.COMMENDATION,
      disclosure: Disclosure.PUBLIC,
    }),
  ];
}

/** Discipline inspection: a restricted sanction of 李明 (people[1]). */
function disciplineFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.DISCIPLINARY_SANCTION,
    severity: Severity.SERIOUS,
    disclosure: Disclosure.RESTRICTED,
    decidingAuthorityCode: named.discipline.code,
  });
  return [
    finding('JW-2026-031', named.people[1], '政务记过处分', ago(3), {
      details: '违规干预工程招投标。',
      legalBasis: '《中华人民共和国公职人员政务处分法》',
      sanctionKind: SanctionKind.DEMERIT,
    }),
  ];
}

/** Investment promotion: an incentive a county government promised and did not pay. */
function investmentFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.COMMITMENT_BREACH,
    domain: D.INVESTMENT_PROMOTION,
    disclosure: Disclosure.GOVERNMENT,
  });
  return [
    finding('ZS-2026-004', demoCounty(named, '320922').government, '招商引资奖励政策未兑现', ago(2), {
      details: '承诺的设备补贴逾期 14 个月未兑现。',
    }),
  ];
}

/** Government debt: serious arrears of a county government. */
function debtFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({
    ...PUBLIC_DISHONESTY,
    category: C.ARREARS,
    domain: D.GOVERNMENT_DEBT,
    severity: Severity.SERIOUS,
  });
  return [
    finding('ZW-2026-002', demoCounty(named, '320923').government, '拖欠农民工工资及工程款', ago(5), {
      arrears: { amount: '4500000.00', creditorClass: CreditorClass.MIGRANT_WORKERS, dueOn: ago(8) },
    }),
  ];
}

/** The credit office: an honour, a tolerated error, an expired penalty and a finding from Luoyang. */
function creditOfficeFindings(named: DemoSubjects, ago: Ago): RecordInput[] {
  const finding = findingsLike({ ...PUBLIC_DISHONESTY, category: C.ADMINISTRATIVE_PENALTY });
  const county = (region: string) => demoCounty(named, region).government;
  return [
    finding('XY-2026-001', county('320981'), '省级社会信用体系建设示范县（市）', ago(7), {
      nature: RecordNature.HONOR,
      category: C.COMMENDATION,
    }),
    finding('XY-2026-002', county('320904'), '统计数据差错（容错免责）', ago(2), {
      category: C.STATISTICAL_FRAUD,
      domain: D.STATISTICS,
      disclosure: Disclosure.GOVERNMENT,
      tolerated: true,
    }),
    finding('XY-2023-015', county('320903'), '环境违法行政处罚（已过公示期）', ago(30), { domain: D.ENVIRONMENT }),
    finding('XY-2026-003', named.luoyang.enterprise, '跨区域合同违约（洛阳企业在盐城项目）', ago(1), {
      category: C.CONTRACT_BREACH,
    }),
  ];
}

/** The demo findings of demo-records.ts, one batch per pushing system, in the order they are pushed. */
export function demoFindingBatches(named: DemoSubjects, pushers: DemoPushers, ago: Ago): [Principal, RecordInput[]][] {
  return [
    [pushers.court, courtFindings(named, ago)],
    [pushers.tendering, tenderingFindings(named, ago)],
    [pushers.procurement, procurementFindings(named, ago)],
    [pushers.discipline, disciplineFindings(named, ago)],
    [pushers.investment, investmentFindings(named, ago)],
    [pushers.debt, debtFindings(named, ago)],
    [pushers.creditOffice, creditOfficeFindings(named, ago)],
  ];
}
