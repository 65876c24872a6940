import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Kind, parse } from 'graphql';
import { ClientStatus } from '../auth/client.entity';
import type { RegisteredClient } from '../auth/client-claims';
import { ClientRegistryError, type ClientRegistry } from '../auth/client-registry';
import { ALL_ROLES } from '../auth/roles';
import { DEVELOPMENT_ISSUER, loadConfig } from '../config';

type WithClients = (work: (clients: ClientRegistry) => Promise<void>) => Promise<void>;

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** One line per client: id, status, role, jurisdiction, organization, issuer and subject, operations. */
export function describeClient(client: RegisteredClient): string {
  const operations = client.operations ? `${client.operations.size} operation(s)` : 'any operation';
  const jurisdiction = client.regionPrefix || '(national)';
  return [
    client.id,
    client.status,
    client.role,
    jurisdiction,
    client.org ?? '-',
    `${client.issuer} ${client.subject}`,
    operations,
    client.label,
  ]
    .filter((part) => part !== '')
    .join('\t');
}

/** Refusals are the operator's to fix: said plainly, exit code 2, nothing written. */
async function refusing(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ClientRegistryError)) throw error;
    process.stderr.write(`credit-hub: ${error.message}\n`);
    process.exitCode = 2;
  }
}

/** The operation documents of `client allow`: each file one named operation, checked before anything is written. */
export function operationDocuments(files: string[]): { name: string; text: string }[] {
  return files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    let names: string[];
    try {
      names = parse(text).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? ''] : [],
      );
    } catch (error) {
      throw new ClientRegistryError(
        `${path.basename(file)} 不是有效的 GraphQL 文档：${(error as Error).message} (not a GraphQL document)`,
      );
    }
    if (names.length !== 1 || !names[0]) {
      throw new ClientRegistryError(
        `${path.basename(file)} 必须恰好包含一个具名操作 (must hold exactly one named operation)`,
      );
    }
    return { name: names[0], text };
  });
}

/** `credit-hub client add|list|revoke|allow` (docs/clients.md). */
export function clientCommands(program: Command, withClients: WithClients): void {
  const client = program
    .command('client')
    .description('the client registry: which client systems may call the hub (docs/clients.md)');
  client
    .command('add')
    .description('register a client system; its tokens must carry this iss and sub')
    .requiredOption('--sub <subject>', 'token `sub` of the client system')
    .option('--iss <issuer>', 'token `iss` (default: JWT_ISSUER, else the development issuer)')
    .option('--id <id>', 'stable client id stored as "who did it" (default: the sub)')
    .addOption(
      new Option('--role <role>', 'its role')
        .choices(ALL_ROLES.filter((r) => r !== 'PUBLIC') as string[])
        .makeOptionMandatory(),
    )
    .option('--region <prefix>', 'jurisdiction: division-code prefix (omit for national)')
    .option(
      '--org <code>',
      "its own USCC; for SUBJECT one person's ID number or a unit's USCC (omit for a self-service portal)",
    )
    .option('--label <text>', 'a name for people reading the registry')
    .action((options) =>
      withClients((clients) =>
        refusing(async () => {
          const issuer = options.iss ?? loadConfig().jwt.issuer ?? DEVELOPMENT_ISSUER;
          const { id, sub: subject, role, region, org, label } = options;
          const added = await clients.add({ id, issuer, subject, role, region, org, label });
          write(describeClient(added));
        }),
      ),
    );
  client
    .command('list')
    .description('list registered client systems (tab-separated)')
    .addOption(new Option('--status <status>', 'only ACTIVE or REVOKED ones').choices(Object.values(ClientStatus)))
    .action((options) =>
      withClients(async (clients) =>
        (await clients.list({ status: options.status })).forEach((c) => write(describeClient(c))),
      ),
    );
  client
    .command('revoke')
    .description('revoke a client system: its tokens are refused once verifier caches expire (CLIENT_CACHE_TTL)')
    .argument('<id>', 'client id')
    .action((id: string) =>
      withClients((clients) => refusing(async () => write(describeClient(await clients.revoke(id))))),
    );
  client
    .command('allow')
    .description('restrict a client to registered operations (trusted documents, by SHA-256), adding these files')
    .argument('<id>', 'client id')
    .argument('<files...>', 'GraphQL files, one named operation each, exactly as the client sends them')
    .action((id: string, files: string[]) =>
      withClients((clients) =>
        refusing(async () => write(describeClient(await clients.allowOperations(id, operationDocuments(files))))),
      ),
    );
}
