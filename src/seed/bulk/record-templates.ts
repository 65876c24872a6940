import { Role } from '../../auth/roles';
import { RecordCategory as C, RecordDomain as D } from '../../subgraphs/records/enums';
import { SubjectKind as K } from '../../common/subject-kind';
import type { DeptRole } from './vocabulary';

/** The pushing system of each role in bulk data: source_system and the external-id prefix. */
export const BULK_SOURCES: Partial<Record<Role, { system: string; prefix: string }>> = {
  [Role.COURT]: { system: 'bulk-court', prefix: 'CT' },
  [Role.DISCIPLINE]: { system: 'bulk-discipline', prefix: 'JW' },
  [Role.PROCUREMENT]: { system: 'bulk-procurement', prefix: 'GP' },
  [Role.TENDERING]: { system: 'bulk-tendering', prefix: 'TP' },
  [Role.INVESTMENT]: { system: 'bulk-investment', prefix: 'ZS' },
  [Role.DEBT]: { system: 'bulk-debt', prefix: 'ZW' },
  [Role.CREDIT_OFFICE]: { system: 'bulk-credit-office', prefix: 'XY' },
};

export type DocumentStyle = 'court' | 'penalty' | 'decision' | 'discipline' | 'none';
export type Authority = DeptRole | 'tradingCenter';

/**
 * One kind of finding: what it is, who pushes it (consistent with push-scope.ts), who
 * decides it, how its document number looks, and how likely it is serious.
 */
export interface RecordTemplate {
  category: C;
  domains: readonly D[];
  role: Role;
  titles: readonly string[];
  legalBasis: readonly string[];
  serious: number;
  authority: Authority;
  document: DocumentStyle;
  /** Court document type (行初, 执, ...) for court documents. */
  courtType?: readonly string[];
  weight: number;
}

const t = (
  weight: number,
  category: C,
  domains: D | readonly D[],
  role: Role,
  authority: Authority,
  document: DocumentStyle,
  serious: number,
  titles: readonly string[],
  legalBasis: readonly string[] = [],
  courtType?: readonly string[],
): RecordTemplate => ({
  weight,
  category,
  domains: Array.isArray(domains) ? domains : [domains as D],
  role,
  authority,
  document,
  serious,
  titles,
  legalBasis,
  courtType,
});

const COMMEND_GOV = [
  '省级社会信用体系建设示范单位',
  '政务诚信建设先进单位',
  '优化营商环境工作表彰',
  '法治政府建设示范单位',
];
const LITIGATION = [
  '行政诉讼败诉（违法强制拆除）',
  '行政诉讼败诉（征收补偿决定被撤销）',
  '行政诉讼败诉（行政许可违法）',
  '行政诉讼败诉（信息公开答复违法）',
  '行政诉讼败诉（行政不作为）',
  '行政机关负责人未出庭应诉且败诉',
];
const LITIGATION_BASIS = [
  '《中华人民共和国行政诉讼法》第七十条',
  '《中华人民共和国行政诉讼法》第七十四条',
  '《中华人民共和国行政诉讼法》第七十二条',
];
const ENFORCEMENT = [
  '拒不履行生效判决（工程款给付）',
  '拒不履行生效判决（征收补偿款）',
  '拒不履行生效判决（合同价款）',
  '失信被执行人（拒不履行给付义务）',
];
const ENFORCEMENT_BASIS = [
  '《中华人民共和国民事诉讼法》第二百五十九条',
  '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
];
const ARREARS_GOV = ['拖欠民营企业工程款', '拖欠农民工工资及工程款', '政府投资项目拖欠工程款', '拖欠中小企业账款'];
const ARREARS_BASIS = ['《保障中小企业款项支付条例》', '《保障农民工工资支付条例》'];
const INVEST = [
  '招商引资奖励政策未兑现',
  '招商引资承诺的土地未按期交付',
  '“新官不理旧账”，招商合同未履行',
  '承诺的设备补贴逾期未兑现',
];
const PPP = ['PPP项目政府付费逾期', 'PPP项目可行性缺口补助未按约支付', 'PPP合同约定事项未履行'];
const SERVICE = ['政务服务承诺时限未践行', '公开承诺事项逾期未办结', '信用承诺未履行'];
const STAT = ['统计数据弄虚作假', '虚报统计数据', '统计数据差错被通报'];
const ENV = ['环境违法行政处罚', '建设项目未批先建', '超标排放污染物', '危险废物处置不规范'];

