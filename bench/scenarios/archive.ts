/**
 * HOOK — NOT YET: "an organization department reading one cadre's archive with 20 entries and
 * records" (issue 6, scenario 3). The archives subgraph (诚信档案) is being written now; this
 * scenario stays skipped, with the message below, until it lands.
 *
 * To implement it when the archives subgraph exists:
 *  1. dataset: give ~200 cadres (PUBLIC_SERVANT managed by an org department) an archive of 20
 *     entries plus records each (through the archives service, like bench/lib/dataset.ts does
 *     for records), and add their codes to the code pools (bench/lib/workload.ts).
 *  2. hub: an ORG_DEPT token whose `org` is the managing department; the operation reads the
 *     cadre's archive entries and records (and is audited in the access log — keep it on).
 *  3. raw: a POST /archive endpoint in bench/raw/server.ts with the same SQL shape.
 *  4. peer: the archive tables through PostGraphile (no access log: say so in docs/benchmarks.md).
 *  5. return a ScenarioHook with `skip: undefined` and the three workloads; bench/lib/orchestrate.ts
 *     already runs any scenario whose hook does not skip.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ScenarioHook {
  /** Why the scenario does not run (undefined = it runs). */
  skip?: string;
}

export function archiveScenarioHook(): ScenarioHook {
  const built = fs.existsSync(path.resolve(__dirname, '..', '..', 'src', 'subgraphs', 'archives', 'index.js'));
  return {
    skip: built
      ? 'SKIPPED: the archives subgraph is built, but this benchmark scenario is not written yet (see bench/scenarios/archive.ts)'
      : 'SKIPPED: the archives subgraph does not exist yet (organization department reading a cadre archive of 20 entries; hook in bench/scenarios/archive.ts)',
  };
}
