import { Role } from '../../../auth/roles';
import { RecordCategory as C, RecordDomain as D } from '../../../subgraphs/records/enums';
import { t, type RecordTemplate } from './template';

/** Findings about civil servants: discipline and accountability; never published. */
export const PERSON: RecordTemplate[] = [
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
