import type { ScenarioName, ServerName } from './options';
import type { Check } from './results';
import type { Answers } from './run-context';
import { differences, type ArchiveAnswer, type BlacklistRow, type StatusAnswer } from './verify';
import { DECISION_FIELDS } from './decision';

type Record_ = (scenario: ScenarioName, server: ServerName, lines: string[], against: ServerName) => void;

/** Compares hub's and peer's answers with the reference (raw, else the hub), field by field. */
function compareScenario<T extends object>(
  scenario: ScenarioName,
  byServer: Partial<Record<ServerName, T[]>>,
  fields: (keyof T)[],
  record: Record_,
  peerFields: (keyof T)[] = fields,
): void {
  const reference: ServerName | undefined = byServer.raw ? 'raw' : byServer.hub ? 'hub' : undefined;
  if (!reference) return;
  for (const server of ['hub', 'peer'] as ServerName[]) {
    if (server === reference || !byServer[server]) continue;
    const compared = server === 'peer' ? peerFields : fields;
    record(scenario, server, differences(byServer[reference]!, byServer[server]!, compared), reference);
  }
}

function flatBlacklist(answers: Answers): Partial<Record<ServerName, BlacklistRow[]>> {
  return Object.fromEntries(Object.entries(answers.blacklist).map(([server, rows]) => [server, rows.flat()]));
}

const BLACKLIST_FIELDS: (keyof BlacklistRow)[] = ['code', 'valid', 'listed', 'lists', 'name'];
const STATUS_FIELDS: (keyof StatusAnswer)[] = [
  'code',
  'registered',
  'level',
  'score',
  'active',
  'serious',
  'lists',
  'name',
];
const ARCHIVE_FIELDS: (keyof ArchiveAnswer)[] = [
  'code',
  'name',
  'granted',
  'entryCount',
  'recordCount',
  'entries',
  'records',
];

export function compareAnswers(answers: Answers, checks: Check[], log: (message: string) => void): void {
  const record: Record_ = (scenario, server, lines, against) => {
    const ok = lines.length === 0;
    checks.push({
      scenario,
      server,
      ok,
      detail: ok ? `same answers as ${against}` : `differs from ${against}: ${lines.slice(0, 5).join('; ')}`,
    });
    log(
      `  check ${ok ? 'ok  ' : 'FAIL'} ${scenario}/${server}: ${ok ? `same answers as ${against}` : lines.slice(0, 5).join('; ')}`,
    );
  };
  // The hub's check log is compared with raw's; the peer only looks the lists up.
  compareScenario('blacklist', flatBlacklist(answers), [...BLACKLIST_FIELDS, 'logged'], record, BLACKLIST_FIELDS);
  compareScenario(
    'decision',
    Object.fromEntries(Object.entries(answers.decision).map(([server, rows]) => [server, rows.flat()])),
    DECISION_FIELDS,
    record,
  );
  compareScenario('status', answers.status, STATUS_FIELDS, record);
  compareScenario('archive', answers.archive, ARCHIVE_FIELDS, record);
}
