import { randomBytes } from 'node:crypto';
import { IsolationLevel } from '@mikro-orm/core';
import { InputError, NotFoundError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { invalidCodeError } from '../../../identity';
import { isPersonKey } from '../../../identity/subject-keys';
import type { RecordsContext } from '../context';
import { noteConfirmed } from '../lists/person-lookup';
import { confirmedSubject, maySeeStanding } from '../status/standing';
import { factsDigest, reportFacts, type ReportFacts } from './facts';
import { insertReport, lockReportNumbers, nextSequence, type ReportRow } from './report.repository';
import { CreditReport, type ReportPurpose } from './report.types';
import { sha256Hex, signReport, verificationCode } from './signing';

/** Report numbers: 信用报告 (XinYong BaoGao), the issue date in the hub's time zone, the day's sequence. */
export const REPORT_NUMBER = /^XYBG-(\d{4})(\d{2})(\d{2})-(\d{6})$/;

/** How long creditReport's one-time download token stays valid. */
export const DOWNLOAD_TOKEN_MS = 15 * 60_000;

/** What a credit report says, signed (docs/credit-report.md "Payload"). */
export interface ReportPayload extends ReportFacts {
  type: 'credit-hub/credit-report';
  version: 1;
  number: string;
  issuedAt: string;
  issuedOn: string;
  purpose: ReportPurpose;
  /** Who the report was issued to: it states what this client may read. */
  issuer: { client: string; role: string; region: string; org: string | null };
  /** SHA-256 of the facts (facts.ts factsDigest): what verification compares with today's. */
  factsDigest: string;
}

export function reportNumber(issuedOn: string, sequence: number): string {
  return `XYBG-${issuedOn.replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
}

/** A number as typed (case, spaces) normalised; BAD_USER_INPUT unless it has the documented shape. */
export function normalisedNumber(raw: string): string {
  const number = raw.trim().toUpperCase();
  if (!REPORT_NUMBER.test(number))
    throw new InputError(
      bilingual('报告编号格式应为 XYBG-YYYYMMDD-NNNNNN', 'a report number is XYBG-YYYYMMDD-NNNNNN'),
      {
        field: 'number',
      },
    );
  return number;
}

export function issuedOnOf(number: string): string {
  const [, y, m, d] = REPORT_NUMBER.exec(number)!;
  return `${y}-${m}-${d}`;
}

/** The GraphQL view of a stored report; the payload is the JWS's own text. */
export function creditReportOf(
  row: Pick<ReportRow, 'number' | 'purpose' | 'issued_at' | 'jws' | 'key_id' | 'digest'>,
  downloadToken: string | null = null,
) {
  const payloadJson = Buffer.from(row.jws.split('.')[1], 'base64url').toString('utf8');
  return Object.assign(new CreditReport(), {
    number: row.number,
    purpose: row.purpose as ReportPurpose,
    issuedAt: new Date(row.issued_at),
    issuedOn: issuedOnOf(row.number),
    jws: row.jws,
    payloadJson,
    keyId: row.key_id,
    digest: row.digest,
    verificationCode: verificationCode(row.digest),
    downloadToken,
  });
}

/** The subject of `code` as the caller may be told it, with its standing; NOT_FOUND as for an unregistered code. */
async function reportSubject(ctx: RecordsContext, code: string) {
  const identified = ctx.services.keys.identify(code);
  if (!identified.check.valid) throw invalidCodeError(code, identified.check, { field: 'code' });
  const entry = await confirmedSubject(ctx, identified.keys);
  if (!entry || !(await maySeeStanding(ctx, entry.key)))
    throw new NotFoundError(bilingual('未找到该主体', 'no such subject'), { field: 'code' });
  if (isPersonKey(entry.key)) noteConfirmed(ctx, entry.key, 'creditReport');
  return { entry, code: identified.normalized };
}

/**
 * creditReport(code, purpose): reads the facts, numbers, signs and stores the report in one REPEATABLE READ
 * transaction, so the report is one consistent snapshot and its number is taken only if it is stored. Issues queue on
 * the table lock taken first (report.repository.ts lockReportNumbers).
 */
export async function issueCreditReport(ctx: RecordsContext, code: string, purpose: ReportPurpose) {
  const { viewer, em } = ctx;
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ });
  try {
    await lockReportNumbers(em);
    const subject = await reportSubject(ctx, code);
    const facts = await reportFacts(ctx, subject.entry, subject.code);
    const issuedOn = ctx.records.today;
    const sequence = await nextSequence(em, issuedOn);
    const number = reportNumber(issuedOn, sequence);
    const issuedAt = new Date();
    const downloadToken = randomBytes(24).toString('base64url');
    const issuer = { client: viewer.clientId, role: viewer.role, region: viewer.regionPrefix, org: viewer.org ?? null };
    const digestOfFacts = factsDigest(facts);
    const payload: ReportPayload = {
      ...{ type: 'credit-hub/credit-report', version: 1, number, issuedAt: issuedAt.toISOString(), issuedOn },
      ...{ purpose, issuer, ...facts, factsDigest: digestOfFacts },
    };
    const settings = ctx.services.config.report;
    const jws = await signReport(JSON.stringify(payload), settings);
    const row = {
      ...{ number, issued_on: issuedOn, sequence, issued_at: issuedAt, purpose },
      ...{ subject_key: subject.entry.key, subject_region: subject.entry.regionCode, issued_by: viewer.clientId },
      ...{ issuer_sub: viewer.sub, issuer_iss: viewer.issuer, issuer_role: viewer.role },
      ...{ issuer_region: viewer.regionPrefix, issuer_org: viewer.org ?? null, key_id: settings.keyId, jws },
      ...{ digest: sha256Hex(jws), facts_digest: digestOfFacts, download_token_hash: sha256Hex(downloadToken) },
      download_expires_at: new Date(issuedAt.getTime() + DOWNLOAD_TOKEN_MS),
    };
    await insertReport(em, row);
    await em.commit();
    return creditReportOf(row, downloadToken);
  } catch (error) {
    await em.rollback();
    throw error;
  }
}
