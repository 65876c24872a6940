import { rowMapper } from '../../src/db/row-mapper';
import { allEntities } from '../../src/gateway/subgraphs';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * The finders map rows outside the unit of work; whatever they return must be what the
 * ORM's own `em.map` would: same properties, same JS types and values, for every entity
 * of every subgraph, on the demo data.
 */
describe('rowMapper', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('maps every entity’s rows exactly as em.map does', async () => {
    const em = t.services.orm.em.fork();
    let compared = 0;
    for (const entity of allEntities()) {
      const meta = em.getMetadata().get((entity as { name: string }).name);
      const rows = await em.execute(`SELECT * FROM "${meta.schema}"."${meta.tableName}" ORDER BY 1 LIMIT 20`);
      for (const row of rows) {
        const expected = { ...em.fork().map(entity as never, { ...row }) } as Record<string, unknown>;
        const actual = rowMapper(em, entity as never)({ ...row }) as Record<string, unknown>;
        expect(actual).toBeInstanceOf(entity as new () => object);
        // Plain own properties: nothing of the unit of work is attached.
        expect(Object.keys(actual).some((key) => key.startsWith('__'))).toBe(false);
        for (const [key, value] of Object.entries(expected)) {
          if (value === undefined) continue;
          expect([meta.className, key, actual[key]]).toEqual([meta.className, key, value]);
        }
        compared += 1;
      }
    }
    // The demo data fills most tables: the comparison must not pass vacuously.
    expect(compared).toBeGreaterThan(100);
  });
});
