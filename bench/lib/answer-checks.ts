import { sql } from './database';
import { ENTRIES_PER_CADRE } from './cadre-files';
import type { ScenarioName, ServerName } from './options';
import { recordCheck, type RunContext } from './run-context';
import { httpPost, type RunningServer } from './servers';
import { archiveAnswer, blacklistAnswer, statusAnswer, type ArchiveAnswer, type StatusAnswer } from './verify';
import { ingestSource, type Workload } from './workload';
import { decisionAnswer } from './decision';
import { withCheckLog } from './check-log';

type Post = (body: string) => ReturnType<typeof httpPost>;
type Response = Awaited<ReturnType<Post>>;

/** The statements one request cost, when the server says (raw: the x-sql-statements header). */
function statementsOf(res: Response): number | null {
  return res.headers['x-sql-statements'] ? Number(res.headers['x-sql-statements']) : null;
}

async function postOk(post: Post, body: string): Promise<Response> {
  const res = await post(body);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return res;
}

async function checkBlacklist(ctx: RunContext, server: ServerName, post: Post, workload: Workload) {
  const { services } = ctx.db.runtime;
  let statements: number | null = null;
  const rows = [];
  for (let i = 0; i < ctx.plan.verifyCount.batches; i += 1) {
    const res = await postOk(post, workload.bodies![i]);
    statements ??= statementsOf(res);
    const answer = blacklistAnswer(server, res.body, ctx.plan.batches[i].codes, services.keys);
    // PostGraphile only looks the lists up: it neither decides nor logs (docs/benchmarks.md).
    rows.push(server === 'peer' ? answer : await withCheckLog(ctx.db.runtime, res.body, answer));
  }
  ctx.answers.blacklist[server] = rows;
  const flat = rows.flat();
  const listed = flat.filter((r) => r.listed).length;
  const invalid = flat.filter((r) => !r.valid).length;
  const unknown = flat.filter((r) => r.valid && r.name === null && !r.listed).length;
  // Every valid code is logged, the invalid ones not (the peer logs nothing).
  const logged = flat.filter((r) => r.logged !== undefined && r.logged !== '-').length;
  recordCheck(
    ctx,
    'blacklist',
    server,
    listed > 0 && invalid > 0 && unknown > 0 && (server === 'peer' || logged === flat.length - invalid),
    `${flat.length} codes: ${listed} listed, ${invalid} invalid, ${unknown} valid without a visible subject` +
      (server === 'peer' ? '; lists only' : `; ${logged} valid codes logged`),
  );
  return statements;
}

async function checkDecision(ctx: RunContext, server: ServerName, post: Post, workload: Workload) {
  let statements: number | null = null;
  const rows = [];
  for (let i = 0; i < ctx.plan.verifyCount.batches; i += 1) {
    const res = await postOk(post, workload.bodies![i]);
    statements ??= statementsOf(res);
    rows.push(await withCheckLog(ctx.db.runtime, res.body, decisionAnswer(server, res.body)));
  }
  ctx.answers.decision[server] = rows;
  const flat = rows.flat();
  const count = (decision: string) => flat.filter((r) => r.decision === decision).length;
  const [block, warn, pass] = [count('BLOCK'), count('WARN'), count('PASS')];
  const logged = flat.filter((r) => r.logged !== '-').length;
  const valid = flat.filter((r) => r.valid).length;
  recordCheck(
    ctx,
    'decision',
    server,
    block > 0 && warn > 0 && pass > 0 && logged === valid,
    `${flat.length} codes: ${block} BLOCK, ${warn} WARN, ${pass} PASS; ${logged} of ${valid} valid codes logged`,
  );
  return statements;
}

