import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { clientApiSdl, CLIENT_SYSTEMS, CLIENTS_DIR } from './contract';

const relative = (...parts: string[]) => path.relative(process.cwd(), path.join(CLIENTS_DIR, ...parts));

/**
 * GraphQL Code Generator configuration of the client contract: one TypeScript file per client
 * system in clients/generated/, typed from the committed supergraph's API schema and that
 * system's operations (clients/<system>/*.graphql). `npm run clients` (and `npm run schema`)
 * run it; tests/schema/client-contract.test.ts fails when the committed output is stale.
 */
const config: CodegenConfig = {
  schema: clientApiSdl(),
  overwrite: true,
  silent: true,
  generates: Object.fromEntries(
    CLIENT_SYSTEMS.map((system) => [
      relative('generated', `${system}.ts`),
      {
        documents: relative(system, '*.graphql'),
        plugins: ['typescript-operations', 'typed-document-node'],
        config: {
          // Every scalar must be mapped: a new one fails generation instead of becoming `any`.
          strictScalars: true,
          scalars: { DateTimeISO: 'string', LocalDate: 'string' },
          useTypeImports: true,
        },
      },
    ]),
  ),
};

export default config;