/** Findings about governments, departments and institutions. */
const PUBLIC_BODY: RecordTemplate[] = [
  t(25, C.LITIGATION_LOST, D.GENERAL, Role.COURT, 'court', 'court', 0.04, LITIGATION, LITIGATION_BASIS, [
    '行初',
    '行终',
  ]),
  t(9, C.ENFORCEMENT_DEFAULT, D.GENERAL, Role.COURT, 'court', 'court', 0.4, ENFORCEMENT, ENFORCEMENT_BASIS, [
    '执',
    '执恢',
  ]),
  t(12, C.ARREARS, D.GOVERNMENT_DEBT, Role.DEBT, 'finance', 'decision', 0.12, ARREARS_GOV, ARREARS_BASIS),
  t(
    10,
    C.ARREARS,
    D.PROCUREMENT,
    Role.PROCUREMENT,
    'finance',
    'decision',
    0.06,
    ['采购人拖欠中小企业货款', '政府采购合同逾期付款'],
    ['《中华人民共和国政府采购法》第七十一条', '《保障中小企业款项支付条例》'],
  ),
  t(
    8,
    C.CONTRACT_BREACH,
    D.PROCUREMENT,
    Role.PROCUREMENT,
    'finance',
    'decision',
    0.05,
    ['采购人擅自变更采购合同', '采购人无正当理由拒绝验收'],
    ['《中华人民共和国政府采购法》第五十条'],
  ),
  t(11, C.COMMITMENT_BREACH, D.INVESTMENT_PROMOTION, Role.INVESTMENT, 'commerce', 'decision', 0.08, INVEST),
  t(4, C.CONTRACT_BREACH, D.PPP, Role.INVESTMENT, 'commerce', 'decision', 0.08, PPP),
  t(9, C.COMMITMENT_BREACH, D.GENERAL, Role.CREDIT_OFFICE, 'creditOffice', 'decision', 0.03, SERVICE),
  t(3, C.STATISTICAL_FRAUD, D.STATISTICS, Role.CREDIT_OFFICE, 'statistics', 'penalty', 0.2, STAT, [
    '《中华人民共和国统计法》第三十七条',
  ]),
  t(3, C.ADMINISTRATIVE_PENALTY, D.ENVIRONMENT, Role.CREDIT_OFFICE, 'environment', 'penalty', 0.05, ENV, [
    '《中华人民共和国环境保护法》第五十九条',
  ]),
  t(5, C.COMMENDATION, D.GENERAL, Role.CREDIT_OFFICE, 'creditOffice', 'decision', 0, COMMEND_GOV),
];

/** Findings about townships and villages / communities. */
const GRASSROOTS: RecordTemplate[] = [
  t(28, C.COMMITMENT_BREACH, D.GRASSROOTS, Role.CREDIT_OFFICE, 'creditOffice', 'decision', 0.04, [
    '村务公开承诺未践行',
    '惠民政策承诺未兑现',
    '乡镇公开承诺事项未履行',
  ]),
  t(
    20,
    C.ARREARS,
    D.GRASSROOTS,
    Role.CREDIT_OFFICE,
    'finance',
    'decision',
    0.08,
    ['拖欠村级工程款', '拖欠农民工工资', '拖欠土地流转费'],
    ARREARS_BASIS,
  ),
  t(
    20,
    C.LITIGATION_LOST,
    D.GRASSROOTS,
    Role.COURT,
    'court',
    'court',
    0.03,
    ['行政诉讼败诉（土地征收）', '行政诉讼败诉（违法拆除）'],
    LITIGATION_BASIS,
    ['行初'],
  ),
  t(8, C.ENFORCEMENT_DEFAULT, D.GENERAL, Role.COURT, 'court', 'court', 0.35, ENFORCEMENT, ENFORCEMENT_BASIS, ['执']),
  t(5, C.STATISTICAL_FRAUD, D.STATISTICS, Role.CREDIT_OFFICE, 'statistics', 'penalty', 0.15, STAT, [
    '《中华人民共和国统计法》第三十七条',
  ]),
  t(8, C.ADMINISTRATIVE_PENALTY, D.ENVIRONMENT, Role.CREDIT_OFFICE, 'environment', 'penalty', 0.05, ENV),
  t(5, C.COMMENDATION, D.GRASSROOTS, Role.CREDIT_OFFICE, 'creditOffice', 'decision', 0, [
    '基层诚信建设示范村（社区）',
    '文明村镇',
    '民主法治示范村（社区）',
  ]),
];

