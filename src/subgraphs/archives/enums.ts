import { registerEnumType } from 'type-graphql';

/** Kinds of integrity-file entry (诚信档案). */
export enum ArchiveEntryKind {
  PERSONAL_MATTERS_REPORT = 'PERSONAL_MATTERS_REPORT',
  CLEAN_GOVERNMENT_RECORD = 'CLEAN_GOVERNMENT_RECORD',
  ANNUAL_ASSESSMENT = 'ANNUAL_ASSESSMENT',
  DISCIPLINARY_ACTION = 'DISCIPLINARY_ACTION',
  COMMENDATION = 'COMMENDATION',
  INTEGRITY_TRAINING = 'INTEGRITY_TRAINING',
  PLEDGE = 'PLEDGE',
}

// Shared with the records subgraph (appointment verdicts weigh the grades): one enum federation merges.
export { AssessmentGrade } from '../../common/assessment-grade';

registerEnumType(ArchiveEntryKind, {
  name: 'ArchiveEntryKind',
  description: 'Kind of integrity-file entry.',
  valuesConfig: {
    PERSONAL_MATTERS_REPORT: {
      description: '个人有关事项报告 (contents restricted to the managing organization department and the person).',
    },
    CLEAN_GOVERNMENT_RECORD: { description: '廉政记录.' },
    ANNUAL_ASSESSMENT: { description: '年度考核: one per person per year, with a grade.' },
    DISCIPLINARY_ACTION: { description: '违法违纪 / 处分.' },
    COMMENDATION: { description: '表彰奖励.' },
    INTEGRITY_TRAINING: { description: '诚信教育培训.' },
    PLEDGE: { description: '诚信承诺.' },
  },
});
