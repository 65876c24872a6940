/**
 * The printable credit report (信用报告) and the verification page, as HTML in Chinese: no script, styles inline, a
 * print stylesheet, so "Print → Save as PDF" in any browser gives the PDF (docs/credit-report.md). Every value is
 * escaped: report texts come from pushed records.
 */

import { HUB_TIME_ZONE } from '../common/dates';
import { LABELS } from './report-labels';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** No script at all; inline styles only; forms post back here only. */
export const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 60rem;
  color: #111; line-height: 1.5; padding: 0 1rem; }
h1 { text-align: center; letter-spacing: .3em; } h2 { border-bottom: 2px solid #333; margin-top: 1.6rem; font-size: 1.1rem; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } .meta td:first-child { width: 9rem; background: #f7f7f7; }
.code { font-family: ui-monospace, monospace; font-size: 1.1rem; letter-spacing: .05em; }
.ok { color: #070; } .bad { color: #b00; } .note { color: #555; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } form, .no-print { display: none; } h2 { break-after: avoid; }
  tr { break-inside: avoid; } @page { size: A4; margin: 18mm 15mm; } }`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const label = (kind: keyof typeof LABELS, value: unknown) =>
  escapeHtml((LABELS[kind] as Record<string, string>)[String(value)] ?? value);
const issuedTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: HUB_TIME_ZONE, dateStyle: 'long', timeStyle: 'medium' }).format(
    new Date(iso),
  );

function table(headers: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="note">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The report as signed (the JWS payload) — the subset of fields the page prints. */
export interface PrintedReport {
  number: string;
  issuedAt: string;
  issuedOn: string;
  purpose: string;
  issuer: { client: string; role: string; org: string | null };
  subject: { code: string; name: string | null; kind: string; regionCode: string };
  standing: {
    level: string | null;
    score: number | null;
    undisclosedReasonCount: number;
    policyVersion: string;
    reasons: { kind: string; sourceId: string; points: number; explanation: string }[];
  };
  records: Record<string, unknown>[];
  listings: Record<string, unknown>[];
  commitments: Record<string, unknown>[];
  rankings: Record<string, unknown>[];
}

function header(r: PrintedReport, code: string): string {
  const e = escapeHtml;
  return `<h1>信用报告</h1><table class="meta">
<tr><td>报告编号</td><td class="code">${e(r.number)}</td></tr>
<tr><td>验证码</td><td class="code">${e(code)}</td></tr>
<tr><td>出具时间</td><td>${e(issuedTime(r.issuedAt))}（信息截至 ${e(r.issuedOn)}）</td></tr>
<tr><td>报告用途</td><td>${label('purpose', r.purpose)}</td></tr>
<tr><td>主体名称</td><td>${e(r.subject.name ?? '（不予显示）')}</td></tr>
<tr><td>主体代码</td><td class="code">${e(r.subject.code)}</td></tr>
<tr><td>行政区划</td><td>${e(r.subject.regionCode)}</td></tr>
<tr><td>申请单位</td><td>${e(r.issuer.org ?? r.issuer.client)}（${label('role', r.issuer.role)}）</td></tr></table>`;
}

function sections(r: PrintedReport): string {
  const e = escapeHtml;
  const s = r.standing;
  const hidden = s.undisclosedReasonCount ? `；另有 ${e(s.undisclosedReasonCount)} 项依据不向申请单位公开` : '';
  return `<h2>一、信用等级</h2><p>等级 <b>${e(s.level ?? '—')}</b>，分值 ${e(s.score ?? '—')}（信用评价规则 ${e(s.policyVersion)}${hidden}）。</p>
${table(
  ['类型', '编号', '分值', '说明'],
  s.reasons.map((x) => [label('reason', x.kind), e(x.sourceId), e(x.points), e(x.explanation)]),
  '无加减分事项。',
)}
<h2>二、有效信用记录</h2>
${table(
  ['性质', '类别', '程度', '事项', '文书号', '决定日期', '公示截止'],
  r.records.map((x) => [
    label('nature', x.nature),
    label('category', x.category),
    label('severity', x.severity),
    e(x.title),
    e(x.documentNo ?? ''),
    e(x.decidedAt),
    e(x.publicUntil),
  ]),
  '无有效信用记录。',
)}
<h2>三、名单</h2>
${table(
  ['名单', '列入事由', '依据', '起始', '截止'],
  r.listings.map((x) => [label('list', x.listType), e(x.reason), e(x.legalBasis), e(x.startsOn), e(x.endsOn ?? '')]),
  '未被列入名单。',
)}
<h2>四、信用承诺</h2>
${table(
  ['类别', '承诺事项', '履行期限', '状态'],
  r.commitments.map((x) => [label('commitment', x.kind), e(x.title), e(x.dueOn), label('state', x.status)]),
  '无信用承诺。',
)}
<h2>五、量化排名</h2>
${table(
  ['期间', '范围', '名次', '分值'],
  r.rankings.map((x) => [e(x.period), e(x.regionPrefix), `${e(x.rank)} / ${e(x.of)}`, e(x.score)]),
  '不适用或未公布。',
)}`;
}

/** The printable report; `verifyPath` is where a reader checks it (the public verification page). */
export function reportPage(r: PrintedReport, code: string, verifyPath: string): string {
  const footer = `<h2>说明</h2><p class="note">本报告依据出具时申请单位有权查阅的信息生成，仅供所述用途使用。报告已用 Ed25519 电子签名（JWS），
可凭报告编号和验证码在 <span class="code">${escapeHtml(verifyPath)}</span> 核验真伪及出具后信息是否变化；
签名公钥见 /.well-known/credit-report-keys.json。打印本页（或“另存为 PDF”）即得纸质报告。</p>`;
  return page(`信用报告 ${r.number}`, header(r, code) + sections(r) + footer);
}
