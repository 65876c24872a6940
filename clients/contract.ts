import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The folder of the client contract: one subfolder of operations per client system, and generated/. */
export const CLIENTS_DIR = __dirname;

/** The client systems: every folder of clients/ but generated/, each with its operations and README.md. */
export const CLIENT_SYSTEMS: readonly string[] = fs
  .readdirSync(CLIENTS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'generated')
  .map((entry) => entry.name)
  .sort();

/** The committed supergraph (`npm run schema` writes it). */
export const SUPERGRAPH_FILE = path.join(CLIENTS_DIR, '..', 'schema', 'supergraph.graphql');

/**
 * The schema client systems see through the gateway: the composed supergraph's API schema,
 * without federation's join__/link__ machinery and without @inaccessible fields (codeKey,
 * personKey), so an operation that validates here is one the gateway accepts.
 */
export function clientApiSchema(supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8')): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema as SDL, sorted so that the generated types do not move with composition order. */
export function clientApiSdl(): string {
  return printSchema(lexicographicSortSchema(clientApiSchema()));
}
