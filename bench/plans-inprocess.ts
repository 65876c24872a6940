#!/usr/bin/env node
/**
 * Plans of the hot finders on the benchmark's dataset, at whatever size it has been seeded to:
 * runs each hot operation once through the gateway in this process, EXPLAINs every statement it
 * sent and fails (exit 1) when one reads a growing table whole. The test
 * tests/records/plans-at-scale.test.ts does the same at 20k subjects in CI; this is for the
 * national sizes (docs/deployment.md "Sizing").
 *
 *   npm run bench:plans -- --subjects 5000000 --records 15000000 [--out DIR]
 *
 * Seeds the bench database (DATABASE_URL, else the embedded one: BENCH_PG_DATA_DIR,
 * BENCH_PG_PORT) to the asked size first, as `npm run bench` does, then ANALYZEs it.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { makePrincipal, type Principal } from '../src/auth/principal';
import { Role } from '../src/auth/roles';
import { PROJECT_ROOT } from '../src/common/paths';
import { bigTables, captureStatements, explainScans, seqScansOfGrowing } from '../src/db/plan-scans';
import { createHub, type Hub } from '../src/gateway/hub';
import { openBenchDatabase } from './lib/database';
import { ensureDataset } from './lib/dataset';
import { parseArgs } from './lib/options';
import { planRun } from './lib/plan';
import { BENCH_REGION, CALLERS } from './lib/hub-statements';
import { ARCHIVE_PURPOSE, HUB_ARCHIVE, HUB_BLACKLIST, HUB_DECISION, HUB_STATUS } from './lib/documents';

interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  viewer: Principal;
}

interface PlanReport {
  name: string;
  statements: number;
  scans: string[];
  wholeReads: string[];
}

const clientDocument = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'clients', file), 'utf8');
const WARNINGS = '{ warnings(first: 50) { id kind subject { name } } }';

async function explainOperation(hub: Hub, knex: Knex, big: Set<string>, op: Operation): Promise<PlanReport> {
  const execute = () =>
    hub.server.executeOperation(
      { query: op.query, variables: op.variables },
      { contextValue: hub.contextFor(op.viewer) },
    );
  await execute(); // warms the plan cache: the captured run is the steady one
  const { result, statements } = await captureStatements(knex, execute);
  if (result.body.kind !== 'single' || result.body.singleResult.errors)
    throw new Error(`${op.name} answered with errors: ${JSON.stringify(result.body).slice(0, 400)}`);
  const scans: string[] = [];
  for (const s of statements) scans.push(...(await explainScans(knex, s.sql, s.bindings)));
  return { name: op.name, statements: statements.length, scans, wholeReads: seqScansOfGrowing(scans, big) };
}

function markdown(reports: PlanReport[], counts: { subjects: number; records: number }): string {
  const lines = [
    `# Plans of the hot finders at ${counts.subjects.toLocaleString('en')} subjects, ` +
      `${counts.records.toLocaleString('en')} records`,
    '',
    `Generated ${new Date().toISOString()} by \`npm run bench:plans\`. A growing table read whole fails the run.`,
    '',
    '| operation | statements | scans | growing tables read whole |',
    '|---|---:|---|---|',
    ...reports.map(
      (r) =>
        `| ${r.name} | ${r.statements} | ${[...new Set(r.scans)].join('<br>')} | ${r.wholeReads.join(', ') || 'none'} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function operations(plan: Awaited<ReturnType<typeof planRun>>): Operation[] {
  const codes = plan.batches[0].codes;
  const procurement = makePrincipal(CALLERS.status);
  const office = makePrincipal({ sub: 'bench-plans-office', role: Role.CREDIT_OFFICE, region: BENCH_REGION });
  return [
    {
      name: `blacklistCheck (${codes.length} codes)`,
      query: HUB_BLACKLIST,
      variables: { codes },
      viewer: makePrincipal(CALLERS.blacklist),
    },
    {
      name: `blacklistCheck with decision (${codes.length} codes)`,
      query: HUB_DECISION,
      variables: { codes },
      viewer: procurement,
    },
    { name: 'creditStatus', query: HUB_STATUS, variables: { code: plan.statusCodes[0] }, viewer: procurement },
    {
      name: 'creditReview (100 codes)',
      query: clientDocument('procurement/SupplierCreditReview.graphql'),
      variables: { codes: codes.slice(0, 100) },
      viewer: procurement,
    },
    {
      name: 'the record page by subject',
      query: clientDocument('procurement/BuyerRecords.graphql'),
      variables: { code: plan.statusCodes[0] },
      viewer: procurement,
    },
    {
      name: 'archive read (with its access-log append)',
      query: HUB_ARCHIVE,
      variables: { code: plan.cadreCodes[0], purpose: ARCHIVE_PURPOSE },
      viewer: makePrincipal(CALLERS.archive),
    },
    { name: 'the warning list of a credit office', query: WARNINGS, variables: {}, viewer: office },
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseArgs(args);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const db = await openBenchDatabase(options, log);
  try {
    const dataset = await ensureDataset(db, options, log);
    const plan = await planRun(db, options);
    const knex = db.runtime.services.orm.em.getConnection().getKnex();
    log('ANALYZE');
    await knex.raw('ANALYZE');
    const big = await bigTables(knex, 10_000);
    const hub = await createHub(db.runtime.services);
    const reports: PlanReport[] = [];
    try {
      for (const op of operations(plan)) reports.push(await explainOperation(hub, knex, big, op));
    } finally {
      await hub.stop();
    }
    const text = markdown(reports, dataset);
    fs.mkdirSync(options.outDir, { recursive: true });
    const file = path.join(options.outDir, `plans-${dataset.subjects}.md`);
    fs.writeFileSync(file, text);
    process.stdout.write(`${text}\nwritten to ${file}\n`);
    if (reports.some((r) => r.wholeReads.length > 0)) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  process.stderr.write(`plans-inprocess: ${(error as Error).stack}\n`);
  process.exit(1);
});
