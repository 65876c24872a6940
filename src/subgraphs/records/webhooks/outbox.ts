import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccessRecorder } from '../../../audit/access-recorder';
import { currentAuditKey, currentChainHeads } from '../../../audit/current-key';
import type { Principal } from '../../../auth/principal';
import type { Role } from '../../../auth/roles';
import { today as currentDay } from '../../../common/dates';
import { pgArray } from '../../../db/sql';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { recordVisibility } from '../findings/record.repository';
import { mayWatch } from './watch-scope';
import { WebhookEvent } from './events';

/**
 * Writes webhook deliveries into the outbox (records.webhook_delivery) inside the caller's
 * transaction: a change that rolls back leaves no delivery, a committed one always has its
 * deliveries. Each function is one set-based INSERT … SELECT fanning out to the matching
 * subscriptions (records: one per distinct subscriber, since what a record event may tell
 * depends on who receives it). The dispatcher (dispatcher.ts) sends them after commit.
 */

/** The subject as the receiver knows it: the USCC, or the masked ID number of a person. */
export const SUBJECT_JSON = `jsonb_build_object('code', w.code_display)`;

const LISTING_JSON = `jsonb_build_object(
  'id', l.id::text, 'listType', l.list_type, 'reason', l.reason, 'legalBasis', l.legal_basis, 'authorityCode', l.authority_code,
  'startsOn', to_char(l.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(l.ends_on, 'YYYY-MM-DD'),
  'delistedAt', l.delisted_at, 'delistReason', l.delist_reason,
  'basisId', l.basis_id, 'noticeEndsOn', to_char(l.notice_ends_on, 'YYYY-MM-DD'))`;

/** Only what any viewer of the record may read: details, legal basis and responsible persons stay behind the API. */
const RECORD_JSON = `jsonb_build_object(
  'id', r.id::text, 'externalId', r.external_id, 'nature', r.nature, 'category', r.category, 'domain', r.domain, 'severity', r.severity,
  'title', r.title, 'disclosure', r.disclosure, 'decidedAt', to_char(r.decided_at, 'YYYY-MM-DD'),
  'status', coalesce(?::text, r.status))`;

/** LISTED / DELISTED for these listings. Lists are public: every subscriber watching the subject is told. */
export async function notifyListings(
  em: EntityManager,
  event: WebhookEvent.LISTED | WebhookEvent.DELISTED,
  listingIds: readonly string[],
): Promise<void> {
  if (listingIds.length === 0) return;
  await em.execute(
    `INSERT INTO records.webhook_delivery (subscription_id, event, payload)
     SELECT s.id, ?, jsonb_build_object('subject', ${SUBJECT_JSON}, 'listing', ${LISTING_JSON})
     FROM records.listing l
     JOIN records.webhook_watch w ON w.subject_key = l.subject_key
     JOIN records.webhook_subscription s ON s.id = w.subscription_id
     WHERE l.id = ANY(?::bigint[]) AND ? = ANY(s.events)
     ORDER BY l.id, s.id`,
    [event, pgArray(listingIds), event],
  );
}

/**
 * LISTING_NOTICE (告知) for a listing in notice, with the rights text of its list: not yet published, so only to the
 * subject's own subscriptions (self_key) and to those of the roles keeping the list (`keepers`) in its jurisdiction.
 */
export async function notifyListingNotice(
  em: EntityManager,
  listingId: string,
  keepers: readonly Role[],
  rights: string,
): Promise<void> {
  await em.execute(
    `INSERT INTO records.webhook_delivery (subscription_id, event, payload)
     SELECT s.id, ?, jsonb_build_object('subject', ${SUBJECT_JSON}, 'listing', ${LISTING_JSON}, 'rights', ?::text)
     FROM records.listing l
     JOIN records.webhook_watch w ON w.subject_key = l.subject_key
     JOIN records.webhook_subscription s ON s.id = w.subscription_id
     WHERE l.id = ? AND ? = ANY(s.events)
       AND (s.self_key = l.subject_key OR (s.owner_role = ANY(?::text[]) AND l.subject_region LIKE s.region_prefix || '%'))
     ORDER BY s.id`,
    [WebhookEvent.LISTING_NOTICE, rights, listingId, WebhookEvent.LISTING_NOTICE, pgArray(keepers)],
  );
}

/**
 * The receivers of an opinion event among the subscriptions watching the person: the parties of
 * the request only (a request tells that the person is a candidate). OPINION_REQUESTED goes to
 * discipline inspection whose jurisdiction contains the person (conditions.answersOpinion),
 * OPINION_ANSWERED to the requesting organization department (its `org`).
 */
