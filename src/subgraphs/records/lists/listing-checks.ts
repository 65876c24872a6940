import { addDays, addMonths, isIsoDate } from '../../../common/dates';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { RecordStatus, type RecordCategory, type RecordDomain, type Severity } from '../enums';
import { basisOf, meetsRequirement, type ListBasis, type ListRule } from './list-rules';
import type { ListingInput } from './listing.input';

/** What a listing needs to know of a record it would rest on (read as the caller may see it). */
export type ReasonRecord = {
  id: string;
  subjectKey: string;
  nature: string;
  status: string;
  severity: Severity;
  category: RecordCategory;
  domain: RecordDomain;
  publicUntil: string;
};

/** The listing's own fields: non-empty reason (and legal basis when given), at least one record, ISO dates. */
export function checkListingInput(input: ListingInput): { reason: string } {
  const reason = input.reason?.trim();
  if (!reason) throw new InputError(bilingual('reason 不能为空', 'reason must not be empty'), { field: 'reason' });
  if (input.legalBasis != null && !input.legalBasis.trim())
    throw new InputError(bilingual('列入名单须写明依据', 'a listing must name its legal basis'), {
      field: 'legalBasis',
    });
  if (!input.reasonRecordIds?.length)
    throw new InputError(bilingual('列入名单须至少依据一条信用记录', 'a listing rests on at least one record'), {
      field: 'reasonRecordIds',
    });
  for (const [field, value] of [
    ['startsOn', input.startsOn],
    ['endsOn', input.endsOn],
  ] as const) {
    if (value && !isIsoDate(value))
      throw new InputError(bilingual(`${field} 须为日期`, `${field} must be a date`), { field });
  }
  return { reason };
}

/** The configured basis named by basisId (default: the rule's first); any other is refused. */
export function checkBasis(rule: ListRule, basisId?: string | null): ListBasis {
  const basis = basisOf(rule, basisId);
  if (!basis)
    throw new InputError(
      bilingual(`${rule.name}不能依据 ${basisId} 列入`, `this list cannot rest on basis ${basisId}`),
      { field: 'basisId', reason: 'BASIS_NOT_CONFIGURED', allowed: rule.bases.map((b) => b.id) },
    );
  return basis;
}

function recordRefused(id: string, details: Record<string, unknown>, zh: string, en: string): InputError {
  return new InputError(bilingual(zh, en), { field: 'reasonRecordIds', recordId: id, ...details });
}

/**
 * A listing rests only on ACTIVE dishonesty records of the listed subject that the caller may read, each meeting
 * what its basis requires (severity, category, domain: list-rules.json).
 */
export function checkReasonRecords(ids: string[], records: ReasonRecord[], subjectKey: string, basis: ListBasis): void {
  for (const id of ids) {
    const record = records.find((r) => r.id === id);
    if (!record || record.subjectKey !== subjectKey || record.nature !== 'DISHONESTY')
      throw recordRefused(
        id,
        {},
        `信用记录 ${id} 不是您可查看的该主体的失信记录`,
        `record ${id} is not a dishonesty record of this subject visible to you`,
      );
    // A repaired or revoked record is out of use (NDRC Order No. 36): nothing may rest on it.
    if (record.status !== RecordStatus.ACTIVE)
      throw recordRefused(
        id,
        { status: record.status },
        `信用记录 ${id} 当前为 ${record.status} 状态：列入名单只能依据有效记录`,
        `record ${id} is ${record.status}: a listing rests on active records only`,
      );
    if (!meetsRequirement(basis.records, record))
      throw recordRefused(
        id,
        { reason: 'RECORD_DOES_NOT_MEET_BASIS', basisId: basis.id, required: basis.records },
        `信用记录 ${id} 的严重程度、类别或领域不符合列入依据 ${basis.id} 的要求`,
        `record ${id} does not have the severity, category or domain basis ${basis.id} requires`,
      );
  }
}

export interface ListingPeriod {
  noticeEndsOn: string | null;
  startsOn: string;
  endsOn: string;
}

/** The last day of a period of `months` starting on `from`. */
function lastDay(from: string, months: number): string {
  return addDays(addMonths(from, months), -1);
}

function periodRefused(field: 'startsOn' | 'endsOn', reason: string, zh: string, en: string, more = {}) {
  return new InputError(bilingual(zh, en), { field, reason, ...more });
}

/**
 * When a new listing runs: a list with notice (告知) is in notice from today for objectionDays and starts the day
 * after, never earlier; none starts before today; it lasts at most maxMonths (default defaultMonths, else maxMonths)
 * and at least minMonths (the procurement ban's one to three years).
 */
export function listingPeriod(rule: ListRule, input: Pick<ListingInput, 'startsOn' | 'endsOn'>, today: string) {
  const noticeEndsOn = rule.notice ? addDays(today, rule.notice.objectionDays) : null;
  const earliest = noticeEndsOn ? addDays(noticeEndsOn, 1) : today;
  const startsOn = input.startsOn ?? earliest;
  if (startsOn < today)
    throw periodRefused('startsOn', 'BACKDATED', 'startsOn 不能早于今天', 'startsOn cannot be before today', { today });
  if (startsOn < earliest)
    throw periodRefused(
      'startsOn',
      'NOTICE_WINDOW',
      '告知期届满前名单不能生效',
      'a listing cannot start within its notice window',
      {
        earliest,
      },
    );
  const latest = lastDay(startsOn, rule.maxMonths);
  const endsOn = input.endsOn ?? lastDay(startsOn, rule.defaultMonths ?? rule.maxMonths);
  if (endsOn < startsOn)
    throw periodRefused('endsOn', 'BEFORE_START', 'endsOn 早于 startsOn', 'endsOn is before startsOn');
  if (endsOn > latest)
    throw periodRefused(
      'endsOn',
      'MAX_DURATION',
      `${rule.name}期限至多 ${rule.maxMonths} 个月`,
      `at most ${rule.maxMonths} months`,
      {
        maxMonths: rule.maxMonths,
        latest,
      },
    );
  if (rule.minMonths && endsOn < lastDay(startsOn, rule.minMonths))
    throw periodRefused(
      'endsOn',
      'MIN_DURATION',
      `${rule.name}期限至少 ${rule.minMonths} 个月`,
      `at least ${rule.minMonths} months`,
      {
        minMonths: rule.minMonths,
      },
    );
  return { noticeEndsOn, startsOn, endsOn } satisfies ListingPeriod;
}
