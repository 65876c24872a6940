import { makePrincipal, type Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { addDays, today } from '../common/dates';
import type { HubServices } from '../services';
import { Disclosure, RecordCategory as C, RecordDomain as D, RecordNature, Severity } from '../subgraphs/records/enums';
import type { RecordInput } from '../subgraphs/records/findings/record.input';
import { RecordSubmission } from '../subgraphs/records/findings/record.service';
import { EvaluationService } from '../subgraphs/records/monitoring/evaluation.service';
import { periodOf, previousPeriod } from '../subgraphs/records/monitoring/period';
import { SubjectKind } from '../common/subject-kind';
import { DEMO_CITY, type DemoSubjects } from './demo-subjects';

/**
 * Findings placed inside the last two completed periods, so the demo ranking of Yancheng's
 * county governments and departments differs for reasons one can read off the evaluation:
 * 亭湖 commended, 滨海 three findings in one quarter (a REPEATED_FINDINGS warning), 阜宁
 * arrears (DEBT_RISK), a penalty and a lawsuit lost, 大丰 only a tolerated finding;
 * departments likewise. Pushed before demo-records.ts so the examples other tests rely on
 * stay the newest of their kind. With the findings of demo-records.ts and demo-workflows.ts
 * every warning kind is present.
 */
export async function loadDemoMonitoringFindings(services: HubServices, named: DemoSubjects): Promise<number> {
  const now = today();
  const granularity = services.evaluation.periodGranularity;
  const last = previousPeriod(periodOf(now, granularity), granularity);
  const before = previousPeriod(last, granularity);
  const on = (period: { start: string }, day: number) => addDays(period.start, day);
  const county = (region: string) => named.counties.find((c) => c.region === region)!;
  const base = {
    details: null,
    legalBasis: null,
    documentNo: null,
    decidingAuthorityCode: null,
    responsiblePersonCodes: null,
    tolerated: false,
    nature: RecordNature.DISHONESTY,
    domain: D.GENERAL,
    severity: Severity.GENERAL,
    disclosure: Disclosure.GOVERNMENT,
  };
  const finding = (
    externalId: string,
    subject: { code: string },
    title: string,
    decidedAt: string,
    extra: Partial<RecordInput> = {},
  ): RecordInput =>
    ({
      ...base,
      category: C.ADMINISTRATIVE_PENALTY,
      externalId,
      subject: { code: subject.code },
      title,
      decidedAt,
      ...extra,
    }) as RecordInput;
  const office = makePrincipal({
    sub: 'yancheng-credit-office',
    role: Role.CREDIT_OFFICE,
    region: DEMO_CITY,
    org: named.creditOffice.code,
  });
  const court = makePrincipal({ sub: 'yancheng-court', role: Role.COURT, region: DEMO_CITY, org: named.court.code });
  const debt = makePrincipal({ sub: 'yancheng-debt', role: Role.DEBT, region: DEMO_CITY, org: named.finance.code });
  const batches: [Principal, RecordInput[]][] = [
    [
      office,
      [
        finding('JC-DEMO-01', county('320902').government, '营商环境评价优秀', on(last, 20), {
          nature: RecordNature.HONOR,
          category: C.COMMENDATION,
          disclosure: Disclosure.PUBLIC,
        }),
        finding('JC-DEMO-02', county('320922').government, '政务服务事项超期办理', on(last, 5)),
        finding('JC-DEMO-03', county('320922').government, '政府信息公开答复逾期', on(last, 30)),
        finding('JC-DEMO-04', county('320922').government, '政府采购合同备案违规', on(last, 60), {
          category: C.ADMINISTRATIVE_PENALTY,
          domain: D.PROCUREMENT,
        }),
        finding('JC-DEMO-05', county('320923').government, '违规审批临时用地', on(last, 45)),
        finding('JC-DEMO-06', county('320922').government, '环保督察整改不到位', on(before, 40), {
          domain: D.ENVIRONMENT,
        }),
        finding('JC-DEMO-07', county('320903').housing, '违规出具竣工验收备案', on(last, 15), {
          severity: Severity.SERIOUS,
        }),
        finding('JC-DEMO-08', county('320904').finance, '专项资金拨付迟延', on(last, 25)),
        finding('JC-DEMO-09', named.finance, '财政资金绩效评价优秀', on(last, 10), {
          nature: RecordNature.HONOR,
          category: C.COMMENDATION,
          disclosure: Disclosure.PUBLIC,
        }),
      ],
    ],
    [
      court,
      [
        finding('JC-DEMO-10', county('320923').government, '行政诉讼败诉（征收决定被撤销）', on(last, 35), {
          category: C.LITIGATION_LOST,
          decidingAuthorityCode: named.court.code,
        }),
        finding('JC-DEMO-11', named.housing, '行政诉讼败诉（信息公开）', on(last, 50), {
          category: C.LITIGATION_LOST,
          decidingAuthorityCode: named.court.code,
        }),
      ],
    ],
    [
      debt,
      [
        finding('JC-DEMO-12', county('320923').government, '拖欠中小企业账款', on(last, 40), {
          category: C.ARREARS,
          domain: D.GOVERNMENT_DEBT,
        }),
      ],
    ],
  ];
  let records = 0;
  for (const [viewer, inputs] of batches) {
    const em = services.orm.em.fork();
    records += (
      await new RecordSubmission(
        em,
        services.subjectDirectory(em),
        services.creditPolicy,
        now,
        services.evaluation,
      ).submit(viewer, inputs)
    ).length;
  }
  return records;
}

/**
 * Publishes the county-government ranking of the period before last (once), so the last
 * period shows trend arrows against a frozen table.
 */
export async function publishDemoRanking(services: HubServices, named: DemoSubjects): Promise<void> {
  const em = services.orm.em.fork();
  const [published] = await em.execute('SELECT EXISTS (SELECT 1 FROM records.ranking_publication) AS present');
  if (published.present) return;
  const now = today();
  const granularity = services.evaluation.periodGranularity;
  const before = previousPeriod(previousPeriod(periodOf(now, granularity), granularity), granularity);
  const office = makePrincipal({
    sub: 'yancheng-credit-office',
    role: Role.CREDIT_OFFICE,
    region: DEMO_CITY,
    org: named.creditOffice.code,
  });
  await new EvaluationService(
    em,
    office,
    now,
    services.evaluation,
    services.subjectDirectory(em),
    services.keys,
  ).publish(before.code, SubjectKind.GOVERNMENT, DEMO_CITY.slice(0, 4));
}
