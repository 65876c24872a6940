import { maySeePersonStanding } from '../../../auth/conditions';
import type { AssessmentGrade } from '../../../common/assessment-grade';
import { inLanguage, type Bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { Disclosure } from '../enums';
import { toSanction } from '../findings/archive-records.resolver';
import {
  AppointmentReasonKind as R,
  AppointmentVerdict,
  heaviest,
  weigh,
  WEIGHED_MEASURES,
  type CandidateFact,
  type WeighedMeasure,
} from '../policy/appointment-rules';
import { CommitmentState } from '../workflows/commitments/commitment.entity';
import { AppointmentReason, type AppointmentCandidateStub, type Judgement } from './candidate.types';
import { explain } from './explain';

const heaviness = (verdict: AppointmentVerdict) => (verdict === AppointmentVerdict.RESTRICTED ? 1 : 0);

/** A fact, what the reason citing it says, and whether the caller may be told (else it is only counted). */
interface Weighed {
  fact: CandidateFact;
  words: Bilingual;
  disclosed: boolean;
  cite: Partial<AppointmentReason>;
  /** A RESTRICTED item released by citing it, for the access log. */
  restricted?: { subjectKey: string; field: string };
}

/** Everything the records subgraph knows about the person, as facts; one statement per kind for every candidate. */
async function factsOf(ctx: RecordsContext, candidate: AppointmentCandidateStub): Promise<Weighed[]> {
  const key = candidate.personKey;
  const [person, sanctions, serious, measures, commitments] = await Promise.all([
    ctx.records.loaders.persons.load(key),
    ctx.records.loaders.sanctionsNaming.load(key),
    ctx.cadre.seriousNaming.load(key),
    ctx.cadre.measuresAgainst.load(key),
    ctx.cadre.commitmentsOf.load(key),
  ]);
  // The file's readers (the audience of IntegrityArchive.sanctions) are told sanctions, measures, grades, commitments.
  const reader = !!person && maySeePersonStanding(ctx.viewer, ctx.records.selfKey, person);
  const today = ctx.records.today;
  return [
    ...sanctions
      .map((row) => toSanction(row, today, ctx))
      .filter((s) => s.inEffect)
      .map((s) => ({
        fact: { reason: R.SANCTION_IN_EFFECT, sanctionKind: s.kind },
        words: explain.sanction(s.kind, s.effectiveUntil),
        disclosed: reader,
        cite: { sanction: s },
        restricted:
          s.disclosure === Disclosure.RESTRICTED
            ? { subjectKey: s.subjectKey, field: `sanction:${s.recordId}` }
            : undefined,
      })),
    ...serious.map((row) => ({
      fact: { reason: R.SERIOUS_RECORD },
      words: explain.serious(row.title),
      disclosed: row.visible,
      cite: { recordId: row.id },
      restricted:
        row.disclosure === Disclosure.RESTRICTED
          ? { subjectKey: row.subject_key, field: `record:${row.id}` }
          : undefined,
    })),
    ...measures
      .filter((m) => (WEIGHED_MEASURES as readonly string[]).includes(m.kind))
      .map((m) => ({
        fact: { reason: R.MEASURE_IN_FORCE, measureKind: m.kind as WeighedMeasure },
        words: explain.measure(m.kind as WeighedMeasure),
        disclosed: reader,
        cite: { measure: m },
      })),
    ...candidate.recentGrades.map((grade: AssessmentGrade) => ({
      fact: { reason: R.ASSESSMENT_GRADE, grade },
      words: explain.grade(grade),
      disclosed: reader,
      cite: { grade },
    })),
    ...commitments
      .filter((c) => c.state === CommitmentState.BREACHED)
      .map((c) => ({
        fact: { reason: R.COMMITMENT_BREACHED },
        words: explain.commitment(c.title),
        disclosed: reader,
        cite: { commitment: c },
      })),
  ];
}

/**
 * The verdict on a candidate for its purpose (policy/appointment-rules.ts), over every fact —
 * an aggregate released to whoever may check the person (cadre/rules.ts) — and the reasons
 * it tells that caller: each cites only what the caller may see of it (the file's readers:
 * sanctions, measures, grades, commitments; recordVisibility: serious records); the others
 * are one number. Citing a RESTRICTED record or sanction is noted for the access log.
 */
export async function judge(ctx: RecordsContext, candidate: AppointmentCandidateStub): Promise<Judgement> {
  const policy = ctx.records.policy.appointmentCheck;
  const weighed = (await factsOf(ctx, candidate)).flatMap((item) => {
    const weight = weigh(item.fact, candidate.purpose, policy);
    return weight ? [{ ...item, weight }] : [];
  });
  // Heaviest first (a stable sort: within a weight, sanctions, records, measures, grades, commitments).
  const told = weighed.filter((item) => item.disclosed).sort((a, b) => heaviness(b.weight) - heaviness(a.weight));
  for (const { restricted } of told.filter((item) => item.restricted))
    ctx.audit.note({
      resource: 'RESTRICTED_RECORD',
      subjectKey: restricted!.subjectKey,
      fields: [restricted!.field],
      outcome: 'GRANTED',
    });
  return {
    verdict: heaviest(weighed.map((item) => item.weight)),
    reasons: told.map((item) =>
      Object.assign(new AppointmentReason(), {
        kind: item.fact.reason,
        weight: item.weight,
        explanation: inLanguage(item.words, ctx.language),
        sanction: null,
        recordId: null,
        measure: null,
        grade: null,
        commitment: null,
        ...item.cite,
      }),
    ),
    undisclosedReasonCount: weighed.length - told.length,
  };
}
