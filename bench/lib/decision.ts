import { HUB_DECISION } from './documents';
import type { ServerName } from './options';
import { dataOf } from './verify';
import type { BlacklistBatch, StatusCaller } from './workload';

/**
 * The decision scenario (#15 item 2): blacklistCheck with the interception policy's decision for PROCUREMENT, as
 * the status scenario's procurement system, on the blacklist scenario's batches. Raw computes the same decision and
 * writes the same check-log rows (bench/raw/blacklist.ts); PostGraphile has no policy to apply and is not run.
 */
export interface DecisionRow {
  code: string;
  valid: boolean;
  listed: boolean;
  decision: string;
  rule: string;
  /** The check log's row (bench/lib/check-log.ts). */
  logged?: string;
}

export function decisionBodies(server: ServerName, batches: BlacklistBatch[], caller: StatusCaller): string[] {
  return batches.map(({ codes }) =>
    server === 'hub'
      ? JSON.stringify({ query: HUB_DECISION, variables: { codes } })
      : JSON.stringify({ codes, context: 'PROCUREMENT', sub: caller.sub, org: caller.org ?? '' }),
  );
}

interface DecisionAnswer {
  blacklistCheck: { code: string; valid: boolean; listed: boolean; decision: string; rule: { id: string } }[];
}

export function decisionAnswer(server: ServerName, body: string): DecisionRow[] {
  return dataOf<DecisionAnswer>(server, body).blacklistCheck.map((row) => ({
    code: row.code,
    valid: row.valid,
    listed: row.listed,
    decision: row.decision,
    rule: row.rule.id,
  }));
}

export const DECISION_FIELDS: (keyof DecisionRow)[] = ['code', 'valid', 'listed', 'decision', 'rule', 'logged'];

/** Whether the scenario runs on this server. */
export function runsOn(scenario: string, server: ServerName): boolean {
  return scenario !== 'decision' || server !== 'peer';
}
