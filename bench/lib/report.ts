import fs from 'node:fs';
import path from 'node:path';
import type { ServerName } from './options';
import type { BenchReport } from './results';

const SERVERS: ServerName[] = ['raw', 'hub', 'peer'];

function n(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** The main table: one row per scenario and server. */
export function resultRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const scenario of report.scenarios) {
    for (const server of SERVERS) {
      const r = scenario.servers[server];
      if (!r) continue;
      if (r.error && !r.load) {
        rows.push([
          scenario.name,
          server,
          '–',
          '–',
          '–',
          '–',
          '–',
          '–',
          '–',
          `error: ${r.error.replace(/\s+/g, ' ').slice(0, 200)}`,
        ]);
        continue;
      }
      const load = r.load!;
      const failed = load.errors + load.timeouts + load.non2xx + load.errorAnswers;
      rows.push([
        scenario.name,
        server,
        n(load.requestsPerSec, 1),
        `${n(r.itemsPerSec, 0)} ${scenario.itemLabel}/s`,
        n(load.p50Ms, 1),
        n(load.p99Ms, 1),
        n(r.rssPeakMb, 0),
        r.statementsPerOp === null || r.statementsPerOp === undefined ? '–' : String(r.statementsPerOp),
        String(failed),
        `${load.requests} requests, ${scenario.connections} connections, ${n(load.bytesPerResponse / 1024, 1)} KiB/response`,
      ]);
    }
  }
  return rows;
}

const HEAD = ['scenario', 'server', 'req/s', 'items/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'SQL/op', 'failed', 'notes'];

/** Title, revision, machine, dataset and load settings. */
function preamble(report: BenchReport): string[] {
  const m = report.machine;
  const d = report.dataset;
  return [
    `# credit-hub benchmark (${report.mode})`,
    '',
    `Generated ${report.generatedAt} by \`${report.command}\` on revision ${m.revision}.`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${String(m.postgres).split(',')[0]}; autocannon ${m.autocannon}; PostGraphile ${m.postgraphile} (+ connection-filter ${m.connectionFilter}).`,
    '',
    `Database: ${report.database.embedded ? 'embedded' : 'DATABASE_URL'}; dataset (${d.source}): ${n(d.subjects, 0)} subjects (${n(d.persons, 0)} civil servants), ${n(d.records, 0)} records, ${n(d.activeListings, 0)} of ${n(d.listings, 0)} listings in force; archive scenario: ${n(d.cadres, 0)} cadres with ${n(d.archiveEntries, 0)} file entries and ${n(d.cadreRecords, 0)} records naming them.`,
    '',
    `Load: autocannon over loopback, ${report.options.duration} s measured after ${report.options.warmup} s warm-up per scenario and server, ${report.options.connections.read} connections (reads), ${report.options.connections.ingest} (ingest); servers run one at a time.`,
    '',
  ];
}

function resultsTable(report: BenchReport): string[] {
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((h, i) => (i >= 2 && i <= 8 ? '---:' : '---')).join('|')}|`,
    ...resultRows(report).map((row) => `| ${row.join(' | ')} |`),
  ];
}

function ratiosTable(report: BenchReport): string[] {
  return [
    '',
    '| scenario | hub/raw throughput | hub/raw p50 | hub/raw p99 | hub/raw server CPU per request | hub/peer throughput | hub/peer p50 | hub/peer p99 | hub/peer server CPU per request |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.scenarios.map(({ name, ratios: r }) => {
      const raw = r.hubToRaw;
      const peer = r.hubToPeer;
      return `| ${name} | ${n(raw?.throughput, 2)} | ${n(raw?.p50, 2)} | ${n(raw?.p99, 2)} | ${n(raw?.cpuPerRequest, 1)} | ${n(peer?.throughput, 2)} | ${n(peer?.p50, 2)} | ${n(peer?.p99, 2)} | ${n(peer?.cpuPerRequest, 1)} |`;
    }),
  ];
}

function targetsTable(report: BenchReport): string[] {
  return [
    '',
    '| target | required | measured | met |',
    '|---|---|---:|---|',
    ...report.targets.map(
      (t) => `| ${t.name} | ${t.required} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} |`,
    ),
  ];
}

function cpuTable(report: BenchReport): string[] {
  const lines = [
    '',
    'CPU per request during the measured run (ms; from /proc: the server process, all PostgreSQL processes, the load generator) and the share of a core the server used:',
    '',
    '| scenario | server | server CPU ms/req | PostgreSQL CPU ms/req | autocannon CPU ms/req | server cores used | other processes, cores |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of report.scenarios) {
    for (const server of SERVERS) {
      const r = s.servers[server];
      if (!r?.cpuMsPerRequest) continue;
      lines.push(
        `| ${s.name} | ${server} | ${n(r.cpuMsPerRequest.server, 2)} | ${n(r.cpuMsPerRequest.postgres, 2)} | ${n(r.cpuMsPerRequest.loadGenerator, 2)} | ${n(r.serverCoreUse, 2)} | ${n(r.foreignCores, 2)} |`,
      );
    }
  }
  return lines;
}

/** Servers' commands and memory, the idempotent re-push's statements, and every check. */
function serversAndChecks(report: BenchReport): string[] {
  const lines: string[] = [];
  const servers = Object.entries(report.servers);
  if (servers.length) {
    lines.push('', '| server | command | start-up ms | VmHWM MB (whole life) |', '|---|---|---:|---:|');
    for (const [name, s] of servers)
      lines.push(`| ${name} | \`${s!.command}\` | ${n(s!.startupMs, 0)} | ${n(s!.vmHwmMb, 0)} |`);
  }
  if (report.hubStatements.ingestRepeat !== undefined) {
    lines.push(
      '',
      `Hub statements for the same ingest batch pushed again (all UNCHANGED): ${report.hubStatements.ingestRepeat}.`,
    );
  }
  lines.push('', 'Checks:', '');
  for (const c of report.checks) lines.push(`- ${c.ok ? 'ok' : '**FAIL**'} ${c.scenario}/${c.server}: ${c.detail}`);
  return lines;
}

export function markdown(report: BenchReport): string {
  const lines = [
    ...preamble(report),
    ...resultsTable(report),
    ...ratiosTable(report),
    ...targetsTable(report),
    ...cpuTable(report),
    ...serversAndChecks(report),
  ];
  return `${lines.join('\n')}\n`;
}

export function consoleTable(report: BenchReport): string {
  const rows = [HEAD, ...resultRows(report)].map((row) => row.map((cell, i) => (i === 9 ? cell.slice(0, 60) : cell)));
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i >= 2 && i <= 8 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  for (const s of report.scenarios) {
    if (s.ratios.hubToRaw || s.ratios.hubToPeer) {
      const r = s.ratios;
      out.push(
        `${s.name}: hub/raw throughput ${n(r.hubToRaw?.throughput, 2)} p50 ${n(r.hubToRaw?.p50, 2)} p99 ${n(r.hubToRaw?.p99, 2)} CPU/req ${n(r.hubToRaw?.cpuPerRequest, 1)}; hub/peer throughput ${n(r.hubToPeer?.throughput, 2)} p50 ${n(r.hubToPeer?.p50, 2)} CPU/req ${n(r.hubToPeer?.cpuPerRequest, 1)}`,
      );
    }
  }
  for (const t of report.targets) out.push(`target ${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.measured}`);
  return out.join('\n');
}

export function writeReport(report: BenchReport, outDir: string): { json: string; md: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'latest.json');
  const md = path.join(outDir, 'latest.md');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, markdown(report));
  return { json, md };
}
