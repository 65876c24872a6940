import type { EntityManager } from '@mikro-orm/postgresql';
import { type Principal } from '../../../../auth/principal';
import { addDays, HUB_TIME_ZONE } from '../../../../common/dates';
import { InputError, RateLimitedError } from '../../../../common/errors';
import { bilingual } from '../../../../common/language';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { SubjectKind } from '../../../../common/subject-kind';
import type { CreditPolicy } from '../../policy/credit-policy';
import { recordEvent, required, WorkflowObjectType } from '../../lifecycle/state-machine';
import { ComplaintState } from './complaint.entity';
import { newReceipt } from './receipt';

const MAX_TITLE = 200;
const MAX_CONTENT = 5000;
const MAX_CONTACT = 200;

export interface ComplaintDraft {
  subjectCode: string;
  title: string;
  content: string;
  reporterContact?: string | null;
}

/** A daily cap: the column it counts, the words of its refusal and `extensions.per`. */
type Cap = { column: 'subject_key' | 'reporter_sub' | 'reporter_key'; zh: string; en: string };
const PER_SUBJECT: Cap = { column: 'subject_key', zh: '主体', en: 'subject' };
const PER_CLIENT: Cap = { column: 'reporter_sub', zh: '客户系统', en: 'client' };
const PER_REPORTER: Cap = { column: 'reporter_key', zh: '举报人', en: 'reporter' };

function bounded(value: string | null | undefined, field: string, max: number): string {
  const text = required(value, field);
  if (text.length > max)
    throw new InputError(bilingual(`${field} 不能超过 ${max} 个字符`, `${field} is longer than ${max} characters`), {
      field,
    });
  return text;
}

/**
 * The reporter the per-reporter cap counts: a token holder by its `sub`, qualified by its client (two issuers'
 * subjects never meet) and by the subject it speaks for, as its look-up key (`selfKey`: the self-service portal
 * signs every person's token with one `sub`); an anonymous caller by the gateway's keyed address hash. Null only
 * for an anonymous call made in the process without HTTP (no address): then the per-subject cap alone applies.
 */
export function reporterKey(viewer: Principal, addressKey: string | undefined, selfKey?: string): string | null {
  if (viewer.authenticated) return `sub:${viewer.clientId}:${viewer.sub}${selfKey ? `/${selfKey}` : ''}`;
  return addressKey ?? null;
}

/**
 * 投诉举报: a report, capped per reporter, per subject and (token holders) per client system and day, with a receipt
 * token returned once. Per reporter is below per subject (credit-policy.ts refuses otherwise): one flooding
 * reporter is stopped by its own cap while others can still report on the subject.
 */
export class ComplaintIntake {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    /** reporterKey(viewer, …): who the per-reporter cap counts. */
    private readonly reporter: string | null,
    private readonly today: string,
    private readonly policy: CreditPolicy,
    private readonly directory: SubjectDirectory,
  ) {}

  async report(draft: ComplaintDraft): Promise<{ id: string; dueOn: string; receiptToken: string }> {
    const title = bounded(draft.title, 'title', MAX_TITLE);
    const content = bounded(draft.content, 'content', MAX_CONTENT);
    const contact = draft.reporterContact?.trim() || null;
    if (contact && contact.length > MAX_CONTACT)
      throw new InputError(
        bilingual(
          `reporterContact 不能超过 ${MAX_CONTACT} 个字符`,
          `reporterContact is longer than ${MAX_CONTACT} characters`,
        ),
        { field: 'reporterContact' },
      );
    const subject = await this.subjectOf(draft.subjectCode);
    const dueOn = addDays(this.today, this.policy.workflows.complaintHandlingDays);
    const { reporter } = this;
    const receipt = newReceipt();
    return this.em.transactional(async (em) => {
      await this.checkCaps(em, subject.key, reporter);
      const [row] = await em.execute(
        `INSERT INTO records.complaint (subject_key, subject_region, title, content, reporter_contact, reporter_sub,
           reporter_role, reporter_key, receipt_hash, due_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id::text`,
        [
          ...[subject.key, subject.regionCode, title, content, contact],
          ...[this.viewer.clientId, this.viewer.role, reporter, receipt.hash, dueOn],
        ],
      );
      await recordEvent(em, WorkflowObjectType.COMPLAINT, row.id, null, ComplaintState.SUBMITTED, this.viewer, title);
      return { id: row.id as string, dueOn, receiptToken: receipt.token };
    });
  }

  private async subjectOf(code: string) {
    const [subject] = await this.directory.resolve([{ code, path: { index: 0, field: 'subjectCode' } }], {
      register: false,
    });
    if (subject.kind === SubjectKind.ENTERPRISE)
      throw new InputError(
        bilingual(
          '此处投诉举报针对政务失信，不受理对企业的投诉',
          'complaints here concern government dishonesty, not enterprises',
        ),
        { field: 'subjectCode' },
      );
    return subject;
  }

  /** The reporter's own cap first, so a flooder is refused by it and never uses up the subject's. */
  private async checkCaps(em: EntityManager, subjectKey: string, reporter: string | null) {
    const { workflows } = this.policy;
    if (reporter) await this.checkCap(em, PER_REPORTER, reporter, workflows.complaintsPerReporterPerDay);
    await this.checkCap(em, PER_SUBJECT, subjectKey, workflows.complaintsPerSubjectPerDay);
    if (this.viewer.authenticated)
      await this.checkCap(em, PER_CLIENT, this.viewer.clientId, workflows.complaintsPerClientPerDay);
  }

  /**
   * Daily cap, serialised per key with a transaction-scoped advisory lock so racing reports cannot both slip under it.
   */
  private async checkCap(em: EntityManager, cap: Cap, value: string, limit: number) {
    await em.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`complaint:${cap.column}:${value}`]);
    const [row] = await em.execute(
      `SELECT count(*)::int AS n FROM records.complaint WHERE ${cap.column} = ? AND (created_at AT TIME ZONE ?)::date = ?::date`,
      [value, HUB_TIME_ZONE, this.today],
    );
    if (row.n >= limit)
      throw new RateLimitedError(
        bilingual(`每个${cap.zh}每天最多 ${limit} 件投诉举报`, `at most ${limit} complaints per ${cap.en} and day`),
        { limit, per: cap.en.toUpperCase() },
      );
  }
}