async function checkStatus(ctx: RunContext, server: ServerName, post: Post, workload: Workload) {
  const { services } = ctx.db.runtime;
  let statements: number | null = null;
  const list: StatusAnswer[] = [];
  for (let i = 0; i < ctx.plan.verifyCount.statuses; i += 1) {
    const res = await postOk(post, workload.bodies![i]);
    statements ??= statementsOf(res);
    list.push(statusAnswer(server, res.body, ctx.plan.statusCodes[i], services.keys, services.creditPolicy));
  }
  ctx.answers.status[server] = list;
  const levels = [...new Set(list.map((s) => s.level))].sort().join(' ');
  recordCheck(
    ctx,
    'status',
    server,
    list.every((s) => s.registered),
    `${list.length} statuses, levels seen: ${levels}`,
  );
  return statements;
}

async function checkArchive(ctx: RunContext, server: ServerName, post: Post, workload: Workload) {
  const { services } = ctx.db.runtime;
  let statements: number | null = null;
  const list: ArchiveAnswer[] = [];
  for (let i = 0; i < ctx.plan.verifyCount.archives; i += 1) {
    const res = await postOk(post, workload.bodies![i]);
    statements ??= statementsOf(res);
    list.push(archiveAnswer(server, res.body, ctx.plan.cadreCodes[i], services.keys, ctx.plan.reader));
  }
  ctx.answers.archive[server] = list;
  const granted = list.filter((a) => a.granted).length;
  const full20 = list.filter((a) => a.entryCount === ENTRIES_PER_CADRE).length;
  const records = list.reduce((n, a) => n + a.recordCount, 0);
  recordCheck(
    ctx,
    'archive',
    server,
    granted === list.length && full20 === list.length && records > 0,
    `${list.length} archives read: ${granted} granted, ${full20} with ${ENTRIES_PER_CADRE} entries, ${records} dishonesty records in all`,
  );
  return statements;
}

/** Raw and the hub must answer a batch pushed again with all rows UNCHANGED. */
async function repushDetail(ctx: RunContext, post: Post, body: string): Promise<{ ok: boolean; detail: string }> {
  const again = JSON.parse((await post(body)).body) as {
    data?: { submitRecords?: { created: number; unchanged: number } };
  };
  const repeat = again.data?.submitRecords;
  return {
    ok: repeat?.created === 0 && repeat.unchanged === ctx.options.ingestBatch,
    detail: `; same batch again: ${repeat?.created} created, ${repeat?.unchanged} unchanged`,
  };
}

async function checkIngest(ctx: RunContext, server: ServerName, post: Post, workload: Workload) {
  const body = workload.bodyFor!(999_999);
  const first = await postOk(post, body);
  if (first.body.includes('"errors":[')) throw new Error(first.body.slice(0, 400));
  const statements = statementsOf(first);
  const [{ n }] = await sql<{ n: number }>(
    ctx.db.runtime,
    `SELECT count(*)::int AS n FROM records.credit_record WHERE source_system = ? AND external_id LIKE ?`,
    [ingestSource(server), `%-999999-%`],
  );
  let detail = `${n}/${ctx.options.ingestBatch} rows stored`;
  let ok = n === ctx.options.ingestBatch;
  if (server !== 'peer') {
    const repush = await repushDetail(ctx, post, body);
    ok = ok && repush.ok;
    detail += repush.detail;
  } else {
    detail += '; no idempotent re-push possible (create mutations only)';
  }
  recordCheck(ctx, 'ingest', server, ok, detail);
  return statements;
}

const CHECKS: Record<
  ScenarioName,
  (ctx: RunContext, server: ServerName, post: Post, workload: Workload) => Promise<number | null>
> = {
  blacklist: checkBlacklist,
  decision: checkDecision,
  status: checkStatus,
  archive: checkArchive,
  ingest: checkIngest,
};

/** Sends the verification requests; returns the statements one request cost (raw: header). */
export function checkAnswers(
  ctx: RunContext,
  running: RunningServer,
  scenario: ScenarioName,
  workload: Workload,
): Promise<number | null> {
  const post: Post = (body) => httpPost(`${running.baseUrl}${workload.spec.path}`, body, workload.spec.headers);
  return CHECKS[scenario](ctx, running.name, post, workload);
}
