import { rule } from 'graphql-shield';
import { mayCheckCandidate } from '../../../auth/conditions';
import { ForbiddenError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { RecordsContext } from '../context';
import { fileReadersOnly } from '../status/rules';
import type { AppointmentCandidateStub } from './candidate.types';

/** Named abilities of what the records subgraph contributes to cadre decisions. */

/**
 * A candidate's verdict: whoever may check the person for that purpose
 * (conditions.APPOINTMENT_CHECK_CONDITIONS), decided again here on the registry's facts, so the
 * entity is no back door; the archives subgraph hands over only the rows it granted (and logged).
 */
export const canCheckCandidate = rule('canCheckCandidate', { cache: 'strict' })(async (
  candidate: AppointmentCandidateStub,
  _args,
  ctx: RecordsContext,
) => {
  const person = await ctx.records.loaders.persons.load(candidate.personKey);
  return (
    mayCheckCandidate(ctx.viewer, ctx.records.selfKey, candidate.purpose, person) ||
    new ForbiddenError(bilingual('无权核查该人员', 'not entitled to check this person'))
  );
});

/** IntegrityArchive.commitments and .jointMeasures: the readers of the person's file, like its sanctions. */
export const canReadFileWorkflows = fileReadersOnly(
  'canReadFileWorkflows',
  bilingual('无权查看该人员的承诺和联合奖惩措施', 'not entitled to this person’s commitments and measures'),
);
