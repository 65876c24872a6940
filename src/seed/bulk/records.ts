import { SubjectKind } from '../../common/subject-kind';
import { Disclosure, RecordCategory, RecordNature, Severity, type RecordDomain } from '../../subgraphs/records/enums';
import { publicityTerms, type PublicityTerms } from '../../subgraphs/records/policy/publicity';
import { recordContentHash } from './content-hash';
import type { Hierarchy, Unit } from './geography';
import type { Offenders } from './offenders';
import type { Prng, WeightedTable } from './prng';
import { BULK_SOURCES, type Authority, type RecordTemplate } from './record-templates';
import type { GeneratorOptions, RecordRow } from './rows';
import { HISTORY_DAYS } from './shares';

/** Serious dishonesty records of organizations (the candidates for listings), as compact columns. */
export interface SeriousFindings {
  offender: number[];
  id: number[];
  offset: number[];
  title: string[];
  category: RecordCategory[];
  domain: RecordDomain[];
  until: string[];
}

/** What making record rows shares: the records' PRNG, the subjects made, the days of the history. */
export interface RecordMaking {
  options: GeneratorOptions;
  prng: Prng;
  hierarchy: Hierarchy;
  offenders: Offenders;
  /** Today and the HISTORY_DAYS before it, by offset. */
  dates: string[];
  windows: Map<string, (PublicityTerms | undefined)[]>;
  serious: SeriousFindings;
}

export type TemplateTables = Map<SubjectKind, WeightedTable<RecordTemplate>>;

const DETAIL_ENDINGS = [
  '经核查属实，责令限期整改。',
  '已于规定期限内完成整改。',
  '逾期未履行，已移送有关部门依法处理。',
  '当事人提出异议，经复核维持原认定。',
  '相关责任人已按干部管理权限处理。',
  '已纳入信用记录并推送联合奖惩系统。',
];

const AUTHORITY_ABBR: Record<Authority, string> = {
  orgDept: '组',
  discipline: '纪',
  court: '法',
  creditOffice: '发改',
  finance: '财',
  housing: '住建',
  commerce: '商',
  statistics: '统',
  environment: '环',
  market: '市监',
  tradingCenter: '公管',
};

function disclosureOf(r: number, person: boolean, honor: boolean): Disclosure {
  if (person) return r < 0.55 ? Disclosure.RESTRICTED : Disclosure.GOVERNMENT;
  if (honor) return r < 0.9 ? Disclosure.PUBLIC : Disclosure.GOVERNMENT;
  return r < 0.78 ? Disclosure.PUBLIC : r < 0.96 ? Disclosure.GOVERNMENT : Disclosure.RESTRICTED;
}

function documentNo(prng: Prng, template: RecordTemplate, unit: Unit, year: string): string | null {
  const n = prng.int(1, template.document === 'court' ? 9999 : 300);
  switch (template.document) {
    case 'court': {
      const court = unit.region.slice(2, 4) + (unit.level === 'county' ? unit.region.slice(4, 6) : '');
      return `（${year}）${unit.provinceAbbr}${court}${prng.pick(template.courtType ?? ['民初'])}${n}号`;
    }
    case 'penalty':
      return `${unit.docAbbr}${AUTHORITY_ABBR[template.authority]}罚〔${year}〕${n}号`;
    case 'decision':
      return prng.chance(0.7) ? `${unit.docAbbr}${AUTHORITY_ABBR[template.authority]}〔${year}〕${n}号` : null;
    case 'discipline':
      return prng.chance(0.5) ? `${unit.docAbbr}纪处〔${year}〕${n}号` : null;
    default:
      return null;
  }
}

/** Civil servants named responsible for a department's or government's finding (none, one or two), sorted. */
function responsibleFor(m: RecordMaking, kind: SubjectKind, offender: number, unit: Unit): string[] {
  if (kind !== SubjectKind.DEPARTMENT && kind !== SubjectKind.GOVERNMENT) return [];
  const prng = m.prng;
  const h = m.hierarchy;
  if (!prng.chance(kind === SubjectKind.DEPARTMENT ? 0.35 : 0.15)) return [];
  const dept = m.offenders.dept[offender]!;
  let start = unit.servantStart;
  let count = unit.servantCount;
  if (dept >= 0 && h.deptServantCount[dept]! > 0) {
    start = h.deptServantStart[dept]!;
    count = h.deptServantCount[dept]!;
  }
  if (count <= 0) return [];
  const first = start + Math.floor(prng.next() * count);
  const responsible = [h.servantKeys[first]!];
  if (count > 1 && prng.chance(0.35)) {
    const second = start + ((first - start + 1 + Math.floor(prng.next() * (count - 1))) % count);
    responsible.push(h.servantKeys[second]!);
  }
  return responsible.sort();
}

