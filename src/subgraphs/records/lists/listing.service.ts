import type { EntityManager } from '@mikro-orm/postgresql';
import { type Principal } from '../../../auth/principal';
import { demand } from '../../../auth/step-rights';
import { isIsoDate } from '../../../common/dates';
import { ConflictError, InputError, NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { pgArray } from '../../../db/sql';
import { ListType, RecordStatus } from '../enums';
import { Listing } from './listing.entity';
import { notifyListings } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import type { ListingInput } from './listing.input';
import { keepsList } from './rules';
import { LIFT_BASIS, type EffectDeps, type LiftGrounds } from '../workflows/consequences/grounds';
import { liftMeasures } from '../workflows/consequences/measures';

/**
 * listSubject / delistSubject. A listing must rest on law (legalBasis) and on at least one
 * active dishonesty record of the same subject that the authority can see; it ends by itself on
 * endsOn (default: the longest publicity of its records).
 */
type ReasonRecord = { id: string; subjectKey: string; nature: string; status: string; publicUntil: string };

export class ListingService {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: SubjectDirectory,
    private readonly today: string,
  ) {}

  async list(
    viewer: Principal,
    input: ListingInput,
    visibleRecords: (ids: string[]) => Promise<ReasonRecord[]>,
  ): Promise<string> {
    const { reason, legalBasis } = checkListingInput(input);
    const [subject] = await this.directory.resolve([{ ...input.subject, path: { index: 0, field: 'subject.code' } }], {
      register: false,
    });
    demand(keepsList, viewer, { listType: input.listType, region: subject.regionCode });
    const records = await visibleRecords(input.reasonRecordIds);
    checkReasonRecords(input.reasonRecordIds, records, subject.key);
    const startsOn = input.startsOn ?? this.today;
    const endsOn =
      input.endsOn ??
      records
        .map((r) => r.publicUntil)
        .sort()
        .at(-1)!;
    if (endsOn < startsOn)
      throw new InputError(bilingual('endsOn 早于 startsOn', 'endsOn is before startsOn'), { field: 'endsOn' });
    return this.em.transactional(async (em) => {
      const listing = em.create(Listing, {
        subjectKey: subject.key,
        subjectRegion: subject.regionCode,
        listType: input.listType,
        reason,
        legalBasis,
        authorityCode: viewer.org ?? viewer.clientId,
        listedBy: viewer.clientId,
        startsOn,
        endsOn,
        active: true,
      });
      await em.flush();
      await em.execute('INSERT INTO records.listing_record (listing_id, record_id) SELECT ?, unnest(?::bigint[])', [
        listing.id,
        pgArray(input.reasonRecordIds),
      ]);
      await notifyListings(em, WebhookEvent.LISTED, [listing.id]);
      return listing.id;
    });
  }

  async delist(viewer: Principal, id: string, reason: string): Promise<string> {
    if (!reason?.trim())
      throw new InputError(bilingual('reason 不能为空', 'reason must not be empty'), { field: 'reason' });
    return this.em.transactional(async (em) => {
      const [row] = await em.execute(
        'SELECT list_type, subject_region, delisted_at FROM records.listing WHERE id = ? FOR UPDATE',
        [id],
      );
      if (!row) throw new NotFoundError(bilingual(`没有名单 ${id}`, `no listing ${id}`));
      demand(keepsList, viewer, { listType: row.list_type as ListType, region: row.subject_region });
      if (row.delisted_at)
        throw new ConflictError(bilingual(`名单 ${id} 已移出`, `listing ${id} is already delisted`), {
          state: 'DELISTED',
        });
      const text = reason.trim();
      const grounds = { reason: `移出名单: ${text}`, basis: LIFT_BASIS.DELISTED };
      await endListing(
        em,
        { directory: this.directory, today: this.today },
        id,
        { delistReason: text, grounds },
        viewer,
      );
      return id;
    });
  }
}

/**
 * Takes a listing off its list now, in the caller's transaction (delisting, approved repair of the listing), with what
 * rests on it: the watchers are told (DELISTED) and its joint measures are LIFTED on `grounds` (MEASURE_LIFTED).
 */
export async function endListing(
  em: EntityManager,
  deps: EffectDeps,
  id: string,
  end: { delistReason: string; grounds: LiftGrounds },
  actor: Principal,
): Promise<void> {
  await em.execute('UPDATE records.listing SET delisted_at = now(), delist_reason = ?, delisted_by = ? WHERE id = ?', [
    end.delistReason,
    actor.clientId,
    id,
  ]);
  await notifyListings(em, WebhookEvent.DELISTED, [id]);
  await liftMeasures(em, deps, { listingIds: [id] }, end.grounds, actor);
}

/** The facts of a listing a workflow needs, its row locked (FOR UPDATE); the caller checks rights. */
export interface ListingFacts {
  id: string;
  subject_key: string;
  subject_region: string;
  starts_on: string;
  ends_on: string | null;
  delisted_at: Date | null;
}

export async function lockListing(em: EntityManager, id: string): Promise<ListingFacts | null> {
  const [row] = await em.execute(
    `SELECT id::text, subject_key, subject_region, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
            to_char(ends_on, 'YYYY-MM-DD') AS ends_on, delisted_at
     FROM records.listing WHERE id = ? FOR UPDATE`,
    [id],
  );
  return (row as ListingFacts) ?? null;
}

/** The listing's own fields: non-empty reason and legal basis, at least one record, ISO dates. */
function checkListingInput(input: ListingInput): { reason: string; legalBasis: string } {
  const reason = input.reason?.trim();
  const legalBasis = input.legalBasis?.trim();
  if (!reason) throw new InputError(bilingual('reason 不能为空', 'reason must not be empty'), { field: 'reason' });
  if (!legalBasis)
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
  return { reason, legalBasis };
}

/** A listing rests only on ACTIVE dishonesty records of the listed subject that the caller may read. */
function checkReasonRecords(ids: string[], records: ReasonRecord[], subjectKey: string): void {
  for (const id of ids) {
    const record = records.find((r) => r.id === id);
    if (!record || record.subjectKey !== subjectKey || record.nature !== 'DISHONESTY') {
      throw new InputError(
        bilingual(
          `信用记录 ${id} 不是您可查看的该主体的失信记录`,
          `record ${id} is not a dishonesty record of this subject visible to you`,
        ),
        {
          field: 'reasonRecordIds',
        },
      );
    }
    // A repaired or revoked record is out of use (NDRC Order No. 36): nothing may rest on it.
    if (record.status !== RecordStatus.ACTIVE) {
      throw new InputError(
        bilingual(
          `信用记录 ${id} 当前为 ${record.status} 状态：列入名单只能依据有效记录`,
          `record ${id} is ${record.status}: a listing rests on active records only`,
        ),
        {
          field: 'reasonRecordIds',
          status: record.status,
        },
      );
    }
  }
}
