import { mayCheckCandidate } from '../../auth/conditions';
import type { AppointmentPurpose } from '../../common/appointment-purpose';
import { InputError } from '../../common/errors';
import { bilingual, inLanguage } from '../../common/language';
import type { DirectoryEntry } from '../../common/subject-directory';
import { checkMessage, maskResidentId } from '../../identity';
import type { IdentifiedCode } from '../../identity/subject-keys';
import type { ArchiveEntry } from './archive-entry.entity';
import { AppointmentCandidate, AppointmentCheckResult, AppointmentRefusal } from './appointment.types';
import type { ArchivesContext } from './context';
import { archiveGrant } from './grants';

export const MAX_APPOINTMENT_CHECK = 200;

/** A code the check reads as a person: its look-up key (the keyed hash, never the number). */
function personKeyOf(code: IdentifiedCode): string | null {
  const at = code.types.indexOf('RESIDENT_ID');
  return at < 0 ? null : code.keys[at];
}

/** What a row echoes: organizations' codes as given, anything that reads as an ID number masked. */
function echo(code: IdentifiedCode): string {
  const person = code.types.includes('RESIDENT_ID') || (!code.check.valid && /^\d{17}[\dX]$/.test(code.normalized));
  return person ? maskResidentId(code.normalized) : code.normalized;
}

function row(ctx: ArchivesContext, index: number, code: IdentifiedCode, refusal: AppointmentRefusal | null) {
  return Object.assign(new AppointmentCheckResult(), {
    index,
    code: echo(code),
    valid: code.check.valid,
    problem: code.check.valid ? null : inLanguage(checkMessage(code.check), ctx.language),
    refusal,
    candidate: null,
  });
}

/**
 * appointmentCheck, the archives side: who may check whom (conditions.APPOINTMENT_CHECK_CONDITIONS),
 * the last three assessments, and one access-log entry per person with the typed purpose and the
 * note, granted or denied. Two statements for any number of codes (the registry look-up, the
 * assessments) besides the log; the verdict is the records subgraph's (cadre/).
 */
export async function checkCandidates(
  ctx: ArchivesContext,
  codes: string[],
  purpose: AppointmentPurpose,
  note: string,
): Promise<AppointmentCheckResult[]> {
  if (codes.length > MAX_APPOINTMENT_CHECK)
    throw new InputError(
      bilingual(`每次至多 ${MAX_APPOINTMENT_CHECK} 人`, `at most ${MAX_APPOINTMENT_CHECK} persons per call`),
      { field: 'personCodes' },
    );
  const identified = codes.map((code) => ctx.services.keys.identify(code));
  const keys = [...new Set(identified.map(personKeyOf).filter((key): key is string => key !== null))];
  const persons = new Map((keys.length ? await ctx.archives.directory.lookup(keys) : []).map((p) => [p.key, p]));
  const permitted = (key: string) =>
    mayCheckCandidate(ctx.viewer, ctx.archives.selfKey, purpose, persons.get(key) ?? null);
  const registered = keys.filter(permitted).flatMap((key) => (persons.has(key) ? [persons.get(key)!.id] : []));
  const assessments = await recentAssessments(ctx, registered);
  for (const key of keys)
    ctx.audit.note({
      resource: 'APPOINTMENT_CHECK',
      subjectKey: key,
      fields: ['appointmentCheck'],
      purpose: note,
      purposeKind: purpose,
      perSubject: true,
      outcome: permitted(key) ? 'GRANTED' : 'DENIED',
    });
  return identified.map((code, index) => {
    const key = personKeyOf(code);
    if (!code.check.valid) return row(ctx, index, code, AppointmentRefusal.INVALID_CODE);
    if (!key) return row(ctx, index, code, AppointmentRefusal.NOT_A_PERSON);
    if (!permitted(key)) return row(ctx, index, code, AppointmentRefusal.NOT_PERMITTED);
    return Object.assign(row(ctx, index, code, null), {
      candidate: candidate(ctx, key, purpose, persons.get(key) ?? null, assessments),
    });
  });
}

function candidate(
  ctx: ArchivesContext,
  key: string,
  purpose: AppointmentPurpose,
  person: DirectoryEntry | null,
  assessments: Map<string, ArchiveEntry[]>,
): AppointmentCandidate {
  const recent = person ? (assessments.get(person.id) ?? []) : [];
  return Object.assign(new AppointmentCandidate(), {
    personKey: key,
    purpose,
    recentGrades: recent.flatMap((entry) => (entry.grade ? [entry.grade] : [])),
    recentAssessments: recent,
    fileGrant: person ? archiveGrant(ctx.viewer, ctx.archives.selfKey, person) : null,
  });
}

async function recentAssessments(ctx: ArchivesContext, personIds: string[]): Promise<Map<string, ArchiveEntry[]>> {
  const byPerson = new Map<string, ArchiveEntry[]>();
  if (personIds.length === 0) return byPerson;
  for (const entry of await ctx.archives.repository.recentAssessments(personIds, 3))
    byPerson.set(String(entry.personId), [...(byPerson.get(String(entry.personId)) ?? []), entry]);
  return byPerson;
}
