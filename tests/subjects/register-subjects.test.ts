import { makeResidentId, makeUscc } from '../../src/identity';
import { as, codes, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient } from '../helpers/viewers';

const REGISTER = `mutation Register($input: [SubjectInput!]!) {
  registerSubjects(input: $input) { id kind name code regionCode position parent { code } }
}`;

describe('registerSubjects', () => {
  let t: TestHub;
  let office: ReturnType<typeof as>;
  beforeAll(async () => {
    t = await startTestHub({ demo: 'subjects' });
    office = as(Role.CREDIT_OFFICE, { region: '320900', org: t.demo.creditOffice.code });
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.sql('SELECT count(*)::int AS n FROM subjects.subject'))[0].n);

  it('upserts by code: the same batch twice gives the same rows', async () => {
    const input = [
      {
        kind: 'INSTITUTION',
        name: '盐城市档案馆',
        code: makeUscc('12', '320900', '71234567'),
        regionCode: '320900',
        parentCode: t.demo.city.code,
      },
    ];
    const before = await count();
    const first = await t.run(REGISTER, { input }, office);
    const second = await t.run(REGISTER, { input }, office);
    expect(first.errors).toBeUndefined();
    expect(second.data!.registerSubjects[0].id).toBe(first.data!.registerSubjects[0].id);
    expect(await count()).toBe(before + 1);
    const renamed = await t.run(REGISTER, { input: [{ ...input[0], name: '盐城市档案馆（更名）' }] }, office);
    expect(renamed.data!.registerSubjects[0]).toMatchObject({
      id: first.data!.registerSubjects[0].id,
      name: '盐城市档案馆（更名）',
    });
  });

  it('accepts a parent later in the same batch and returns input order', async () => {
    const parent = makeUscc('11', '320902', '72345678');
    const child = makeUscc('12', '320902', '73456789');
    const result = await t.run(
      REGISTER,
      {
        input: [
          { kind: 'INSTITUTION', name: '亭湖区城建档案室', code: child, regionCode: '320902', parentCode: parent },
          {
            kind: 'DEPARTMENT',
            name: '亭湖区档案局',
            code: parent,
            regionCode: '320902',
            parentCode: t.demo.county('320902').government.code,
          },
        ],
      },
      office,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerSubjects.map((s: { code: string }) => s.code)).toEqual([child, parent]);
    expect(result.data!.registerSubjects[0].parent).toEqual({ code: parent });
  });

  it('normalises lower-case codes and stores resident ID numbers only hashed and encrypted', async () => {
    const id = makeResidentId('320902', '19860101', 77);
    const result = await t.run(
      REGISTER,
      {
        input: [
          {
            kind: 'PUBLIC_SERVANT',
            name: '测试人员',
            code: ` ${id.toLowerCase()} `,
            regionCode: '320902',
            parentCode: t.demo.county('320902').finance.code,
            position: '科员',
            managedByCode: t.demo.county('320902').orgDept.code,
          },
        ],
      },
      office,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerSubjects[0].code).toBe(id);
    const rows = await t.sql(`SELECT * FROM subjects.subject WHERE name = '测试人员'`);
    expect(JSON.stringify(rows)).not.toContain(id.slice(6, 14));
    expect(rows[0].code_key).toMatch(/^h:[0-9a-f]{64}$/);
    expect(rows[0].code_display).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
  });

  it.each([
    ['a wrong USCC check character', { code: '91110000600037341N' }, 'code'],
    ['forbidden letters', { code: '9111000060003IOZSV' }, 'code'],
    ['a code of the wrong kind', { kind: 'ENTERPRISE', code: makeUscc('11', '320900', '74567890') }, 'code'],
    ['a bad division code', { regionCode: '329999X' }, 'regionCode'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an unknown parent', { parentCode: makeUscc('11', '320900', '75678901') }, 'parentCode'],
    ['a position on an organization', { position: '局长' }, 'position'],
  ])('rejects the whole batch on %s, naming index and field, writing nothing', async (_label, change, field) => {
    const good = {
      kind: 'DEPARTMENT',
      name: '好的部门',
      code: makeUscc('11', '320900', '76789012'),
      regionCode: '320900',
    };
    const bad = {
      kind: 'DEPARTMENT',
      name: '坏的部门',
      code: makeUscc('11', '320900', '77890123'),
      regionCode: '320900',
      ...change,
    };
    const before = await count();
    const result = await t.run(REGISTER, { input: [good, bad] }, office);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ index: 1, field });
    expect(await count()).toBe(before);
  });

  it('rejects a resident ID with an impossible birth date', async () => {
    const result = await t.run(
      REGISTER,
      {
        input: [{ kind: 'PUBLIC_SERVANT', name: '某人', code: '360426199113010079', regionCode: '320900' }],
      },
      office,
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ index: 0, field: 'code' });
  });

  it('rejects 1001 items before validating any of them', async () => {
    const input = Array.from({ length: 1001 }, (_, i) => ({
      kind: 'ENTERPRISE',
      name: `企业${i}`,
      code: makeUscc('91', '320900', String(80000000 + i)),
      regionCode: '320900',
    }));
    const result = await t.run(REGISTER, { input }, office);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'input' });
  });

  it('accepts 1000 items in one call', async () => {
    const input = Array.from({ length: 1000 }, (_, i) => ({
      kind: 'ENTERPRISE',
      name: `批量企业${i}`,
      code: makeUscc('91', '320900', String(81000000 + i)),
      regionCode: '320900',
    }));
    const before = await count();
    const result = await t.run(REGISTER, { input }, office);
    expect(result.errors).toBeUndefined();
    expect(await count()).toBe(before + 1000);
  });

  it('is idempotent under concurrent identical calls', async () => {
    const input = Array.from({ length: 20 }, (_, i) => ({
      kind: 'ENTERPRISE',
      name: `并发企业${i}`,
      code: makeUscc('91', '320903', String(82000000 + i)),
      regionCode: '320903',
    }));
    const before = await count();
    const results = await Promise.all(Array.from({ length: 4 }, () => t.run(REGISTER, { input }, office)));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await count()).toBe(before + 20);
  });

  describe('write scope', () => {
    const enterprise = (region: string) => ({
      kind: 'ENTERPRISE',
      name: '范围测试企业',
      code: makeUscc('91', region, '83000001'),
      regionCode: region,
    });

    it.each([
      ['PUBLIC', () => as(Role.PUBLIC)],
      ['TENDERING', () => cityClient(Role.TENDERING)],
      ['COURT', () => cityClient(Role.COURT)],
    ])('%s may not register subjects', async (_role, viewer) => {
      const result = await t.run(REGISTER, { input: [enterprise('320900')] }, viewer());
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['registerSubjects']);
    });

    it('the credit office may not register outside its jurisdiction', async () => {
      const result = await t.run(REGISTER, { input: [enterprise('410302')] }, office);
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].extensions).toMatchObject({ index: 0 });
    });

    it('an organization department registers only the cadres it manages', async () => {
      const orgDept = as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code });
      const cadre = (managedByCode: string) => ({
        kind: 'PUBLIC_SERVANT',
        name: '新任干部',
        code: makeResidentId('320900', '19900101', 99),
        regionCode: '320900',
        parentCode: t.demo.finance.code,
        position: '科长',
        managedByCode,
      });
      expect(codes(await t.run(REGISTER, { input: [cadre(t.demo.county('320902').orgDept.code)] }, orgDept))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await t.run(REGISTER, { input: [enterprise('320900')] }, orgDept))).toEqual(['FORBIDDEN']);
      const ok = await t.run(REGISTER, { input: [cadre(t.demo.orgDept.code)] }, orgDept);
      expect(ok.errors).toBeUndefined();
    });
  });
});