const OPINION_RECEIVERS: Record<WebhookEvent.OPINION_REQUESTED | WebhookEvent.OPINION_ANSWERED, string> = {
  [WebhookEvent.OPINION_REQUESTED]: `s.owner_role = 'DISCIPLINE' AND o.person_region LIKE s.region_prefix || '%'`,
  [WebhookEvent.OPINION_ANSWERED]: `s.owner_role = 'ORG_DEPT' AND upper(s.owner_org) = o.requester_key`,
};

/** What an opinion event tells: never the opinion's text (it stays behind canReadOpinionText). */
const OPINION_JSON = `jsonb_build_object('id', o.id::text, 'purpose', o.purpose, 'dueOn', to_char(o.due_on, 'YYYY-MM-DD'),
  'state', o.state, 'verdict', o.verdict, 'answeredOn', to_char(o.answered_on, 'YYYY-MM-DD'))`;

/** OPINION_REQUESTED / OPINION_ANSWERED for these opinion requests, to their parties watching the person. */
export async function notifyOpinions(
  em: EntityManager,
  event: WebhookEvent.OPINION_REQUESTED | WebhookEvent.OPINION_ANSWERED,
  opinionIds: readonly string[],
): Promise<void> {
  if (opinionIds.length === 0) return;
  await em.execute(
    `INSERT INTO records.webhook_delivery (subscription_id, event, payload)
     SELECT s.id, ?, jsonb_build_object('subject', ${SUBJECT_JSON}, 'opinion', ${OPINION_JSON})
     FROM records.integrity_opinion o
     JOIN records.webhook_watch w ON w.subject_key = o.person_key
     JOIN records.webhook_subscription s ON s.id = w.subscription_id
     WHERE o.id = ANY(?::bigint[]) AND ? = ANY(s.events) AND ${OPINION_RECEIVERS[event]}
     ORDER BY o.id, s.id`,
    [event, pgArray(opinionIds), event],
  );
}

/** The events about records; each is told to the subscribers that may see the record (below). */
export type RecordEvent =
  | WebhookEvent.RECORD_ADDED
  | WebhookEvent.RECORD_REPAIRED
  | WebhookEvent.RECORD_REVOKED
  | WebhookEvent.RECORD_CORRECTED
  | WebhookEvent.RECORD_SETTLED
  | WebhookEvent.RECORD_WITHDRAWN;

export interface SubscriberRow {
  ids: string[];
  /** Watched subjects of the records, narrowed to those the owner may still watch before delivery. */
  subject_keys: string[];
  owner_sub: string;
  owner_role: Role;
  region_prefix: string;
  owner_org: string | null;
  self_key: string | null;
}

/**
 * RECORD_ADDED / RECORD_REPAIRED / RECORD_REVOKED / … for these records, to each subscriber watching their
 * subject that may see the record by the records' own rule (recordVisibility, as of `day`),
 * evaluated with the principal the subscriber registered with: a subscriber that may not
 * read a record gets no delivery for it. Call it before a change that hides the record (a
 * repair, a revocation): the subscribers who could see it are told. A RESTRICTED record put into a payload
 * is a release to the subscription's owner: it is written to the access log in this same
 * transaction (one entry per owner), so the outbox row and its log entry commit together.
 */
/**
 * The subscriptions for `event` watching the subjects of these rows (records or joint measures), one row per owner
 * (principal), each with only the subjects its owner may still watch now (watch-scope.ts mayWatch, on the registry's
 * entries): every notifier then filters the rows by its owner's view.
 */
export async function watchersOf(
  em: EntityManager,
  directory: SubjectDirectory,
  table: 'credit_record' | 'joint_measure',
  ids: readonly string[],
  event: WebhookEvent,
): Promise<Watcher[]> {
  const subscribers: SubscriberRow[] = await em.execute(
    `SELECT array_agg(DISTINCT s.id::text) AS ids, array_agg(DISTINCT x.subject_key) AS subject_keys,
            s.owner_sub, s.owner_role, s.region_prefix, s.owner_org, s.self_key
     FROM records.webhook_subscription s
     JOIN records.webhook_watch w ON w.subscription_id = s.id
     JOIN records.${table} x ON x.subject_key = w.subject_key
     WHERE x.id = ANY(?::bigint[]) AND ? = ANY(s.events)
     GROUP BY s.owner_sub, s.owner_role, s.region_prefix, s.owner_org, s.self_key`,
    [pgArray(ids), event],
  );
  if (subscribers.length === 0) return [];
  const keys = [...new Set(subscribers.flatMap((subscriber) => subscriber.subject_keys))];
  const entries = new Map((await directory.lookup(keys)).map((e) => [e.key, e]));
  // The watch scope again, now: a person its owner may no longer follow (moved, or watched under an older rule) is
  // not told about.
  return subscribers.flatMap((subscriber) => {
    const owner = ownerOf(subscriber);
    const selfKey = subscriber.self_key ?? subscriber.owner_org ?? undefined;
    const watchable = subscriber.subject_keys.filter(
      (key) => entries.has(key) && mayWatch(owner, selfKey, entries.get(key)!),
    );
    return watchable.length > 0 ? [{ subscriber: { ...subscriber, subject_keys: watchable }, owner }] : [];
  });
}

