import { makePrincipal, type Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { addMonths, today } from '../common/dates';
import type { HubServices } from '../services';
import {
  Disclosure,
  ListType,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../subgraphs/records/enums';
import { ListingService } from '../subgraphs/records/lists/listing.service';
import type { RecordInput } from '../subgraphs/records/findings/record.input';
import { RecordSubmission } from '../subgraphs/records/findings/record.service';
import type { DemoSubjects } from './demo-subjects';
import { DEMO_CITY } from './demo-subjects';

/**
 * Demo findings pushed the way client systems push them (so they are validated and
 * idempotent), dated relative to today so publicity windows stay meaningful: active,
 * expired, serious, tolerated, restricted, honours, and listings in force and expired.
 */
function pusher(role: Role, sub: string, org: string): Principal {
  return makePrincipal({ sub, role, region: DEMO_CITY, org });
}

export async function loadDemoRecords(
  services: HubServices,
  named: DemoSubjects,
): Promise<{ records: number; listings: number }> {
  const now = today();
  const ago = (months: number) => addMonths(now, -months);
  const ref = (s: { code: string }) => ({ code: s.code });
  const base = {
    details: null,
    legalBasis: null,
    documentNo: null,
    decidingAuthorityCode: null,
    responsiblePersonCodes: null,
    tolerated: false,
  };
  const county = (region: string) => named.counties.find((c) => c.region === region)!;
  const batches: [Principal, RecordInput[]][] = [
    [
      pusher(Role.COURT, 'yancheng-court', named.court.code),
      [
        {
          ...base,
          externalId: 'YC-COURT-2026-001',
          subject: ref(county('320924').government),
          nature: RecordNature.DISHONESTY,
          category: C.ENFORCEMENT_DEFAULT,
          domain: D.GENERAL,
          severity: Severity.SERIOUS,
          title: '拒不履行生效判决（工程款给付）',
          details: '（2025）苏09执123号：判决给付工程款及利息，逾期未履行。',
          legalBasis: '《中华人民共和国民事诉讼法》第二百五十九条',
          documentNo: '（2025）苏09执123号',
          decidedAt: ago(4),
          decidingAuthorityCode: named.court.code,
          disclosure: Disclosure.PUBLIC,
          responsiblePersonCodes: [named.people[5].code],
        },
        {
          ...base,
          externalId: 'YC-COURT-2026-002',
          subject: ref(named.housing),
          nature: RecordNature.DISHONESTY,
          category: C.LITIGATION_LOST,
          domain: D.GENERAL,
          severity: Severity.GENERAL,
          title: '行政诉讼败诉（违法强制拆除）',
          details: '被诉行政行为被确认违法。',
          legalBasis: '《中华人民共和国行政诉讼法》第七十四条',
          documentNo: '（2026）苏09行终45号',
          decidedAt: ago(2),
          decidingAuthorityCode: named.court.code,
          disclosure: Disclosure.PUBLIC,
          responsiblePersonCodes: [named.people[1].code],
        },
      ],
    ],
    [
      pusher(Role.TENDERING, 'yancheng-tendering', named.tradingCenter.code),
      [
        {
          ...base,
          externalId: 'TP-2026-0117',
          subject: ref(named.enterprises[0]),
          nature: RecordNature.DISHONESTY,
          category: C.ADMINISTRATIVE_PENALTY,
          domain: D.TENDERING,
          severity: Severity.SERIOUS,
          title: '串通投标',
          details: '与其他投标人串通投标报价。',
          legalBasis: '《中华人民共和国招标投标法》第五十三条',
          documentNo: '盐住建罚〔2026〕17号',
          decidedAt: ago(3),
          decidingAuthorityCode: named.housing.code,
          disclosure: Disclosure.PUBLIC,
        },
        {
          ...base,
          externalId: 'TP-2026-0121',
          subject: ref(named.enterprises[3]),
          nature: RecordNature.DISHONESTY,
          category: C.ADMINISTRATIVE_PENALTY,
          domain: D.TENDERING,
          severity: Severity.GENERAL,
          title: '招标代理机构违规泄露标底',
          decidedAt: ago(5),
          decidingAuthorityCode: named.housing.code,
          disclosure: Disclosure.PUBLIC,
        },
        {
          ...base,
          externalId: 'TP-2024-0033',
          subject: ref(named.enterprises[4]),
          nature: RecordNature.DISHONESTY,
          category: C.ADMINISTRATIVE_PENALTY,
          domain: D.TENDERING,
          severity: Severity.SERIOUS,
          title: '弄虚作假骗取中标（已过公示期）',
          decidedAt: ago(40),
          decidingAuthorityCode: named.housing.code,
          disclosure: Disclosure.PUBLIC,
        },
      ],
    ],
    [
      pusher(Role.PROCUREMENT, 'yancheng-procurement', named.finance.code),
      [
        {
          ...base,
          externalId: 'GP-2026-009',
          subject: ref(named.hospital),
          nature: RecordNature.DISHONESTY,
          category: C.ARREARS,
          domain: D.PROCUREMENT,
          severity: Severity.GENERAL,
          title: '采购人拖欠中小企业货款',
          details: '验收合格后逾期 90 日未支付货款。',
          decidedAt: ago(1),
          disclosure: Disclosure.GOVERNMENT,
        },
        {
          ...base,
          externalId: 'GP-2026-010',
          subject: ref(named.enterprises[6]),
          nature: RecordNature.HONOR,
          category: C.COMMENDATION,
          domain: D.PROCUREMENT,
          severity: Severity.GENERAL,
          title: '政府采购履约评价优秀',
          decidedAt: ago(6),
          disclosure: Disclosure.PUBLIC,
        },
      ],
    ],
    [
      pusher(Role.DISCIPLINE, 'yancheng-discipline', named.discipline.code),
      [
        {
          ...base,
          externalId: 'JW-2026-031',
          subject: ref(named.people[1]),
          nature: RecordNature.DISHONESTY,
          category: C.DISCIPLINARY_SANCTION,
          domain: D.GENERAL,
          severity: Severity.SERIOUS,
          title: '政务记过处分',
          details: '违规干预工程招投标。',
          legalBasis: '《中华人民共和国公职人员政务处分法》',
          decidedAt: ago(3),
          decidingAuthorityCode: named.discipline.code,
          disclosure: Disclosure.RESTRICTED,
        },
      ],
    ],
    [
      pusher(Role.INVESTMENT, 'yancheng-investment', named.investment.code),
      [
        {
          ...base,
          externalId: 'ZS-2026-004',
          subject: ref(county('320922').government),
          nature: RecordNature.DISHONESTY,
          category: C.COMMITMENT_BREACH,
          domain: D.INVESTMENT_PROMOTION,
          severity: Severity.GENERAL,
          title: '招商引资奖励政策未兑现',
          details: '承诺的设备补贴逾期 14 个月未兑现。',
          decidedAt: ago(2),
          disclosure: Disclosure.GOVERNMENT,
        },
      ],
    ],
    [
      pusher(Role.DEBT, 'yancheng-debt', named.finance.code),
      [
        {
          ...base,
          externalId: 'ZW-2026-002',
          subject: ref(county('320923').government),
          nature: RecordNature.DISHONESTY,
          category: C.ARREARS,
          domain: D.GOVERNMENT_DEBT,
          severity: Severity.SERIOUS,
          title: '拖欠农民工工资及工程款',
          decidedAt: ago(5),
          disclosure: Disclosure.PUBLIC,
        },
      ],
    ],
    [
      pusher(Role.CREDIT_OFFICE, 'yancheng-credit-office', named.creditOffice.code),
      [
        {
          ...base,
          externalId: 'XY-2026-001',
          subject: ref(county('320981').government),
          nature: RecordNature.HONOR,
          category: C.COMMENDATION,
          domain: D.GENERAL,
          severity: Severity.GENERAL,
          title: '省级社会信用体系建设示范县（市）',
          decidedAt: ago(7),
          disclosure: Disclosure.PUBLIC,
        },
        {
          ...base,
          externalId: 'XY-2026-002',
          subject: ref(county('320904').government),
          nature: RecordNature.DISHONESTY,
          category: C.STATISTICAL_FRAUD,
          domain: D.STATISTICS,
          severity: Severity.GENERAL,
          title: '统计数据差错（容错免责）',
          decidedAt: ago(2),
          disclosure: Disclosure.GOVERNMENT,
          tolerated: true,
        },
        {
          ...base,
          externalId: 'XY-2023-015',
          subject: ref(county('320903').government),
          nature: RecordNature.DISHONESTY,
          category: C.ADMINISTRATIVE_PENALTY,
          domain: D.ENVIRONMENT,
          severity: Severity.GENERAL,
          title: '环境违法行政处罚（已过公示期）',
          decidedAt: ago(30),
          disclosure: Disclosure.PUBLIC,
        },
        {
          ...base,
          externalId: 'XY-2026-003',
          subject: { code: named.luoyang.enterprise.code },
          nature: RecordNature.DISHONESTY,
          category: C.CONTRACT_BREACH,
          domain: D.GENERAL,
          severity: Severity.GENERAL,
          title: '跨区域合同违约（洛阳企业在盐城项目）',
          decidedAt: ago(1),
          disclosure: Disclosure.PUBLIC,
        },
      ],
    ],
  ];
  let records = 0;
  const ids = new Map<string, string>();
  for (const [viewer, inputs] of batches) {
    const em = services.orm.em.fork();
    const results = await new RecordSubmission(
      em,
      services.subjectDirectory(em),
      services.creditPolicy,
      now,
      services.evaluation,
    ).submit(viewer, inputs);
    for (const result of results) ids.set(result.externalId, result.recordId);
    records += results.length;
  }

  const listings: [
    Principal,
    {
      subject: { code: string };
      listType: ListType;
      reason: string;
      legalBasis: string;
      reasonRecordIds: string[];
      startsOn?: string;
      endsOn?: string;
    },
  ][] = [
    [
      pusher(Role.TENDERING, 'yancheng-tendering', named.tradingCenter.code),
      {
        subject: ref(named.enterprises[0]),
        listType: ListType.TENDER_BLACKLIST,
        reason: '串通投标，列入招标投标不良行为黑名单',
        legalBasis: '《江苏省招标投标条例》',
        reasonRecordIds: [ids.get('TP-2026-0117')!],
      },
    ],
    [
      pusher(Role.CREDIT_OFFICE, 'yancheng-credit-office', named.creditOffice.code),
      {
        subject: ref(county('320924').government),
        listType: ListType.SERIOUS_DISHONESTY,
        reason: '失信被执行人（拒不履行生效判决）',
        legalBasis: '国办发〔2020〕49号',
        reasonRecordIds: [ids.get('YC-COURT-2026-001')!],
      },
    ],
  ];
  for (const [viewer, input] of listings) {
    const em = services.orm.em.fork();
    const service = new ListingService(em, services.subjectDirectory(em), now);
    await service.list(viewer, input, async (recordIds) => {
      const rows = await em.execute(
        `SELECT id::text, subject_key, nature, status, to_char(public_until, 'YYYY-MM-DD') AS public_until FROM records.credit_record WHERE id = ANY(?::bigint[])`,
        [`{${recordIds.join(',')}}`],
      );
      return rows.map((r: Record<string, string>) => ({
        id: r.id,
        subjectKey: r.subject_key,
        nature: r.nature,
        status: r.status,
        publicUntil: r.public_until,
      }));
    });
  }
  return { records, listings: listings.length };
}