/** publicityTerms() of the policy, cached per category, severity and decision day. */
function windowOf(
  m: RecordMaking,
  template: RecordTemplate,
  nature: RecordNature,
  severity: Severity,
  offset: number,
): PublicityTerms {
  const cacheKey = `${template.category}|${severity}`;
  let byDay = m.windows.get(cacheKey);
  if (!byDay) {
    byDay = new Array<PublicityTerms | undefined>(m.dates.length);
    m.windows.set(cacheKey, byDay);
  }
  let window = byDay[offset];
  if (!window) {
    window = publicityTerms(
      { nature, severity, category: template.category, decidedAt: m.dates[offset]! },
      m.options.policy,
    );
    byDay[offset] = window;
  }
  return window;
}

function noteSerious(m: RecordMaking, offender: number, record: RecordRow, offset: number): void {
  const c = m.serious;
  c.offender.push(offender);
  c.id.push(record.id);
  c.offset.push(offset);
  c.title.push(record.title);
  c.category.push(record.category);
  c.domain.push(record.domain);
  c.until.push(record.publicUntil);
}

/** The record's fields as drawn, in the order the draws are made (the PRNG sequence is the data). */
function drawFields(m: RecordMaking, offender: number, tables: TemplateTables) {
  const prng = m.prng;
  const kind = m.offenders.kindOf(offender);
  const unit = m.hierarchy.units[m.offenders.unit[offender]!]!;
  const template = tables.get(kind)!.draw(prng);
  const honor = template.category === RecordCategory.COMMENDATION;
  const nature = honor ? RecordNature.HONOR : RecordNature.DISHONESTY;
  const severity = !honor && prng.chance(template.serious) ? Severity.SERIOUS : Severity.GENERAL;
  const domain = template.domains.length === 1 ? template.domains[0]! : prng.pick(template.domains);
  const offset = Math.floor(HISTORY_DAYS * prng.next() ** 1.15);
  const decidedAt = m.dates[offset]!;
  const year = decidedAt.slice(0, 4);
  const person = kind === SubjectKind.PUBLIC_SERVANT;
  const disclosure = disclosureOf(prng.next(), person, honor);
  const tolerated = !honor && kind !== SubjectKind.ENTERPRISE && prng.chance(person ? 0.01 : 0.03);
  const title = prng.pick(template.titles);
  const details = prng.chance(0.6) ? `${title}。${prng.pick(DETAIL_ENDINGS)}` : null;
  const legalBasis = template.legalBasis.length > 0 && prng.chance(0.85) ? prng.pick(template.legalBasis) : null;
  const docNo = documentNo(prng, template, unit, year);
  const authority = unit.authority[template.authority] ?? null;
  const decidingAuthorityCode = authority && prng.chance(0.92) ? authority : null;
  const responsible = honor ? [] : responsibleFor(m, kind, offender, unit);
  const fields = { nature, category: template.category, domain, severity, title, details, legalBasis };
  return {
    template,
    offset,
    year,
    person,
    ...fields,
    documentNo: docNo,
    decidedAt,
    decidingAuthorityCode,
    disclosure,
    tolerated,
    responsible,
  };
}

type DrawnFields = ReturnType<typeof drawFields>;

/** The fields a submission hashes (record.service.ts row()), responsible persons included. */
function hashOf(f: DrawnFields, subjectKey: string, externalId: string): string {
  return recordContentHash({
    subject_key: subjectKey,
    external_id: externalId,
    nature: f.nature,
    category: f.category,
    domain: f.domain,
    severity: f.severity,
    title: f.title,
    details: f.details,
    legal_basis: f.legalBasis,
    document_no: f.documentNo,
    decided_at: f.decidedAt,
    deciding_authority_code: f.decidingAuthorityCode,
    disclosure: f.disclosure,
    tolerated: f.tolerated,
    responsible: f.responsible,
  });
}

/** The record with this id about the offender (the offender's index among those that carry records). */
export function recordRow(m: RecordMaking, id: number, offender: number, tables: TemplateTables): RecordRow {
  const f = drawFields(m, offender, tables);
  const source = BULK_SOURCES[f.template.role]!;
  const externalId = `${source.prefix}-${f.year}-${id}`;
  const subjectKey = m.offenders.key[offender]!;
  const window = windowOf(m, f.template, f.nature, f.severity, f.offset);
  const row: RecordRow = {
    id,
    subjectKey,
    subjectRegion: m.offenders.region[offender]!,
    sourceSystem: source.system,
    sourceRole: f.template.role,
    externalId,
    nature: f.nature,
    category: f.category,
    domain: f.domain,
    severity: f.severity,
    title: f.title,
    details: f.details,
    legalBasis: f.legalBasis,
    documentNo: f.documentNo,
    decidedAt: f.decidedAt,
    decidingAuthorityCode: f.decidingAuthorityCode,
    disclosure: f.disclosure,
    tolerated: f.tolerated,
    publicUntil: window.until,
    repairableFrom: window.repairableFrom,
    usableUntil: window.usableUntil,
    policyVersion: m.options.policy.version,
    contentHash: hashOf(f, subjectKey, externalId),
    responsible: f.responsible,
  };
  if (f.severity === Severity.SERIOUS && !f.tolerated && !f.person) noteSerious(m, offender, row, f.offset);
  return row;
}
