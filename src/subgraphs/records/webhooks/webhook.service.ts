import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isGovernment, type Principal } from '../../../auth/principal';
import { Role } from '../../../auth/roles';
import { InputError, NotFoundError } from '../../../common/errors';
import { parseId } from '../../../common/ids';
import { bilingual, prefixed } from '../../../common/language';
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
const NOT_WATCHABLE = bilingual(
  '没有您可关注的已登记主体使用此代码',
  'no registered subject you may watch has this code',
);

/** http or https, absolute, no credentials in it (they would sit in the database and logs). */
export function validateWebhookUrl(raw: string): string {
  const text = raw?.trim() ?? '';
  if (!text) throw new InputError(bilingual('url 不能为空', 'url must not be empty'), { field: 'url' });
  if (text.length > MAX_URL_LENGTH)
    throw new InputError(
      bilingual(`url 不能超过 ${MAX_URL_LENGTH} 个字符`, `url is longer than ${MAX_URL_LENGTH} characters`),
      { field: 'url' },
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(bilingual(`url“${text}”不是绝对地址`, `url "${text}" is not an absolute URL`), {
      field: 'url',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    throw new InputError(
      bilingual(`url 须使用 http 或 https，不能使用 ${scheme}`, `url must use http or https, not ${scheme}`),
      { field: 'url' },
    );
  }
  if (url.username || url.password)
    throw new InputError(bilingual('url 不能含有用户名或密码', 'url must not contain a user name or password'), {
      field: 'url',
    });
  return url.toString();
}

/** A url whose host does not resolve or is a non-public address is refused (no requests into the network). */
async function refusePrivateTarget(url: string): Promise<void> {
  const inside = await privateTargetOf(url).catch(() => {
    const host = new URL(url).hostname;
    throw new InputError(bilingual(`url 的主机名“${host}”无法解析`, `url host "${host}" does not resolve`), {
      field: 'url',
    });
  });
  if (inside)
    throw new InputError(
      bilingual(
        `url 指向非公网地址 ${inside}，webhook 只能发往客户系统的公网地址`,
        `url points to the non-public address ${inside}; webhooks go to client systems' public endpoints`,
      ),
      { field: 'url' },
    );
}

/** At least one event and one watched code, and not more codes than MAX_WATCH_CODES. */
function checkSubscription(events: WebhookEvent[], watchCodes: string[]): void {
  if (!events?.length)
    throw new InputError(bilingual('至少订阅一种事件', 'subscribe to at least one event'), { field: 'events' });
  if (!watchCodes?.length)
    throw new InputError(bilingual('至少关注一个主体代码', 'watch at least one subject code'), { field: 'watchCodes' });
  if (watchCodes.length > MAX_WATCH_CODES)
    throw new InputError(
      bilingual(
        `每个 webhook 最多关注 ${MAX_WATCH_CODES} 个代码，收到 ${watchCodes.length} 个`,
        `at most ${MAX_WATCH_CODES} watched codes per webhook, got ${watchCodes.length}`,
      ),
      { field: 'watchCodes' },
    );
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
    if (!this.allowPrivateTargets) await refusePrivateTarget(url);
    checkSubscription(events, watchCodes);
    const watches = await this.watchedSubjects(watchCodes);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = await this.insertSubscription(url, events, watches, secret);
    return { id, secret };
  }

  /**
   * Each watched code as its subject's look-up key and how the code is shown (a person's ID
   * number masked). A person the caller may not watch gets the answer of an unregistered code:
   * the refusal must not confirm a registration.
   */
  private async watchedSubjects(watchCodes: string[]): Promise<Map<string, string>> {
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
      const at = code.keys.findIndex(
        (key) => entries.has(key) && mayWatch(this.viewer, this.selfKey, entries.get(key)!),
      );
      if (at < 0) {
        throw new InputError(prefixed(bilingual(`watchCodes[${index}]：`, `watchCodes[${index}]: `), NOT_WATCHABLE), {
          index,
          field: 'watchCodes',
        });
      }
      const entry = entries.get(code.keys[at])!;
      watches.set(entry.key, code.types[at] === 'USCC' ? code.normalized : maskResidentId(code.normalized));
    });
    return watches;
  }

  /** The subscription, owned by the caller, and its watches, in one transaction; the secret stored encrypted. */
  private insertSubscription(
    url: string,
    events: WebhookEvent[],
    watches: Map<string, string>,
    secret: string,
  ): Promise<string> {
    return this.em.transactional(async (em) => {
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
      if (!row) throw new NotFoundError(bilingual(`您没有 webhook ${id}`, `no webhook ${id} of yours`));
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