/** A subscriber owner still told about some of the rows' subjects: `subject_keys` holds only those. */
export interface Watcher {
  subscriber: SubscriberRow;
  owner: Principal;
}

/**
 * `day`: the date visibility is evaluated on; `extra`: top-level payload fields; `status`: the status the record is
 * leaving ACTIVE for, told in `record.status` by a call made before the change (the record still reads ACTIVE).
 */
export interface NotifyOptions {
  day?: string;
  extra?: Record<string, string>;
  status?: string;
}

export async function notifyRecords(
  em: EntityManager,
  directory: SubjectDirectory,
  event: RecordEvent,
  recordIds: readonly string[],
  options: NotifyOptions = {},
): Promise<void> {
  if (recordIds.length === 0) return;
  const watchers = await watchersOf(em, directory, 'credit_record', recordIds, event);
  const day = options.day ?? currentDay();
  for (const { subscriber } of watchers) await notifySubscriber(em, event, recordIds, subscriber, { ...options, day });
}

// The owner as it registered: owner_sub holds the registered client's id.
export const ownerOf = (subscriber: SubscriberRow): Principal => ({
  sub: subscriber.owner_sub,
  clientId: subscriber.owner_sub,
  issuer: '',
  role: subscriber.owner_role,
  regionPrefix: subscriber.region_prefix,
  org: subscriber.owner_org ?? undefined,
  authenticated: true,
});

/** One owner's deliveries: one INSERT … SELECT, which also returns the RESTRICTED records it put into payloads. */
async function notifySubscriber(
  em: EntityManager,
  event: WebhookEvent,
  recordIds: readonly string[],
  subscriber: SubscriberRow,
  options: NotifyOptions & { day: string },
) {
  const owner = ownerOf(subscriber);
  const scope = recordVisibility(owner, subscriber.self_key ?? undefined, options.day);
  const extraPairs = Object.entries(options.extra ?? {}).flatMap(([key, value]) => [key, value]);
  const extraJson = extraPairs.length ? ` || jsonb_build_object(${extraPairs.map(() => '?::text').join(', ')})` : '';
  const released: { record_id: string; subject_key: string; subscription_id: string }[] = await em.execute(
    `WITH visible AS (
       SELECT r.id, r.subject_key, r.disclosure, w.subscription_id,
              jsonb_build_object('subject', ${SUBJECT_JSON}, 'record', ${RECORD_JSON})${extraJson} AS payload
       FROM records.credit_record r
       JOIN records.webhook_watch w ON w.subject_key = r.subject_key
       WHERE r.id = ANY(?::bigint[]) AND w.subscription_id = ANY(?::bigint[]) AND r.subject_key = ANY(?::text[]) AND ${scope.sql}
     ), inserted AS (
       -- A data-modifying CTE always runs to completion, read or not.
       INSERT INTO records.webhook_delivery (subscription_id, event, payload)
       SELECT v.subscription_id, ?, v.payload FROM visible v ORDER BY v.id, v.subscription_id RETURNING id
     )
     SELECT v.id::text AS record_id, v.subject_key, v.subscription_id::text FROM visible v
     WHERE v.disclosure = 'RESTRICTED'`,
    [
      options.status ?? null,
      ...extraPairs,
      pgArray(recordIds),
      pgArray(subscriber.ids),
      pgArray(subscriber.subject_keys),
      ...scope.params,
      event,
    ],
  );
  if (released.length === 0) return;
  const recorder = new AccessRecorder(owner, `webhook-outbox:${randomUUID()}`, currentAuditKey(), currentChainHeads());
  for (const row of released) {
    const fields = [`record:${row.record_id}`, `webhook:${row.subscription_id}`];
    recorder.note({ resource: 'RESTRICTED_RECORD', subjectKey: row.subject_key, fields, outcome: 'GRANTED' });
  }
  await recorder.flush(em, `webhook:${event}`);
}
