import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { AppointmentPurpose } from '../../common/appointment-purpose';
import { checkCandidates, MAX_APPOINTMENT_CHECK } from './appointment';
import { AppointmentCheckResult } from './appointment.types';
import type { ArchivesContext } from './context';
import { checkPurpose } from './rules';

/** The pre-appointment check of many candidates (issue #16 item 2; docs/archives.md). */
@Resolver()
export class AppointmentCheckResolver {
  @Query(() => [AppointmentCheckResult], {
    description:
      `Checks up to ${MAX_APPOINTMENT_CHECK} persons before a cadre decision (干部任用、晋升、评优评先、录用、调任): one row per code, in input order, ` +
      'with a verdict (CLEAR, ATTENTION, RESTRICTED) and its reasons. PROMOTION, APPOINTMENT and HONOUR check the persons your organization ' +
      'department manages; RECRUITMENT and TRANSFER any candidate, registered or not (answered from the records naming the ID number). ' +
      'One access-log entry per person, with the purpose and the note.',
  })
  appointmentCheck(
    @Ctx() ctx: ArchivesContext,
    @Arg('personCodes', () => [String], { description: 'Resident ID numbers of the candidates.' })
    personCodes: string[],
    @Arg('purpose', () => AppointmentPurpose, { description: 'The cadre decision the check is for.' })
    purpose: AppointmentPurpose,
    @Arg('note', { description: 'Why, in words (the round, the post); logged with the purpose.' }) note: string,
  ): Promise<AppointmentCheckResult[]> {
    return checkCandidates(ctx, personCodes, purpose, checkPurpose(note, 'note'));
  }
}