/** Findings about enterprises (bidders, agencies, suppliers, investors). */
const ENTERPRISE: RecordTemplate[] = [
  t(
    28,
    C.ADMINISTRATIVE_PENALTY,
    D.TENDERING,
    Role.TENDERING,
    'housing',
    'penalty',
    0.14,
    [
      '串通投标',
      '弄虚作假骗取中标',
      '以他人名义投标',
      '违法转包、违法分包',
      '招标代理机构违规泄露标底',
      '投标人提供虚假业绩材料',
    ],
    [
      '《中华人民共和国招标投标法》第五十三条',
      '《中华人民共和国招标投标法》第五十四条',
      '《中华人民共和国招标投标法实施条例》第六十七条',
    ],
  ),
  t(10, C.CONTRACT_BREACH, D.TENDERING, Role.TENDERING, 'housing', 'decision', 0.05, [
    '中标后无正当理由不与招标人订立合同',
    '中标人不按合同约定履行义务',
    '无正当理由放弃中标',
  ]),
  t(
    12,
    C.ADMINISTRATIVE_PENALTY,
    D.PROCUREMENT,
    Role.PROCUREMENT,
    'finance',
    'penalty',
    0.1,
    ['提供虚假材料谋取中标、成交', '与采购人、其他供应商恶意串通', '采取不正当手段诋毁、排挤其他供应商'],
    ['《中华人民共和国政府采购法》第七十七条'],
  ),
  t(10, C.CONTRACT_BREACH, D.PROCUREMENT, Role.PROCUREMENT, 'finance', 'decision', 0.05, [
    '政府采购合同履约违约',
    '拒绝履行政府采购合同',
    '供货质量不符合合同约定',
  ]),
  t(3, C.CONTRACT_BREACH, D.PPP, Role.INVESTMENT, 'commerce', 'decision', 0.1, [
    'PPP项目社会资本方违约退出',
    'PPP项目未按约定完成投资',
  ]),
  t(4, C.COMMITMENT_BREACH, D.INVESTMENT_PROMOTION, Role.INVESTMENT, 'commerce', 'decision', 0.06, [
    '招商项目投资强度承诺未兑现',
    '招商项目未按约定时间投产',
  ]),
  t(
    9,
    C.ENFORCEMENT_DEFAULT,
    D.GENERAL,
    Role.COURT,
    'court',
    'court',
    0.35,
    ['失信被执行人（拒不履行给付义务）', '失信被执行人（有履行能力而拒不履行）'],
    ENFORCEMENT_BASIS,
    ['执'],
  ),
  t(
    4,
    C.JUDICIAL_JUDGMENT,
    D.GENERAL,
    Role.COURT,
    'court',
    'court',
    0.05,
    ['买卖合同纠纷败诉', '建设工程施工合同纠纷败诉'],
    ['《中华人民共和国民法典》第五百七十七条'],
    ['民初', '民终'],
  ),
  t(
    8,
    C.ADMINISTRATIVE_PENALTY,
    D.ENVIRONMENT,
    Role.CREDIT_OFFICE,
    'environment',
    'penalty',
    0.06,
    ['超标排放污染物', '建设项目未批先建', '未按规定贮存危险废物'],
    ['《中华人民共和国环境保护法》第五十九条', '《中华人民共和国大气污染防治法》第九十九条'],
  ),
  t(
    4,
    C.ADMINISTRATIVE_PENALTY,
    D.GENERAL,
    Role.CREDIT_OFFICE,
    'market',
    'penalty',
    0.04,
    ['销售不合格产品', '虚假宣传', '未按规定公示年度报告'],
    ['《中华人民共和国产品质量法》第四十九条', '《中华人民共和国反不正当竞争法》第二十条'],
  ),
  t(
    3,
    C.ARREARS,
    D.GENERAL,
    Role.CREDIT_OFFICE,
    'creditOffice',
    'decision',
    0.3,
    ['拖欠农民工工资'],
    ['《保障农民工工资支付条例》', '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》'],
  ),
  t(
    1,
    C.STATISTICAL_FRAUD,
    D.STATISTICS,
    Role.CREDIT_OFFICE,
    'statistics',
    'penalty',
    0.1,
    ['统计调查中提供不真实统计资料'],
    ['《中华人民共和国统计法》第四十一条'],
  ),
  t(5, C.COMMENDATION, [D.PROCUREMENT], Role.PROCUREMENT, 'finance', 'decision', 0, [
    '政府采购履约评价优秀',
    '守信供应商',
  ]),
  t(2, C.COMMENDATION, [D.TENDERING], Role.TENDERING, 'tradingCenter', 'decision', 0, ['诚信投标企业', '优质工程奖']),
];

