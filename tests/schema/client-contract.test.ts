import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { clientApiSchema } from '../../clients/contract';
import { CLIENT_SYSTEMS, CLIENTS_DIR, clientOperationFiles, generateClientTypes } from '../helpers/client-operations';

/**
 * The client contract (clients/): the operations client systems are built against validate
 * against the committed supergraph's API schema, and the TypeScript types generated from them
 * are the committed ones. Run `npm run clients` after changing an operation, `npm run schema`
 * (which runs it too) after changing the schema.
 */
describe('client contract (clients/)', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = clientApiSchema();
  });
  const operations = clientOperationFiles();

  it('has the four client systems, each with a guide and operations', () => {
    expect(CLIENT_SYSTEMS).toEqual(['org-dept', 'procurement', 'record-push', 'tendering']);
    for (const system of CLIENT_SYSTEMS) {
      expect({ system, guide: fs.existsSync(path.join(CLIENTS_DIR, system, 'README.md')) }).toEqual({
        system,
        guide: true,
      });
      expect(operations.filter((op) => op.system === system).length).toBeGreaterThan(0);
    }
  });

  it.each(operations.map((op) => [`${op.system}/${op.name}`, op]))(
    '%s is one named operation, named as its file, self-contained',
    (_label, op) => {
      const definitions = parse(op.text).definitions;
      expect(definitions.map((d) => d.kind)).toEqual([Kind.OPERATION_DEFINITION]);
      expect((definitions[0] as OperationDefinitionNode).name?.value).toBe(op.name);
    },
  );

  it('operation names are unique across client systems (the access log and metrics key on them)', () => {
    const names = operations.map((op) => op.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(operations.map((op) => [`${op.system}/${op.name}`, op]))(
    '%s validates against the supergraph API schema',
    (_label, op) => {
      expect(validate(schema, parse(op.text)).map((error) => error.message)).toEqual([]);
    },
  );

  it('validates against the API schema, not the raw supergraph: an @inaccessible field is refused', () => {
    const errors = validate(schema, parse('query Probe($code: String!) { subject(code: $code) { codeKey } }'));
    expect(errors.map((error) => error.message)).toEqual([expect.stringContaining('codeKey')]);
  });

  it('clients/generated/ holds what GraphQL Code Generator writes now (run `npm run clients`)', async () => {
    const generated = await generateClientTypes();
    const root = path.join(CLIENTS_DIR, '..');
    expect(generated.map((file) => file.filename).sort()).toEqual(
      CLIENT_SYSTEMS.map((system) => `clients/generated/${system}.ts`),
    );
    const committed = fs.readdirSync(path.join(CLIENTS_DIR, 'generated')).sort();
    expect(committed).toEqual(CLIENT_SYSTEMS.map((system) => `${system}.ts`));
    for (const { filename, content } of generated) {
      // Named in the comparison, so a failure says which file is stale.
      expect({ filename, content: fs.readFileSync(path.join(root, filename), 'utf8') }).toEqual({ filename, content });
    }
  }, 120000);
});
