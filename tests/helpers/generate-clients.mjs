// Runs GraphQL Code Generator on a configuration file in memory and prints the files it would
// write, as JSON [{ filename, content }]. A process of its own: the generator's packages are ES
// modules, which Jest on Node 20 cannot load (tests/helpers/client-operations.ts runs it).
import process from 'node:process';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const { config } = await loadCodegenConfig({ configFilePath: process.argv[2] });
const files = await generate(config, false);
process.stdout.write(JSON.stringify(files.map(({ filename, content }) => ({ filename, content }))));
