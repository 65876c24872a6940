import { makePrincipal } from '../auth/principal';
import { Role } from '../auth/roles';
import { today } from '../common/dates';
import type { HubServices } from '../services';
import type { ArchiveEntryInput } from '../subgraphs/archives/archive.input';
import { ArchiveRecording } from '../subgraphs/archives/archive.service';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../subgraphs/archives/enums';
import type { DemoSubjects } from './demo-subjects';

/**
 * Integrity files for the demo civil servants, recorded as the organization departments
 * and discipline inspection would record them (validated, idempotent). 李明 (people[1]) has a
 * full file of about twenty entries, the others a few each.
 */
export async function loadDemoArchives(services: HubServices, named: DemoSubjects): Promise<number> {
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  // Dates early in the next year must not lie in the future when the demo is loaded in January.
  const notAfterToday = (date: string) => (date > now ? now : date);
  const grades = [G.EXCELLENT, G.COMPETENT, G.COMPETENT, G.BASICALLY_COMPETENT, G.COMPETENT];
  const orgDeptOf = (person: { managedByCode?: string | null }) => person.managedByCode!;
  const byOrgDept = new Map<string, ArchiveEntryInput[]>();
  const add = (orgDept: string, entry: ArchiveEntryInput) =>
    byOrgDept.set(orgDept, [...(byOrgDept.get(orgDept) ?? []), entry]);

  named.people.forEach((person, i) => {
    const years = i === 1 ? 8 : 3;
    for (let y = 1; y <= years; y += 1) {
      const year = thisYear - y;
      add(orgDeptOf(person), {
        externalId: `KH-${i}-${year}`,
        personCode: person.code,
        kind: K.ANNUAL_ASSESSMENT,
        year,
        title: `${year}年度考核`,
        grade: grades[(i + y) % grades.length],
        occurredOn: notAfterToday(`${year + 1}-01-20`),
      });
      if (i === 1) {
        add(orgDeptOf(person), {
          externalId: `SX-${i}-${year}`,
          personCode: person.code,
          kind: K.PERSONAL_MATTERS_REPORT,
          year,
          title: `${year}年个人有关事项报告`,
          content: '本人婚姻、房产、投资及配偶子女从业情况如实报告。',
          occurredOn: notAfterToday(`${year + 1}-03-01`),
        });
      }
    }
    add(orgDeptOf(person), {
      externalId: `PX-${i}`,
      personCode: person.code,
      kind: K.INTEGRITY_TRAINING,
      year: thisYear - 1,
      title: '政务诚信专题培训（8学时）',
      occurredOn: `${thisYear - 1}-09-15`,
    });
    add(orgDeptOf(person), {
      externalId: `CN-${i}`,
      personCode: person.code,
      kind: K.PLEDGE,
      year: thisYear - 1,
      title: '领导干部诚信承诺书',
      content: '依法行政、诚实守信、不违规干预市场活动。',
      occurredOn: `${thisYear - 1}-02-10`,
    });
  });
  add(orgDeptOf(named.people[0]), {
    externalId: 'BZ-0',
    personCode: named.people[0].code,
    kind: K.COMMENDATION,
    year: thisYear - 2,
    title: '全市优秀公务员',
    occurredOn: `${thisYear - 2}-12-28`,
  });

  let count = 0;
  for (const [orgDept, entries] of byOrgDept) {
    const viewer = makePrincipal({ sub: 'demo-org-dept', role: Role.ORG_DEPT, region: '320900', org: orgDept });
    const em = services.orm.em.fork();
    count += (await new ArchiveRecording(em, services.subjectDirectory(em), services.keys, now).record(viewer, entries))
      .length;
  }
  const discipline = makePrincipal({
    sub: 'yancheng-discipline',
    role: Role.DISCIPLINE,
    region: '320900',
    org: named.discipline.code,
  });
  const em = services.orm.em.fork();
  const person = named.people[1];
  count += (
    await new ArchiveRecording(em, services.subjectDirectory(em), services.keys, now).record(discipline, [
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
    ])
  ).length;
  return count;
}
