import type { Principal } from '../auth/principal';
import { addDays, today } from '../common/dates';
import type { HubServices } from '../services';
import {
  CreditorClass,
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../subgraphs/records/enums';
import type { RecordInput } from '../subgraphs/records/findings/record.input';
import { EvaluationService } from '../subgraphs/records/monitoring/evaluation.service';
import { periodOf, previousPeriod } from '../subgraphs/records/monitoring/period';
import { SubjectKind } from '../common/subject-kind';
import { DEMO_CITY, demoCounty, type DemoSubjects } from './demo-subjects';
import { demoPushers, findingsLike, submitDemoFindings } from './demo/push';

type Period = { start: string };

/** A day of a period, counted from its first day. */
const on = (period: Period, day: number) => addDays(period.start, day);

/** Government-only general penalties unless a finding says otherwise. */
const finding = findingsLike({
  nature: RecordNature.DISHONESTY,
  category: C.ADMINISTRATIVE_PENALTY,
  domain: D.GENERAL,
  severity: Severity.GENERAL,
  disclosure: Disclosure.GOVERNMENT,
});

/** Findings of the credit office: commended 亭湖 and the city finance bureau, 滨海's repeated findings. */
function officeFindings(named: DemoSubjects, last: Period, before: Period): RecordInput[] {
  const county = (region: string) => demoCounty(named, region);
  return [
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
  ];
}

/** Lawsuits lost by 阜宁's government and the city housing bureau. */
function courtFindings(named: DemoSubjects, last: Period): RecordInput[] {
  return [
    finding('JC-DEMO-10', demoCounty(named, '320923').government, '行政诉讼败诉（征收决定被撤销）', on(last, 35), {
      category: C.LITIGATION_LOST,
      decidingAuthorityCode: named.court.code,
    }),
    finding('JC-DEMO-11', named.housing, '行政诉讼败诉（信息公开）', on(last, 50), {
      category: C.LITIGATION_LOST,
      decidingAuthorityCode: named.court.code,
    }),
  ];
}

/** 阜宁's arrears (the DEBT_RISK warning). */
function debtFindings(named: DemoSubjects, last: Period): RecordInput[] {
  return [
    finding('JC-DEMO-12', demoCounty(named, '320923').government, '拖欠中小企业账款', on(last, 40), {
      category: C.ARREARS,
      domain: D.GOVERNMENT_DEBT,
      arrears: { amount: '1200000.00', creditorClass: CreditorClass.SUPPLIER, dueOn: on(last, 10) },
    }),
  ];
}

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
  const pushers = demoPushers(named);
  const batches: [Principal, RecordInput[]][] = [
    [pushers.creditOffice, officeFindings(named, last, before)],
    [pushers.court, courtFindings(named, last)],
    [pushers.debt, debtFindings(named, last)],
  ];
  let records = 0;
  for (const [viewer, inputs] of batches) records += (await submitDemoFindings(services, now, viewer, inputs)).length;
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
  await new EvaluationService(
    em,
    demoPushers(named).creditOffice,
    now,
    services.evaluation,
    services.subjectDirectory(em),
    services.keys,
  ).publish(before.code, SubjectKind.GOVERNMENT, DEMO_CITY.slice(0, 4));
}
