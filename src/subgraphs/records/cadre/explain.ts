import { ASSESSMENT_GRADE_NAMES, type AssessmentGrade } from '../../../common/assessment-grade';
import { bilingual, type Bilingual } from '../../../common/language';
import { SanctionKind } from '../enums';
import type { WeighedMeasure } from '../policy/appointment-rules';

const SANCTION_NAMES: Record<SanctionKind, string> = {
  [SanctionKind.WARNING]: '警告',
  [SanctionKind.DEMERIT]: '记过',
  [SanctionKind.MAJOR_DEMERIT]: '记大过',
  [SanctionKind.DEMOTION]: '降级',
  [SanctionKind.DISMISSAL_FROM_POST]: '撤职',
  [SanctionKind.EXPULSION]: '开除',
};

/** The words of each reason of a pre-appointment verdict. */
export const explain = {
  sanction: (kind: SanctionKind, until: string | null): Bilingual =>
    bilingual(
      `${SANCTION_NAMES[kind]}处分，处分期间${until ? `至 ${until}` : '无期限'}`,
      `${kind.toLowerCase()} sanction in effect ${until ? `until ${until}` : 'without end'}`,
    ),
  serious: (title: string): Bilingual =>
    bilingual(`有效期内的严重失信记录：${title}`, `serious dishonesty record in force: ${title}`),
  measure: (kind: WeighedMeasure): Bilingual =>
    kind === 'PROMOTION_RESTRICTION'
      ? bilingual('联合惩戒：限制晋升和表彰奖励', 'joint measure: restriction of promotion and awards')
      : bilingual('联合惩戒：取消评优评先资格', 'joint measure: disqualification from honours'),
  grade: (grade: AssessmentGrade): Bilingual =>
    bilingual(
      `近三年年度考核有“${ASSESSMENT_GRADE_NAMES[grade]}”等次`,
      `an annual assessment of the last three: ${grade.toLowerCase()}`,
    ),
  commitment: (title: string): Bilingual => bilingual(`承诺未践行：${title}`, `commitment breached: ${title}`),
};
