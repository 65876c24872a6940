import type { EntityManager } from '@mikro-orm/postgresql';
import { type Principal } from '../../../auth/principal';
import { demand } from '../../../auth/step-rights';
import { ConflictError, InputError, NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { pgArray } from '../../../db/sql';
import type { ListType } from '../enums';
import { Listing } from './listing.entity';
import { listingStatus } from './listing-status';
import { notifyListingNotice, notifyListings } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import type { ListingInput } from './listing.input';
import { listKeepers, type ListRules } from './list-rules';
import { checkBasis, checkListingInput, checkReasonRecords, listingPeriod, type ReasonRecord } from './listing-checks';
import { keepsList } from './rules';
import { LIFT_BASIS, type EffectDeps, type LiftGrounds } from '../consequences/grounds';
import { listingsEnded } from './listing-end';

/**
 * listSubject / delistSubject, by the list's authority (config/list-rules.json). A listing rests on a configured
 * legal basis and on active dishonesty records of the same subject, visible to the authority, that meet what the
 * basis requires; it starts today or later (after its notice window where the list has one: the subject is told,
 * LISTING_NOTICE, and may object, listing-objection.ts) and ends by itself on endsOn, at most the rule's maximum.
 */
export class ListingService {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: SubjectDirectory,
    private readonly today: string,
    private readonly rules: ListRules,
  ) {}

  async list(
    viewer: Principal,
    input: ListingInput,
    visibleRecords: (ids: string[]) => Promise<ReasonRecord[]>,
  ): Promise<string> {
    const { reason } = checkListingInput(input);
    const [subject] = await this.directory.resolve([{ ...input.subject, path: { index: 0, field: 'subject.code' } }], {
      register: false,
    });
    const rule = this.rules.lists[input.listType];
    demand(keepsList, viewer, { rule, region: subject.regionCode });
    const basis = checkBasis(rule, input.basisId);
    checkReasonRecords(input.reasonRecordIds, await visibleRecords(input.reasonRecordIds), subject.key, basis);
    const period = listingPeriod(rule, input, this.today);
    return this.em.transactional(async (em) => {
      const listing = em.create(Listing, {
        subjectKey: subject.key,
        subjectRegion: subject.regionCode,
        listType: input.listType,
        reason,
        basisId: basis.id,
        legalBasis: input.legalBasis?.trim() || basis.text,
        authorityCode: viewer.org ?? viewer.clientId,
        listedBy: viewer.clientId,
        ...period,
        active: period.startsOn <= this.today,
        status: listingStatus(period, this.today),
      });
      await em.flush();
      await em.execute('INSERT INTO records.listing_record (listing_id, record_id) SELECT ?, unnest(?::bigint[])', [
        listing.id,
        pgArray(input.reasonRecordIds),
      ]);
      if (rule.notice) await notifyListingNotice(em, listing.id, listKeepers(rule), rule.notice.rights);
      else await notifyListings(em, WebhookEvent.LISTED, [listing.id]);
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
      demand(keepsList, viewer, { rule: this.rules.lists[row.list_type as ListType], region: row.subject_region });
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
 * rests on it (listing-end.ts listingsEnded): watchers told (DELISTED), warnings on it closed, joint measures LIFTED.
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
  await listingsEnded(em, deps, [id], end.grounds, actor);
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