/** Findings about civil servants: discipline and accountability; never published. */
const PERSON: RecordTemplate[] = [
  t(
    58,
    C.DISCIPLINARY_SANCTION,
    [
      D.GENERAL,
      D.GENERAL,
      D.GENERAL,
      D.TENDERING,
      D.PROCUREMENT,
      D.GOVERNMENT_DEBT,
      D.INVESTMENT_PROMOTION,
      D.GRASSROOTS,
    ],
    Role.DISCIPLINE,
    'discipline',
    'discipline',
    0.12,
    [
      '政务警告处分',
      '政务记过处分',
      '政务记大过处分',
      '政务降级处分',
      '政务撤职处分',
      '党内警告处分',
      '党内严重警告处分',
    ],
    ['《中华人民共和国公职人员政务处分法》', '《中国共产党纪律处分条例》'],
  ),
  t(
    33,
    C.ACCOUNTABILITY,
    [D.GENERAL, D.GENERAL, D.STATISTICS, D.ENVIRONMENT, D.GOVERNMENT_DEBT, D.GRASSROOTS],
    Role.DISCIPLINE,
    'discipline',
    'discipline',
    0.05,
    ['诫勉谈话', '通报问责', '责令公开道歉', '责令检查', '组织调整'],
    ['《中国共产党问责条例》'],
  ),
  t(
    3,
    C.NON_PROSECUTION,
    D.GENERAL,
    Role.COURT,
    'court',
    'court',
    0.5,
    ['相对不起诉（职务违法）'],
    ['《中华人民共和国刑事诉讼法》第一百七十七条'],
    ['刑初'],
  ),
  t(5, C.COMMENDATION, D.GENERAL, Role.CREDIT_OFFICE, 'orgDept', 'decision', 0, [
    '年度考核优秀',
    '记三等功',
    '优秀公务员',
  ]),
];

export const TEMPLATES_BY_KIND: Record<K, readonly RecordTemplate[]> = {
  [K.GOVERNMENT]: PUBLIC_BODY,
  [K.DEPARTMENT]: PUBLIC_BODY,
  [K.INSTITUTION]: PUBLIC_BODY,
  [K.TOWNSHIP]: GRASSROOTS,
  [K.COMMUNITY]: GRASSROOTS,
  [K.ENTERPRISE]: ENTERPRISE,
  [K.PUBLIC_SERVANT]: PERSON,
};

/** Every template, for tests (push scope). */
export const ALL_TEMPLATES: readonly RecordTemplate[] = [...PUBLIC_BODY, ...GRASSROOTS, ...ENTERPRISE, ...PERSON];

/** Legal basis of a listing by the category of the record it rests on. */
export function listingLegalBasis(category: C, tender: boolean): string {
  if (tender) return '《中华人民共和国招标投标法实施条例》第七十九条；《公共资源交易领域严重失信主体名单管理办法》';
  if (category === C.ENFORCEMENT_DEFAULT)
    return '《最高人民法院关于公布失信被执行人名单信息的若干规定》；国办发〔2020〕49号';
  if (category === C.ARREARS) return '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》；国办发〔2020〕49号';
  return '国办发〔2020〕49号';
}
