import { makePrincipal, type Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { today } from '../common/dates';
import type { HubServices } from '../services';
import type { ArchiveEntryInput } from '../subgraphs/archives/archive.input';
import { ArchiveRecording } from '../subgraphs/archives/archive.service';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../subgraphs/archives/enums';
import type { DemoSubjects } from './demo-subjects';

type Person = DemoSubjects['people'][number];

const GRADES = [G.EXCELLENT, G.COMPETENT, G.COMPETENT, G.BASICALLY_COMPETENT, G.COMPETENT];

/** The yearly entries of person `i` for `year`: the assessment, and for 李明 (i = 1) the personal-matters report. */
function yearlyEntries(person: Person, i: number, y: number, now: string): ArchiveEntryInput[] {
  const year = Number(now.slice(0, 4)) - y;
  // Dates early in the next year must not lie in the future when the demo is loaded in January.
  const notAfterToday = (date: string) => (date > now ? now : date);
  const assessment: ArchiveEntryInput = {
    externalId: `KH-${i}-${year}`,
    personCode: person.code,
    kind: K.ANNUAL_ASSESSMENT,
    year,
    title: `${year}年度考核`,
    grade: GRADES[(i + y) % GRADES.length],
    occurredOn: notAfterToday(`${year + 1}-01-20`),
  };
  if (i !== 1) return [assessment];
  const report: ArchiveEntryInput = {
    externalId: `SX-${i}-${year}`,
    personCode: person.code,
    kind: K.PERSONAL_MATTERS_REPORT,
    year,
    title: `${year}年个人有关事项报告`,
    content: '本人婚姻、房产、投资及配偶子女从业情况如实报告。',
    occurredOn: notAfterToday(`${year + 1}-03-01`),
  };
  return [assessment, report];
}

/** Last year's integrity training and pledge, which every demo civil servant has. */
function lastYearEntries(person: Person, i: number, thisYear: number): ArchiveEntryInput[] {
  return [
    {
      externalId: `PX-${i}`,
      personCode: person.code,
      kind: K.INTEGRITY_TRAINING,
      year: thisYear - 1,
      title: '政务诚信专题培训（8学时）',
      occurredOn: `${thisYear - 1}-09-15`,
    },
    {
      externalId: `CN-${i}`,
      personCode: person.code,
      kind: K.PLEDGE,
      year: thisYear - 1,
      title: '领导干部诚信承诺书',
      content: '依法行政、诚实守信、不违规干预市场活动。',
      occurredOn: `${thisYear - 1}-02-10`,
    },
  ];
}

/**
 * What the organization departments record, grouped by the department managing each person
 * (in the order people and entries come): eight years of 李明 (people[1]), three of the
 * others, and 张建国's (people[0]) commendation.
 */
function orgDeptEntries(named: DemoSubjects, now: string): Map<string, ArchiveEntryInput[]> {
  const thisYear = Number(now.slice(0, 4));
  const byOrgDept = new Map<string, ArchiveEntryInput[]>();
  const add = (person: Person, entries: ArchiveEntryInput[]) =>
    byOrgDept.set(person.managedByCode!, [...(byOrgDept.get(person.managedByCode!) ?? []), ...entries]);
  named.people.forEach((person, i) => {
    const years = i === 1 ? 8 : 3;
    for (let y = 1; y <= years; y += 1) add(person, yearlyEntries(person, i, y, now));
    add(person, lastYearEntries(person, i, thisYear));
  });
  add(named.people[0], [
    {
      externalId: 'BZ-0',
      personCode: named.people[0].code,
      kind: K.COMMENDATION,
      year: thisYear - 2,
      title: '全市优秀公务员',
      occurredOn: `${thisYear - 2}-12-28`,
    },
  ]);
  return byOrgDept;
}

/** What discipline inspection records of 李明 (people[1]): the sanction of JW-2026-031 and a clean-government file. */
function disciplineEntries(person: Person, now: string): ArchiveEntryInput[] {
  const thisYear = Number(now.slice(0, 4));
  return [
    {
      externalId: 'JW-DA-2026-031',
      personCode: person.code,
      kind: K.DISCIPLINARY_ACTION,
      year: thisYear,
      title: '政务记过处分',
      content: '违规干预工程招投标。',
      occurredOn: now,
    },
    {
      externalId: 'JW-LZ-1',
      personCode: person.code,
      kind: K.CLEAN_GOVERNMENT_RECORD,
      year: thisYear - 1,
      title: '廉政档案（年度）',
      content: '未发现违反廉洁纪律问题。',
      occurredOn: `${thisYear - 1}-12-31`,
    },
  ];
}

async function recordEntries(
  services: HubServices,
  now: string,
  viewer: Principal,
  entries: ArchiveEntryInput[],
): Promise<number> {
  const em = services.orm.em.fork();
  return (await new ArchiveRecording(em, services.subjectDirectory(em), services.keys, now).record(viewer, entries))
    .length;
}

/**
 * Integrity files for the demo civil servants, recorded as the organization departments
 * and discipline inspection would record them (validated, idempotent). 李明 (people[1]) has a
 * full file of about twenty entries, the others a few each.
 */
export async function loadDemoArchives(services: HubServices, named: DemoSubjects): Promise<number> {
  const now = today();
  let count = 0;
  for (const [orgDept, entries] of orgDeptEntries(named, now)) {
    const viewer = makePrincipal({ sub: 'demo-org-dept', role: Role.ORG_DEPT, region: '320900', org: orgDept });
    count += await recordEntries(services, now, viewer, entries);
  }
  const discipline = makePrincipal({
    sub: 'yancheng-discipline',
    role: Role.DISCIPLINE,
    region: '320900',
    org: named.discipline.code,
  });
  count += await recordEntries(services, now, discipline, disciplineEntries(named.people[1], now));
  return count;
}
