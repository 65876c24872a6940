import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isGovernment, type Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { InputError, NotFoundError } from '../../../common/errors';
import { parseId } from '../../../common/ids';
import type { SubjectDirectory } from '../../../common/subject-directory';
import { maskResidentId } from '../../../identity/resident-id';
import type { SubjectKeys } from '../../../identity/subject-keys';
import { pgArray } from '../../../db/sql';
import { privateTargetOf } from './target-guard';
import { ownSubscriptions } from './context';
import { mayWatch } from './watch-scope';
import type { WebhookEvent } from './events';
import { invalidCodeError } from '../../../identity';

export const MAX_WATCH_CODES = 1000;
const MAX_URL_LENGTH = 2000;
/** The one answer for an unregistered code and for a person the caller may not watch. */
const NOT_WATCHABLE = '没有您可关注的已登记主体使用此代码 (no registered subject you may watch has this code)';

/** http or https, absolute, no credentials in it (they would sit in the database and logs). */
export function validateWebhookUrl(raw: string): string {
  const text = raw?.trim() ?? '';
  if (!text) throw new InputError('url must not be empty', { field: 'url' });
  if (text.length > MAX_URL_LENGTH)
    throw new InputError(`url is longer than ${MAX_URL_LENGTH} characters`, { field: 'url' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`url "${text}" is not an absolute URL`, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(`url must use http or https, not ${url.protocol.replace(/:$/, '')}`, { field: 'url' });
  if (url.username || url.password)
    throw new InputError('url must not contain a user name or password', { field: 'url' });
  return url.toString();
}

/**
 * registerWebhook / deleteWebhook. The subscription belongs to the registered client; watched
 * codes are resolved to look-up keys (a keyed hash for ID numbers, never the number) and
 * checked against mayWatch. The signing secret is returned once and stored encrypted.
 */
export class WebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly keys: SubjectKeys,
    private readonly directory: SubjectDirectory,
    private readonly allowPrivateTargets: boolean,
  ) {}

  async register(
    rawUrl: string,
    events: WebhookEvent[],
    watchCodes: string[],
  ): Promise<{ id: string; secret: string }> {
    const url = validateWebhookUrl(rawUrl);
    if (!this.allowPrivateTargets) {
      const inside = await privateTargetOf(url).catch(() => {
        throw new InputError(`url 的主机名无法解析 (url host "${new URL(url).hostname}" does not resolve)`, {
          field: 'url',
        });
      });
      if (inside)
        throw new InputError(
          `url 指向非公网地址 ${inside}，webhook 只能发往客户系统的公网地址 (url points to the non-public address ${inside}; webhooks go to client systems' public endpoints)`,
          { field: 'url' },
        );
    }
    if (!events?.length) throw new InputError('subscribe to at least one event', { field: 'events' });
    if (!watchCodes?.length) throw new InputError('watch at least one subject code', { field: 'watchCodes' });
    if (watchCodes.length > MAX_WATCH_CODES)
      throw new InputError(`at most ${MAX_WATCH_CODES} watched codes per webhook, got ${watchCodes.length}`, {
        field: 'watchCodes',
      });
    const identified = watchCodes.map((raw, index) => {
      const code = this.keys.identify(raw ?? '');
      if (!code.check.valid)
        throw invalidCodeError(raw ?? '', code.check, { index, field: 'watchCodes' }, `watchCodes[${index}]`);
      return code;
    });
    const entries = new Map(
      (await this.directory.lookup([...new Set(identified.flatMap((c) => c.keys))])).map((e) => [e.key, e]),
    );
    const watches = new Map<string, string>();
    identified.forEach((code, index) => {
      // A person the caller may not watch gets the answer of an unregistered code: the refusal must not confirm a
      // registration.
      const at = code.keys.findIndex(
        (key) => entries.has(key) && mayWatch(this.viewer, this.selfKey, entries.get(key)!),
      );
      if (at < 0) {
        throw new InputError(`watchCodes[${index}]: ${NOT_WATCHABLE}`, { index, field: 'watchCodes' });
      }
      const entry = entries.get(code.keys[at])!;
      watches.set(entry.key, code.types[at] === 'USCC' ? code.normalized : maskResidentId(code.normalized));
    });
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = await this.em.transactional(async (em) => {
      const [row] = await em.execute(
        `INSERT INTO records.webhook_subscription (owner_sub, owner_role, region_prefix, owner_org, self_key, url, events, secret_cipher)
         VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?) RETURNING id::text`,
        [
          this.viewer.clientId,
          this.viewer.role,
          this.viewer.regionPrefix,
          // A SUBJECT's `org` may be a person's ID number: only its look-up key is kept.
          isGovernment(this.viewer) ? (this.viewer.org ?? null) : null,
          this.viewer.role === Role.SUBJECT ? (this.selfKey ?? null) : null,
          url,
          pgArray([...new Set(events)]),
          this.keys.pii.encrypt(secret),
        ],
      );
      await em.execute(
        `INSERT INTO records.webhook_watch (subscription_id, subject_key, code_display)
         SELECT ?, x.key, x.display FROM jsonb_to_recordset(?::jsonb) AS x(key text, display text)`,
        [row.id, JSON.stringify([...watches].map(([key, display]) => ({ key, display })))],
      );
      return row.id as string;
    });
    return { id, secret };
  }

  /** Only the owner (its `sub` in its role) deletes; its pending deliveries and its delivery log go with it. */
  async delete(id: string): Promise<string> {
    parseId(id);
    return this.em.transactional(async (em) => {
      const own = ownSubscriptions(this.viewer, 'webhook_subscription');
      const [row] = await em.execute(
        `DELETE FROM records.webhook_subscription WHERE id = ? AND ${own.sql} RETURNING id::text`,
        [id, ...own.params],
      );
      if (!row) throw new NotFoundError(`no webhook ${id} of yours`);
      await em.execute('DELETE FROM records.webhook_watch WHERE subscription_id = ?', [id]);
      await em.execute(
        'DELETE FROM records.webhook_attempt WHERE delivery_id IN (SELECT d.id FROM records.webhook_delivery d WHERE d.subscription_id = ?)',
        [id],
      );
      await em.execute('DELETE FROM records.webhook_delivery WHERE subscription_id = ?', [id]);
      return id;
    });
  }
}
