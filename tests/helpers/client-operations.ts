import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLIENT_SYSTEMS, CLIENTS_DIR } from '../../clients/contract';

export { CLIENTS_DIR, CLIENT_SYSTEMS };

export interface ClientOperationFile {
  /** The client system's folder, e.g. `procurement`. */
  system: string;
  /** The file name without `.graphql`, which is also the operation's name. */
  name: string;
  file: string;
  text: string;
}

/** Every operation of the client contract (clients/<system>/*.graphql), by system and name. */
export function clientOperationFiles(): ClientOperationFile[] {
  return CLIENT_SYSTEMS.flatMap((system) =>
    fs
      .readdirSync(path.join(CLIENTS_DIR, system))
      .filter((name) => name.endsWith('.graphql'))
      .sort()
      .map((name) => {
        const file = path.join(CLIENTS_DIR, system, name);
        return { system, name: name.replace(/\.graphql$/, ''), file, text: fs.readFileSync(file, 'utf8') };
      }),
  );
}

/**
 * The text of one contract operation, exactly as a client system sends it (and as
 * `credit-hub client allow` registers it): `clientOperation('procurement/BuyerCreditStatus')`.
 */
export function clientOperation(systemAndName: string): string {
  return fs.readFileSync(path.join(CLIENTS_DIR, `${systemAndName}.graphql`), 'utf8');
}

/**
 * What `npm run clients` would write now, computed in memory by GraphQL Code Generator with
 * clients/codegen.ts. Its packages are ES modules, so it runs in a Node process of its own.
 */
export async function generateClientTypes(): Promise<{ filename: string; content: string }[]> {
  const root = path.join(CLIENTS_DIR, '..');
  const script = path.join(__dirname, 'generate-clients.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, 'clients/codegen.ts'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
