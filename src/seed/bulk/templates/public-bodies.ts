import { Role } from '../../../auth/roles';
import { RecordCategory as C, RecordDomain as D } from '../../../subgraphs/records/enums';
import { t, type RecordTemplate } from './template';
import {
  ARREARS_BASIS,
  ARREARS_GOV,
  COMMEND_GOV,
  ENFORCEMENT,
  ENFORCEMENT_BASIS,
  ENV,
  INVEST,
  LITIGATION,
  LITIGATION_BASIS,
  PPP,
  SERVICE,
  STAT,
} from './wording';

/** Findings about governments, departments and institutions. */
export const PUBLIC_BODY: RecordTemplate[] = [
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
export const GRASSROOTS: RecordTemplate[] = [
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
