import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal';
import { PUBLIC_PRINCIPAL } from '../auth/principal';
import { sendJson } from './http-util';
import { escapeHtml, page, PAGE_POLICY, reportPage, type PrintedReport } from './report-page';
import type { AuthenticatedRoute } from './request-budget';
import type { GatewayServer } from './server';

/**
 * The HTTP side of credit reports (docs/credit-report.md), on the gateway of every deployment: each page runs the
 * GraphQL operation through the gateway as the caller, so the permission table decides, as for /graphql.
 * - GET /.well-known/credit-report-keys.json: the JWKS of the report keys (public, cacheable);
 * - GET /reports/credit-report.json|.html?number=N: a report the caller's client issued (bearer token), or with
 *   `&token=T` the report of a one-time download token (a link a browser can open), as JSON (the JWS and its payload)
 *   or as the printable page;
 * - GET /verify-report[?number=N&code=C]: the public verification form and its answer.
 */
export const REPORT_KEYS_PATH = '/.well-known/credit-report-keys.json';
export const REPORT_JSON_PATH = '/reports/credit-report.json';
export const REPORT_HTML_PATH = '/reports/credit-report.html';
export const VERIFY_PATH = '/verify-report';

const ISSUED = `query IssuedCreditReport($number: String!) {
  issuedCreditReport(number: $number) { number issuedOn keyId digest verificationCode jws payloadJson }
}`;
const REDEEM = `mutation RedeemCreditReportDownload($number: String!, $token: String!) {
  redeemCreditReportDownload(number: $number, token: $token) {
    number issuedOn keyId digest verificationCode jws payloadJson
  }
}`;
const VERIFY = `query VerifyCreditReport($number: String!, $digest: String!) {
  verifyCreditReport(number: $number, digest: $digest) { number authentic issuedOn changedSinceIssue }
}`;

interface IssuedReport {
  number: string;
  verificationCode: string;
  payloadJson: string;
}
interface Verification {
  number: string;
  authentic: boolean;
  issuedOn: string | null;
  changedSinceIssue: boolean | null;
}
interface Result {
  data?: {
    issuedCreditReport?: IssuedReport | null;
    redeemCreditReportDownload?: IssuedReport | null;
    verifyCreditReport?: Verification | null;
  } | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

async function execute(hub: GatewayServer, viewer: Principal, query: string, variables: Record<string, string>) {
  const response = await hub.server.executeOperation({ query, variables }, { contextValue: hub.contextFor(viewer) });
  return (response.body.kind === 'single' ? response.body.singleResult : { errors: [{}] }) as Result;
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 };

function sendHtml(res: ServerResponse, status: number, html: string, cache = 'no-store') {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_POLICY,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    // A download link carries its one-time token: no page may learn it from a Referer.
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

/** The report a download asks for: by one-time token (anyone holding it, once), else the caller's own issued one. */
async function requested(hub: GatewayServer, url: URL, viewer: Principal) {
  const number = url.searchParams.get('number') ?? '';
  const token = url.searchParams.get('token');
  if (token === null) {
    const result = await execute(hub, viewer, ISSUED, { number });
    return { result, report: result.data?.issuedCreditReport };
  }
  const result = await execute(hub, PUBLIC_PRINCIPAL, REDEEM, { number, token });
  return { result, report: result.data?.redeemCreditReportDownload };
}

/** A report download: the issuer's own or a valid one-time token's, else 404 (another's and none look the same). */
function download(hub: GatewayServer, format: 'json' | 'html'): AuthenticatedRoute {
  return async (_req, res, url, viewer) => {
    const { result, report } = await requested(hub, url, viewer);
    const code = String(result.errors?.[0]?.extensions?.code ?? '');
    res.setHeader('cache-control', 'no-store');
    if (!report)
      return sendJson(res, code ? (STATUS[code] ?? 500) : 404, result.errors ? result : { error: 'not found' });
    const payload = JSON.parse(report.payloadJson);
    if (format === 'html')
      return sendHtml(res, 200, reportPage(payload as PrintedReport, report.verificationCode, VERIFY_PATH));
    const { payloadJson: _text, ...signed } = report;
    res.setHeader('content-disposition', `attachment; filename="${report.number}.json"`);
    sendJson(res, 200, { ...signed, payload });
  };
}

function verifyForm(number: string, code: string): string {
  return `<h1>信用报告核验</h1><form method="get" action="${VERIFY_PATH}">
<p><label>报告编号 <input name="number" required placeholder="XYBG-YYYYMMDD-NNNNNN" value="${escapeHtml(number)}"></label></p>
<p><label>验证码或摘要 <input name="code" required size="70" placeholder="XXXX-XXXX-XXXX-XXXX" value="${escapeHtml(code)}"></label></p>
<p><button type="submit">核验</button></p></form>`;
}

function verdict(result: Result): string {
  const v = result.data?.verifyCreditReport;
  if (!v) return `<p class="bad">报告编号或验证码格式不正确。</p>`;
  if (!v.authentic) return `<p class="bad"><b>未通过核验</b>：没有以该编号和验证码出具的报告，或报告已被篡改。</p>`;
  const changed = v.changedSinceIssue
    ? '<span class="bad">报告出具后，其所载信用信息已发生变化，请以最新报告为准。</span>'
    : '<span class="ok">报告出具后，其所载信用信息未发生变化。</span>';
  return `<p class="ok"><b>核验通过</b>：报告 ${escapeHtml(v.number)} 真实有效，出具日期 ${escapeHtml(v.issuedOn)}。</p><p>${changed}</p>`;
}

/** The public verification page: anyone, as PUBLIC whatever token it sends (the answer is the same for all). */
function verifyPage(hub: GatewayServer): AuthenticatedRoute {
  return async (_req, res, url) => {
    const number = url.searchParams.get('number') ?? '';
    const code = url.searchParams.get('code') ?? '';
    const asked = number !== '' || code !== '';
    const result = asked ? await execute(hub, PUBLIC_PRINCIPAL, VERIFY, { number, digest: code }) : undefined;
    const note = '<p class="note">核验只回答报告是否真实、出具日期及其后信息是否变化，不显示报告内容。</p>';
    sendHtml(res, 200, page('信用报告核验', verifyForm(number, code) + (result ? verdict(result) : '') + note));
  };
}

/** The JWKS of the report keys (the signing key first, then older keys still verifying). */
function reportKeys(hub: GatewayServer) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('cache-control', 'public, max-age=300');
    sendJson(res, 200, { keys: hub.deps.config.report.publicKeys.map((entry) => entry.jwk) });
  };
}

export function reportRoutes(hub: GatewayServer) {
  return {
    keys: { [REPORT_KEYS_PATH]: reportKeys(hub) },
    authenticated: {
      [REPORT_JSON_PATH]: download(hub, 'json'),
      [REPORT_HTML_PATH]: download(hub, 'html'),
      [VERIFY_PATH]: verifyPage(hub),
    } as Record<string, AuthenticatedRoute>,
  };
}
