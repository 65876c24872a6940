import { AccessRecorder } from '../../../audit/access-recorder';
import type { Principal } from '../../../auth/principal';
import type { Role } from '../../../auth/roles';
import { InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { isPersonKey } from '../../../identity/subject-keys';
import { createRecordsContext, type RecordsContext } from '../context';
import { maySeeStanding } from '../status/standing';
import { factsDigest, reportFacts } from './facts';
import { reportByNumber, type ReportRow } from './report.repository';
import { normalisedNumber, type ReportPayload } from './report.service';
import { CreditReportVerification } from './report.types';
import { digestMatches, presentedDigest, sha256Hex, verifiedPayload } from './signing';

/**
 * verifyCreditReport(number, digest), for anyone: authentic or not, the date of issue, and whether the facts changed.
 * The facts are recomputed as the issuing client would read them today (the report told that client, and the
 * presenter holds the report): the answer is one boolean, and the recomputation releases nothing, so it is not
 * logged (its access recorder is never written).
 */

function issuerOf(row: ReportRow): Principal {
  return Object.freeze({
    sub: row.issuer_sub,
    clientId: row.issued_by,
    issuer: row.issuer_iss,
    role: row.issuer_role as Role,
    regionPrefix: row.issuer_region,
    org: row.issuer_org ?? undefined,
    authenticated: true,
  });
}

/** The same request, as the report's issuer: its own loaders and finders, and an access recorder never flushed. */
function asIssuer(ctx: RecordsContext, issuer: Principal): RecordsContext {
  const { requestId, language, em, services } = ctx;
  const audit = new AccessRecorder(issuer, requestId, services.config.audit.hmacKeys[0]);
  return createRecordsContext({ viewer: issuer, requestId, language, em, services, audit });
}

/** The stored report's own integrity: its digest is its JWS's, and the JWS verifies with a published key. */
async function storedPayload(ctx: RecordsContext, row: ReportRow): Promise<ReportPayload | null> {
  if (sha256Hex(row.jws) !== row.digest.trim()) return null;
  const text = await verifiedPayload(row.jws, ctx.services.config.report);
  const payload = text ? (JSON.parse(text) as ReportPayload) : null;
  return payload?.number === row.number && payload.factsDigest === row.facts_digest.trim() ? payload : null;
}

async function changedSince(ctx: RecordsContext, row: ReportRow, payload: ReportPayload): Promise<boolean> {
  const issuerCtx = asIssuer(ctx, issuerOf(row));
  const [entry] = await issuerCtx.records.directory.lookup([row.subject_key], issuerCtx.records.directoryViewer);
  if (!entry) return true;
  if (isPersonKey(entry.key) && !(await maySeeStanding(issuerCtx, entry.key))) return true;
  return factsDigest(await reportFacts(issuerCtx, entry, payload.subject.code)) !== payload.factsDigest;
}

export async function verifyCreditReport(ctx: RecordsContext, rawNumber: string, rawDigest: string) {
  const number = normalisedNumber(rawNumber);
  const digest = presentedDigest(rawDigest);
  if (!digest)
    throw new InputError(
      bilingual(
        '摘要应为 64 位十六进制 SHA-256 或 16 位验证码',
        'the digest is a 64-digit hex SHA-256 or the 16-digit verification code',
      ),
      { field: 'digest' },
    );
  const answer = Object.assign(new CreditReportVerification(), {
    number,
    authentic: false,
    issuedOn: null,
    changedSinceIssue: null,
  });
  const row = await reportByNumber(ctx.em, number);
  if (!row || !digestMatches(row.digest.trim(), digest)) return answer;
  const payload = await storedPayload(ctx, row);
  if (!payload) return answer;
  return Object.assign(answer, {
    authentic: true,
    issuedOn: row.issued_on,
    changedSinceIssue: await changedSince(ctx, row, payload),
  });
}
