import { statementWithoutValues } from '../../../src/db/error-report';

describe('statementWithoutValues', () => {
  it('replaces every literal and keeps identifiers', () => {
    const sql = `insert into "records"."credit_record" ("title", "e1", n) values ('联系人 O''Brien 13800138000', E'a\\\\b', 42, -1.5, '{"k":"v"}'::jsonb) limit 20`;
    expect(statementWithoutValues(sql)).toBe(
      `insert into "records"."credit_record" ("title", "e1", n) values (?, ?, ?, ?, ?::jsonb) limit ?`,
    );
  });

  it('leaves a statement without literals alone', () => {
    expect(statementWithoutValues('select t1.id from a.t1 where t1.x = $1')).toBe(
      'select t1.id from a.t1 where t1.x = $1',
    );
  });
});
