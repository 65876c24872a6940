import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { demand } from '../../../auth/step-rights';
import { ConflictError, NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { ListType } from '../enums';
import { required } from '../lifecycle/state-machine';
import { notifyListings } from '../webhooks/outbox';
import { WebhookEvent } from '../webhooks/events';
import { actsForSubject } from '../findings/rules';
import type { ListRules } from './list-rules';
import { ListingObjectionOutcome, ListingStatus, listingStatus } from './listing-status';
import { keepsList } from './rules';

/**
 * 告知 and 异议 of a listing in notice (SERIOUS_DISHONESTY, PROCUREMENT_BAN: list-rules.json `notice`), mirroring the
 * objections of records: the subject (or its credit office for it) objects within the window, which holds the
 * listing back; the list's authority decides: UPHOLD_LISTING, the listing takes effect that day (LISTED), or
 * WITHDRAW_LISTING, it never takes effect (DELISTED). Without an objection it takes effect the day after the window.
 */
interface NoticedRow {
  list_type: ListType;
  subject_key: string;
  subject_region: string;
  starts_on: string;
  ends_on: string | null;
  notice_ends_on: string | null;
  delisted_at: Date | null;
  objected_at: Date | null;
  objection_decided_at: Date | null;
  objection_outcome: ListingObjectionOutcome | null;
}

export class ListingObjections {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly rules: ListRules,
  ) {}

  private async lock(em: EntityManager, id: string): Promise<NoticedRow> {
    const [row] = await em.execute(
      `SELECT list_type, subject_key, subject_region, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
              to_char(ends_on, 'YYYY-MM-DD') AS ends_on, to_char(notice_ends_on, 'YYYY-MM-DD') AS notice_ends_on,
              delisted_at, objected_at, objection_decided_at, objection_outcome
       FROM records.listing WHERE id = ? FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError(bilingual(`没有名单 ${id}`, `no listing ${id}`));
    return row as NoticedRow;
  }

  private status(row: NoticedRow): ListingStatus {
    return listingStatus(
      {
        delistedAt: row.delisted_at,
        objectionOutcome: row.objection_outcome,
        objectedAt: row.objected_at,
        objectionDecidedAt: row.objection_decided_at,
        noticeEndsOn: row.notice_ends_on,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      },
      this.today,
    );
  }

  /** objectToListing: within the window, once, by the subject or its credit office. */
  async object(id: string, reason: string): Promise<void> {
    const text = required(reason, 'reason');
    await this.em.transactional(async (em) => {
      const row = await this.lock(em, id);
      demand(actsForSubject, this.viewer, {
        selfKey: this.selfKey,
        subjectKey: row.subject_key,
        region: row.subject_region,
      });
      const status = this.status(row);
      if (status !== ListingStatus.NOTICED)
        throw new ConflictError(
          bilingual('只能在告知期内对名单提出异议', 'an objection is filed within the notice window only'),
          { state: status, noticeEndsOn: row.notice_ends_on },
        );
      await em.execute(
        'UPDATE records.listing SET objected_at = now(), objection_reason = ?, objected_by = ? WHERE id = ?',
        [text, this.viewer.clientId, id],
      );
    });
  }

  /** decideListingObjection: the list's authority in the subject's jurisdiction, on an objection awaiting decision. */
  async decide(id: string, outcome: ListingObjectionOutcome, decision: string): Promise<void> {
    const text = required(decision, 'decision');
    await this.em.transactional(async (em) => {
      const row = await this.lock(em, id);
      demand(keepsList, this.viewer, { rule: this.rules.lists[row.list_type], region: row.subject_region });
      const status = this.status(row);
      if (status !== ListingStatus.OBJECTED)
        throw new ConflictError(bilingual('该名单没有待决定的异议', 'this listing has no objection to decide'), {
          state: status,
        });
      const withdraw = outcome === ListingObjectionOutcome.WITHDRAW_LISTING;
      await em.execute(
        `UPDATE records.listing SET objection_outcome = ?, objection_decision = ?, objection_decided_at = now(),
           objection_decided_by = ?, starts_on = CASE WHEN ? THEN starts_on ELSE ?::date END,
           delisted_at = CASE WHEN ? THEN now() END, delist_reason = CASE WHEN ? THEN ? END,
           delisted_by = CASE WHEN ? THEN ? END
         WHERE id = ?`,
        [
          outcome,
          text,
          this.viewer.clientId,
          withdraw,
          this.today,
          withdraw,
          withdraw,
          text,
          withdraw,
          this.viewer.clientId,
          id,
        ],
      );
      await notifyListings(em, withdraw ? WebhookEvent.DELISTED : WebhookEvent.LISTED, [id]);
    });
  }
}
