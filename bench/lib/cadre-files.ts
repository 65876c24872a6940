/**
 * The archive scenario's cadres and what is on file about them: an organization department of
 * the bench region and the cadres it manages, each with an integrity file of ENTRIES_PER_CADRE
 * entries and a few dishonesty records naming them. Deterministic (no seed involved).
 */
import { addDays } from '../../src/common/dates';
import { makeResidentId, makeUscc } from '../../src/identity';
import type { ArchiveEntryInput } from '../../src/subgraphs/archives/archive.input';
import { ArchiveEntryKind as K, AssessmentGrade as G } from '../../src/subgraphs/archives/enums';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';
import {
  Disclosure,
  RecordCategory as C,
  RecordDomain as D,
  RecordNature,
  Severity,
} from '../../src/subgraphs/records/enums';
import { ARCHIVE_BODY_BASE, YANCHENG } from './identities';

export const ENTRIES_PER_CADRE = 20;
/** The organization department that reads (and manages) the cadres: 盐城市委组织部 of the benchmark. */
export const BENCH_ORG_DEPT_CODE = makeUscc('11', '320900', String(ARCHIVE_BODY_BASE));
export const BENCH_DISCIPLINE_CODE = makeUscc('11', '320900', String(ARCHIVE_BODY_BASE + 1));
export const ARCHIVE_UNITS = ['市发展和改革委员会', '市住房和城乡建设局', '市财政局', '市交通运输局'].map(
  (name, u) => ({
    name: `基准测试${name}`,
    code: makeUscc('11', '320900', String(ARCHIVE_BODY_BASE + 2 + u)),
  }),
);

/**
 * The i-th cadre's resident ID number: born 1950-1958 (no seeder draws those years) with a
 * sequence from 900 up, in the counties of 盐城.
 */
export function archiveCadreCode(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return makeResidentId(YANCHENG[i % YANCHENG.length], birth, 900 + (Math.floor(i / 3000) % 100));
}

export function archiveCadreCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => archiveCadreCode(i));
}

type Entry = (
  kind: K,
  year: number,
  title: string,
  occurredOn: string,
  extra?: Partial<ArchiveEntryInput>,
) => ArchiveEntryInput;

/** Entries of the i-th cadre, numbered in the order they are made. */
function entryMaker(i: number): Entry {
  const code = archiveCadreCode(i);
  let j = 0;
  return (kind, year, title, occurredOn, extra = {}) => ({
    externalId: `BENCH-ARCHIVE-${i}-${j++}`,
    personCode: code,
    kind,
    year,
    title,
    occurredOn,
    content: null,
    grade: null,
    ...extra,
  });
}

const GRADES = [G.COMPETENT, G.EXCELLENT, G.COMPETENT, G.COMPETENT, G.BASICALLY_COMPETENT, G.COMPETENT, G.EXCELLENT];

/** 17 entries: 10 annual assessments, 3 personal-matters reports, 2 trainings, a pledge, a commendation. */
function orgDeptEntries(entry: Entry, i: number, lastYear: number): ArchiveEntryInput[] {
  const orgDept: ArchiveEntryInput[] = [];
  for (let y = 0; y < 10; y += 1) {
    const year = lastYear - y;
    const on = `${year}-12-${String(10 + (i % 18)).padStart(2, '0')}`;
    orgDept.push(entry(K.ANNUAL_ASSESSMENT, year, `${year}年度考核`, on, { grade: GRADES[(i + y) % GRADES.length] }));
  }
  for (let y = 0; y < 3; y += 1) {
    const year = lastYear - y;
    const on = `${year}-03-${String(1 + (i % 28)).padStart(2, '0')}`;
    const content = '本人婚姻、房产、投资及配偶子女从业情况如实报告。';
    orgDept.push(entry(K.PERSONAL_MATTERS_REPORT, year, `${year}年个人有关事项报告`, on, { content }));
  }
  orgDept.push(entry(K.INTEGRITY_TRAINING, lastYear, '政务诚信专题培训（8学时）', `${lastYear}-09-15`));
  orgDept.push(entry(K.INTEGRITY_TRAINING, lastYear - 2, '廉洁从政专题培训（4学时）', `${lastYear - 2}-05-20`));
  orgDept.push(
    entry(K.PLEDGE, lastYear, '领导干部诚信承诺书', `${lastYear}-02-10`, {
      content: '依法行政、诚实守信、不违规干预市场活动。',
    }),
  );
  orgDept.push(entry(K.COMMENDATION, lastYear - 1 - (i % 5), '全市优秀公务员', `${lastYear - 1 - (i % 5)}-12-28`));
  return orgDept;
}

