import fs from 'node:fs';
import path from 'node:path';
import { isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { generateSchemaFiles, SCHEMA_DIR } from '../../src/cli/schema';
import { generatePermissionMatrix, PERMISSIONS_DOC } from '../../src/cli/permission-matrix';
import { SUBGRAPHS } from '../../src/gateway/subgraphs';
import { buildSubgraphs } from '../../src/gateway/hub';
import { migrationsList } from '../../migrations';
import { ALL_ROLES } from '../../src/auth/roles';
import { PUSH_SCOPE } from '../../src/subgraphs/records/findings/push-scope';
import { startTestHub } from '../helpers/test-hub';

type Table = Record<string, Record<string, unknown>>;
const PERMISSIONS = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.permissions as Table]));

describe('schema', () => {
  it('schema/ holds the SDL the code generates (run `npm run schema` after a schema change)', async () => {
    const files = await generateSchemaFiles();
    for (const [name, content] of files) {
      const file = path.join(SCHEMA_DIR, name);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('docs/permissions.md is the matrix the permission tables generate (run `npm run schema`)', async () => {
    expect(fs.readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(await generatePermissionMatrix());
  });

  it('the matrix marks a role-only ability exactly for its roles, and an object-dependent one as ○', async () => {
    const matrix = await generatePermissionMatrix();
    const row = (field: string) => matrix.split('\n').find((line) => line.startsWith(`| ${field} |`))!.split('|').slice(3, -1).map((c) => c.trim());
    const roles = ALL_ROLES.map(String);
    expect(row('Mutation.submitRecords')).toEqual(roles.map((role) => (role in PUSH_SCOPE ? '✓' : '✗')));
    expect(row('Subject.managedBy')[roles.indexOf('CREDIT_OFFICE')]).toBe('○');
    // Holds only for a token carrying its own organization (org): ○ for ORG_DEPT, ✗ for every other role.
    expect(row('Mutation.requestIntegrityOpinion')).toEqual(roles.map((role) => (role === 'ORG_DEPT' ? '○' : '✗')));
  });

  it('every migration file is listed, in order', () => {
    const dir = path.join(__dirname, '..', '..', 'migrations');
    const files = fs.readdirSync(dir).filter((f) => /^Migration\d+.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(migrationsList.map((m) => m.name)).toEqual(files);
  });

  describe('permission tables', () => {
    let built: { name: string; schema: GraphQLSchema }[];
    beforeAll(async () => {
      built = (await buildSubgraphs()).map((s) => ({ name: s.module.name, schema: s.schema }));
    });

    it('names every object type and every root field explicitly (deny by default covers the rest)', () => {
      const missing: string[] = [];
      for (const { name, schema } of built) {
        const table = PERMISSIONS[name];
        for (const type of Object.values(schema.getTypeMap())) {
          if (!isObjectType(type) || type.name.startsWith('__')) continue;
          const root = [schema.getQueryType(), schema.getMutationType()].includes(type);
          if (!(type.name in table)) {
            missing.push(`${name}: ${type.name}`);
            continue;
          }
          if (root) {
            for (const field of Object.keys(type.getFields())) {
              if (!(field in (table[type.name] as object))) missing.push(`${name}: ${type.name}.${field}`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('describes every field and input field a client can see', () => {
      const undescribed: string[] = [];
      for (const { name, schema } of built) {
        for (const type of Object.values(schema.getTypeMap())) {
          if (type.name.startsWith('_')) continue;
          if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
          for (const field of Object.values(type.getFields())) {
            // Federation's own fields (_service, _entities) are described by the specification.
            if (!field.name.startsWith('_') && !field.description) undescribed.push(`${name}: ${type.name}.${field.name}`);
          }
        }
      }
      expect(undescribed).toEqual([]);
    });
  });

  it('production mode hides introspection', async () => {
    const t = await startTestHub({ env: { NODE_ENV: 'production' } });
    try {
      const result = await t.run(`{ __schema { types { name } } }`);
      expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.data).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