/** 3 entries by discipline inspection: clean-government records, for every fourth cadre a disciplinary action. */
function disciplineEntries(entry: Entry, i: number, lastYear: number): ArchiveEntryInput[] {
  const clean = { content: '未发现违反廉洁纪律问题。' };
  return [
    entry(K.CLEAN_GOVERNMENT_RECORD, lastYear, '廉政档案（年度）', `${lastYear}-12-31`, clean),
    entry(K.CLEAN_GOVERNMENT_RECORD, lastYear - 1, '廉政档案（年度）', `${lastYear - 1}-12-31`, clean),
    i % 4 === 3
      ? entry(K.DISCIPLINARY_ACTION, lastYear - 2, '政务警告处分', `${lastYear - 2}-07-08`, {
          content: '违规干预工程招投标。',
        })
      : entry(K.CLEAN_GOVERNMENT_RECORD, lastYear - 2, '廉政档案（年度）', `${lastYear - 2}-12-31`, clean),
  ];
}

/** The i-th cadre's file: 17 entries by the organization department, 3 by discipline inspection. */
export function cadreEntries(
  i: number,
  day: string,
): { orgDept: ArchiveEntryInput[]; discipline: ArchiveEntryInput[] } {
  const lastYear = Number(day.slice(0, 4)) - 1;
  const entry = entryMaker(i);
  const orgDept = orgDeptEntries(entry, i, lastYear);
  return { orgDept, discipline: disciplineEntries(entry, i, lastYear) };
}

type RecordBase = Pick<
  RecordInput,
  'subject' | 'nature' | 'domain' | 'details' | 'legalBasis' | 'responsiblePersonCodes' | 'tolerated'
>;

/** Decisions about the cadre: a GOVERNMENT sanction, a RESTRICTED accountability decision, a RESTRICTED sanction. */
function decisionsAbout(i: number, day: string, base: RecordBase): RecordInput[] {
  const discipline: RecordInput[] = [];
  if (i % 4 >= 1) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-0`,
      category: C.DISCIPLINARY_SANCTION,
      severity: Severity.GENERAL,
      title: '党内警告处分',
      documentNo: `盐纪处〔${day.slice(0, 4)}〕${i}号`,
      decidedAt: addDays(day, -(40 + (i % 200))),
      decidingAuthorityCode: BENCH_DISCIPLINE_CODE,
      disclosure: Disclosure.GOVERNMENT,
    });
  }
  if (i % 4 >= 2) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-1`,
      category: C.ACCOUNTABILITY,
      severity: Severity.GENERAL,
      title: '组织处理：诫勉',
      documentNo: null,
      decidedAt: addDays(day, -(90 + (i % 300))),
      decidingAuthorityCode: BENCH_ORG_DEPT_CODE,
      disclosure: Disclosure.RESTRICTED,
    });
  }
  if (i % 4 === 3) {
    discipline.push({
      ...base,
      externalId: `BENCH-ARCHIVE-R-${i}-2`,
      category: C.DISCIPLINARY_SANCTION,
      severity: Severity.SERIOUS,
      title: '政务记过处分',
      documentNo: null,
      decidedAt: addDays(day, -(120 + (i % 300))),
      decidingAuthorityCode: BENCH_DISCIPLINE_CODE,
      disclosure: Disclosure.RESTRICTED,
    });
  }
  return discipline;
}

/** For every third cadre: a PUBLIC penalty of the cadre's unit naming the cadre (and the next) responsible. */
function unitPenalty(i: number, cadres: number, day: string, base: RecordBase): RecordInput[] {
  if (i % 3 !== 0) return [];
  const code = archiveCadreCode(i);
  const unit = ARCHIVE_UNITS[i % ARCHIVE_UNITS.length];
  return [
    {
      ...base,
      externalId: `BENCH-ARCHIVE-U-${i}`,
      subject: { code: unit.code },
      category: C.ADMINISTRATIVE_PENALTY,
      severity: Severity.GENERAL,
      title: '违规发包工程被行政处罚',
      documentNo: `盐罚〔${day.slice(0, 4)}〕${i}号`,
      decidedAt: addDays(day, -(20 + (i % 150))),
      decidingAuthorityCode: null,
      disclosure: Disclosure.PUBLIC,
      responsiblePersonCodes: i + 1 < cadres ? [code, archiveCadreCode(i + 1)] : [code],
    },
  ];
}

/**
 * Dishonesty records naming the i-th cadre, by who pushes them. Of those about the cadre, the
 * reading department sees a GOVERNMENT sanction (in its jurisdiction) and a RESTRICTED
 * accountability decision it took itself, not a RESTRICTED sanction decided by discipline
 * inspection; a PUBLIC penalty of the cadre's unit names the cadre (and the next) responsible.
 */
export function cadreRecords(
  i: number,
  cadres: number,
  day: string,
): { discipline: RecordInput[]; creditOffice: RecordInput[] } {
  const base: RecordBase = {
    subject: { code: archiveCadreCode(i) },
    nature: RecordNature.DISHONESTY,
    domain: D.GENERAL,
    details: '基准测试生成的记录。',
    legalBasis: null,
    responsiblePersonCodes: null,
    tolerated: false,
  };
  return { discipline: decisionsAbout(i, day, base), creditOffice: unitPenalty(i, cadres, day, base) };
}
