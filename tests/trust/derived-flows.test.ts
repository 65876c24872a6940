import type { Principal } from '../../src/auth/principal';
import type { WebhookDispatcher } from '../../src/subgraphs/records/webhooks/dispatcher';
import { codes, type TestHub } from '../helpers/test-hub';
import { DELIVERIES, REGISTER, Receiver, startWebhookHub, waitFor } from '../webhooks/helpers';
import { FACTS, logged, pushFacts, UNREGISTERED_PERSON, viewersOf, type ViewerName, type Viewers } from './fixture';

/**
 * Derived data follows the rows it derives from (issue #13, item 1), for webhooks, evaluation,
 * ranking, warnings and workflow objects: every relevant role in and outside the jurisdiction
 * asks, the test asserts exactly what each learns and that every release of a protected fact
 * left exactly one access-log entry. The 双公示 export: derived-export.test.ts; the dashboard's
 * documents: dashboard-queries.test.ts.
 */
describe('derived paths release only what the rows beneath them allow', () => {
  let t: TestHub;
  let dispatcher: WebhookDispatcher;
  let receiver: Receiver;
  let v: Viewers;
  let ids: Awaited<ReturnType<typeof pushFacts>>;
  beforeAll(async () => {
    ({ t, dispatcher } = await startWebhookHub());
    receiver = await Receiver.start();
    v = viewersOf(t);
    ids = await pushFacts(t);
  });
  afterAll(async () => {
    await dispatcher.stop();
    await receiver.stop();
    await t.close();
  });

  const text = (value: unknown) => JSON.stringify(value);
  /** What a refusal tells: message, path, code and details (not the development stack trace). */
  const answer = (result: { errors?: readonly any[] }) =>
    result.errors?.map(({ message, path, extensions: { stacktrace: _trace, ...details } = {} }) => ({
      message,
      path,
      details,
    }));
  const PROTECTED = () => [FACTS.sanctionTitle, FACTS.restrictedTitle, FACTS.personalReport];

  describe('webhooks on a civil servant', () => {
    const WATCHERS: ViewerName[] = ['officeIn', 'disciplinePusher', 'disciplineOther', 'orgDeptManaging', 'self'];
    const OTHERS: ViewerName[] = ['officeOut', 'disciplineOut', 'orgDeptOther', 'procurementIn', 'debtIn', 'impostor'];
    const hooks = new Map<ViewerName, string>();
    const register = (viewer: Principal, code: string) =>
      t.run(REGISTER, { url: receiver.url, events: ['RECORD_ADDED'], codes: [code] }, viewer);

    it('only those who may know the person’s standing may watch; for the others a hidden person is an unregistered code', async () => {
      const person = t.demo.sanctionedCadre.code;
      for (const name of WATCHERS) {
        const result = await register(v[name], person);
        expect([name, result.errors]).toEqual([name, undefined]);
        hooks.set(name, result.data!.registerWebhook.subscription.id);
      }
      for (const name of OTHERS) {
        const hidden = await register(v[name], person);
        const unregistered = await register(v[name], UNREGISTERED_PERSON);
        expect([name, hidden.errors?.[0].extensions]).toEqual([
          name,
          expect.objectContaining({ code: 'BAD_USER_INPUT', index: 0, field: 'watchCodes' }),
        ]);
        expect(answer(hidden)).toEqual(answer(unregistered));
      }
      expect(codes(await register(v.public, person))).toEqual(['UNAUTHENTICATED']);
    });

    it('a new RESTRICTED sanction reaches exactly the owners who may read it, each release logged once for its owner', async () => {
      const push = () =>
        t.run(
          `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
          {
            input: [
              {
                externalId: 'TRUST-JW-2',
                subject: { code: t.demo.sanctionedCadre.code },
                nature: 'DISHONESTY',
                category: 'DISCIPLINARY_SANCTION',
                domain: 'GENERAL',
                severity: 'SERIOUS',
                title: 'TRUST 政务警告处分',
                decidedAt: '2026-11-02',
                disclosure: 'RESTRICTED',
              },
            ],
          },
          v.disciplinePusher,
        );
      const { result, entries } = await logged(t, push);
      expect(result.data!.submitRecords.created).toBe(1);
      const [{ id }] = await t.sql(`SELECT id::text FROM records.credit_record WHERE external_id = 'TRUST-JW-2'`);
      const told = await t.sql(
        `SELECT subscription_id::text AS s FROM records.webhook_delivery WHERE payload->'record'->>'id' = ? ORDER BY 1`,
        [id],
      );
      const expected = (['officeIn', 'disciplinePusher', 'self'] as ViewerName[]).map((n) => hooks.get(n)!).sort();
      expect(told.map((r) => r.s)).toEqual(expected);
      expect(entries.map((e) => [e.actor_sub, e.actor_role]).sort()).toEqual([
        ['li-ming-self', 'SUBJECT'],
        ['yancheng-credit-office', 'CREDIT_OFFICE'],
        ['yancheng-discipline', 'DISCIPLINE'],
      ]);
      for (const entry of entries) expect(entry.fields).toContain(`record:${id}`);
      const received = await waitFor(
        () => (expected.every((s) => receiver.of(s).length > 0) ? expected.map((s) => receiver.of(s)[0]) : null),
        'three deliveries',
      );
      for (const r of received)
        expect(r.json.data.record).toMatchObject({ id, title: 'TRUST 政务警告处分', disclosure: 'RESTRICTED' });
      for (const name of ['disciplineOther', 'orgDeptManaging'] as ViewerName[])
        expect(receiver.of(hooks.get(name)!)).toEqual([]);
    });

    it('webhookDeliveries { body }: the owner and the credit office of the jurisdiction, each read logged; nobody else', async () => {
      const read = (viewer: Principal, name: ViewerName) =>
        logged(t, () => t.run(DELIVERIES, { id: hooks.get(name) }, viewer));
      for (const [reader, owner] of [
        ['officeIn', 'officeIn'],
        ['self', 'self'],
        ['officeIn', 'disciplinePusher'],
      ] as [ViewerName, ViewerName][]) {
        const { result, entries } = await read(v[reader], owner);
        expect(result.errors).toBeUndefined();
        expect(text(result.data)).toContain('TRUST 政务警告处分');
        expect([reader, owner, entries.map((e) => e.actor_sub)]).toEqual([reader, owner, [v[reader].sub]]);
      }
      for (const [reader, owner] of [
        ['officeOut', 'officeIn'],
        ['impostor', 'officeIn'],
        ['disciplineOther', 'disciplinePusher'],
      ] as [ViewerName, ViewerName][]) {
        const { result, entries } = await read(v[reader], owner);
        expect([reader, codes(result), entries]).toEqual([reader, ['NOT_FOUND'], []]);
      }
    });

    it('a record the credit office may not read is withheld from it in another client’s delivery log', async () => {
      const district = { ...v.procurementIn, sub: 'district-gp', regionPrefix: '320902' };
      const hook = (await register(district, t.demo.luoyang.enterprise.code)).data!.registerWebhook.subscription.id;
      await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: [
            {
              externalId: 'TRUST-GP-LY',
              subject: { code: t.demo.luoyang.enterprise.code },
              nature: 'DISHONESTY',
              category: 'ARREARS',
              domain: 'PROCUREMENT',
              severity: 'GENERAL',
              title: 'TRUST 洛阳企业拖欠（政务共享）',
              decidedAt: '2026-11-02',
              disclosure: 'GOVERNMENT',
              arrears: { amount: '50000.00', creditorClass: 'SUPPLIER', dueOn: '2026-10-01' },
            },
          ],
        },
        district,
      );
      const body = async (viewer: Principal) =>
        JSON.parse((await t.run(DELIVERIES, { id: hook }, viewer)).data!.webhookDeliveries.edges[0].node.body);
      expect((await body(district)).data.record).toMatchObject({ title: 'TRUST 洛阳企业拖欠（政务共享）' });
      expect((await body(v.officeIn)).data.record).toEqual({ withheld: true });
    });

    it('a person watched under an older rule by a role that may not know their standing is no longer told about', async () => {
      const legacy = (await register(v.officeIn, t.demo.sanctionedCadre.code)).data!.registerWebhook.subscription.id;
      await t.sql(
        `UPDATE records.webhook_subscription SET owner_sub = 'legacy-gp', owner_role = 'PROCUREMENT' WHERE id = ?`,
        [legacy],
      );
      await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: [
            {
              externalId: 'TRUST-JW-5',
              subject: { code: t.demo.sanctionedCadre.code },
              nature: 'DISHONESTY',
              category: 'ACCOUNTABILITY',
              domain: 'GENERAL',
              severity: 'GENERAL',
              title: 'TRUST 问责（政务共享）',
              decidedAt: '2026-11-04',
              disclosure: 'GOVERNMENT',
            },
          ],
        },
        v.disciplinePusher,
      );
      const told = await t.sql(
        `SELECT subscription_id::text AS s FROM records.webhook_delivery WHERE payload->'record'->>'externalId' = 'TRUST-JW-5'`,
      );
      expect(told.map((r) => r.s)).toContain(hooks.get('officeIn'));
      expect(told.map((r) => r.s)).not.toContain(legacy);
    });

    it('the delivery log costs the same statements for one delivery as for many', async () => {
      const one = await t.counted(DELIVERIES, { id: hooks.get('officeIn') }, v.officeIn);
      await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: ['TRUST-JW-3', 'TRUST-JW-4'].map((externalId) => ({
            externalId,
            subject: { code: t.demo.sanctionedCadre.code },
            nature: 'DISHONESTY',
            category: 'DISCIPLINARY_SANCTION',
            domain: 'GENERAL',
            severity: 'GENERAL',
            title: externalId,
            decidedAt: '2026-11-03',
            disclosure: 'GOVERNMENT',
          })),
        },
        v.disciplinePusher,
      );
      const many = await t.counted(DELIVERIES, { id: hooks.get('officeIn') }, v.officeIn);
      expect(many.data!.webhookDeliveries.totalCount).toBe(one.data!.webhookDeliveries.totalCount + 2);
      expect(many.statements).toBe(one.statements);
    });
  });

  describe('evaluation, ranking, warnings', () => {
    const EVALUATION = `query Evaluation($code: String!, $period: String!) { evaluation(subjectCode: $code, period: $period) {
      total indicators { code value score evidence undisclosedCount records { id title } } } }`;
    const period = async () => (await t.run(`{ evaluationPeriods(last: 2) }`)).data!.evaluationPeriods as string[];

    it('evaluators of the jurisdiction get the released totals; the items behind them only as far as they read the records', async () => {
      const [current] = await period();
      const ask = (name: ViewerName) =>
        logged(t, () => t.run(EVALUATION, { code: t.demo.housing.code, period: current }, v[name]));
      const arrears = (result: any) => result.data.evaluation.indicators.find((i: any) => i.code === 'ARREARS');
      const office = await ask('officeIn');
      expect(arrears(office.result)).toMatchObject({ value: 2, undisclosedCount: 0 });
      expect([...arrears(office.result).evidence].sort()).toEqual(
        [`RECORD:${ids.governmentRecord}`, `RECORD:${ids.restrictedRecord}`].sort(),
      );
      expect(office.entries.map((e) => e.actor_sub)).toEqual(['yancheng-credit-office']);
      for (const name of ['orgDeptManaging', 'disciplineOther'] as ViewerName[]) {
        const { result, entries } = await ask(name);
        expect([name, arrears(result)]).toEqual([
          name,
          expect.objectContaining({ value: 2, undisclosedCount: 1, evidence: [`RECORD:${ids.governmentRecord}`] }),
        ]);
        expect(result.data.evaluation.total).toBe(office.result.data!.evaluation.total);
        expect(text(result.data)).not.toContain(FACTS.restrictedTitle);
        expect(entries).toEqual([]);
      }
      for (const name of [
        'public',
        'officeOut',
        'disciplineOut',
        'procurementIn',
        'debtIn',
        'self',
        'impostor',
      ] as ViewerName[]) {
        expect([name, codes((await ask(name)).result)]).toEqual([name, ['FORBIDDEN']]);
      }
    });

    it('a person’s code is refused the same way whether registered, hidden or unknown', async () => {
      const [current] = await period();
      for (const name of ['officeIn', 'disciplineOut'] as ViewerName[]) {
        const errors = await Promise.all(
          [t.demo.sanctionedCadre.code, UNREGISTERED_PERSON].map(
            async (code) => (await t.run(EVALUATION, { code, period: current }, v[name])).errors,
          ),
        );
        expect(errors[0]![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectCode' });
        expect(answer({ errors: errors[0] })).toEqual(answer({ errors: errors[1] }));
      }
    });

    it('a published ranking is released to everyone, an unpublished one only to evaluators of the jurisdiction', async () => {
      const [current, previous] = await period();
      const RANKING = `query($p: String!) { ranking(period: $p, kind: DEPARTMENT, regionPrefix: "3209") { published entries { rank score subject { code } } } }`;
      expect(
        (
          await t.run(
            `mutation { publishRanking(period: "${previous}", kind: DEPARTMENT, regionPrefix: "3209") { published } }`,
            {},
            v.officeIn,
          )
        ).errors,
      ).toBeUndefined();
      for (const name of ['public', 'procurementIn', 'officeOut', 'impostor'] as ViewerName[]) {
        const published = await t.run(RANKING, { p: previous }, v[name]);
        expect([name, published.data!.ranking.published, published.data!.ranking.entries.length > 0]).toEqual([
          name,
          true,
          true,
        ]);
        expect([name, codes(await t.run(RANKING, { p: current }, v[name]))]).toEqual([name, ['FORBIDDEN']]);
      }
      expect((await t.run(RANKING, { p: current }, v.orgDeptManaging)).data!.ranking.published).toBe(false);
    });

    it('warnings: the debt system only those whose every record it may read; the quoted title of a RESTRICTED finding never reaches it', async () => {
      const WARNINGS = `{ warnings(filter: { kinds: [DEBT_RISK] }) { id message records { id } } }`;
      const debt = (await t.run(WARNINGS, {}, v.debtIn)).data!.warnings;
      expect(debt.map((w: any) => w.records.map((r: any) => r.id))).toContainEqual([ids.governmentRecord]);
      expect(text(debt)).not.toContain(FACTS.restrictedTitle);
      expect(debt.every((w: any) => w.records.length > 0 || !w.message.includes('TRUST'))).toBe(true);
      const office = await logged(t, () => t.run(WARNINGS, {}, v.officeIn));
      expect(text(office.result.data)).toContain(FACTS.restrictedTitle);
      expect(office.entries.map((e) => e.actor_sub)).toEqual(['yancheng-credit-office']);
      expect((await t.run(WARNINGS, {}, v.debtOut)).data!.warnings).toEqual([]);
      const [hidden] = await t.sql(
        `SELECT id::text FROM records.early_warning WHERE kind = 'DEBT_RISK' AND record_ids @> ?::jsonb`,
        [JSON.stringify([ids.restrictedRecord])],
      );
      expect(
        codes(await t.run(`mutation($id: ID!) { acknowledgeWarning(id: $id) { state } }`, { id: hidden.id }, v.debtIn)),
      ).toEqual(['NOT_FOUND']);
      for (const name of [
        'public',
        'procurementIn',
        'orgDeptManaging',
        'disciplinePusher',
        'self',
        'impostor',
      ] as ViewerName[]) {
        expect([name, codes(await t.run(WARNINGS, {}, v[name]))]).toEqual([name, ['FORBIDDEN']]);
      }
    });

    it('the debt system’s warnings with their records cost the same statements for one warning as for many', async () => {
      const LIST = `query($first: Int!) { warnings(first: $first) { id message records { id title } } }`;
      const one = await t.counted(LIST, { first: 1 }, v.debtIn);
      const many = await t.counted(LIST, { first: 50 }, v.debtIn);
      expect(one.data!.warnings).toHaveLength(1);
      expect(many.data!.warnings.length).toBeGreaterThan(1);
      expect(many.statements).toBe(one.statements);
    });
  });

  describe('workflow objects', () => {
    it('a measure on a RESTRICTED sanction: the unit sees what it must apply, not the record; an impostor of the office nothing', async () => {
      const initiated = await t.run(
        `mutation($input: JointMeasureInput!) { initiateJointMeasures(input: $input) { id } }`,
        {
          input: {
            basisType: 'RECORD',
            basisId: ids.sanction,
            kind: 'PROMOTION_RESTRICTION',
            implementingUnitCodes: [t.demo.finance.code],
          },
        },
        v.officeIn,
      );
      expect(initiated.errors).toBeUndefined();
      const MEASURES = `query Measures { jointMeasures { totalCount edges { node { kind record { title } } } } }`;
      const unit = await logged(t, () => t.run(MEASURES, {}, v.procurementIn));
      expect(unit.result.data!.jointMeasures.edges.map((e: any) => e.node)).toContainEqual({
        kind: 'PROMOTION_RESTRICTION',
        record: null,
      });
      expect(unit.entries).toEqual([]);
      const office = await logged(t, () => t.run(MEASURES, {}, v.officeIn));
      expect(text(office.result.data)).toContain(FACTS.sanctionTitle);
      expect(office.entries).toHaveLength(1);
      expect((await t.run(MEASURES, {}, v.impostor)).data!.jointMeasures.totalCount).toBe(0);
    });

    it('an objection to the sanction: the person, the office and the pushing system; its history NOT_FOUND as for no record at all', async () => {
      const filed = await t.run(
        `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
        { input: { recordId: ids.sanction, reasons: '处分已撤销' } },
        v.self,
      );
      expect(filed.errors).toBeUndefined();
      const OBJECTIONS = `{ objections { totalCount edges { node { id record { title } } } } }`;
      for (const name of ['self', 'officeIn', 'disciplinePusher'] as ViewerName[]) {
        const { result, entries } = await logged(t, () => t.run(OBJECTIONS, {}, v[name]));
        expect([name, text(result.data).includes(FACTS.sanctionTitle), entries.length]).toEqual([name, true, 1]);
      }
      for (const name of [
        'procurementIn',
        'orgDeptManaging',
        'disciplineOther',
        'officeOut',
        'impostor',
        'pusherNamesake',
      ] as ViewerName[]) {
        const result = await t.run(OBJECTIONS, {}, v[name]);
        const shown = (result.data?.objections?.edges ?? []).map((e: any) => e.node.id);
        expect([
          name,
          shown.includes(filed.data!.fileObjection.id),
          text(result.data).includes(FACTS.sanctionTitle),
        ]).toEqual([name, false, false]);
      }
      const HISTORY = `query($id: ID!) { workflowHistory(objectType: CREDIT_RECORD, id: $id) { toState } }`;
      expect(codes(await t.run(HISTORY, { id: ids.sanction }, v.procurementIn))).toEqual(
        codes(await t.run(HISTORY, { id: '999999999' }, v.procurementIn)),
      );
    });

    it('a complaint about the person: the credit office and the assigned unit as a government system; never the subject side', async () => {
      const reported = await t.run(
        `mutation($input: ComplaintInput!) { reportComplaint(input: $input) { id } }`,
        {
          input: {
            subjectCode: t.demo.sanctionedCadre.code,
            title: 'TRUST 投诉',
            content: 'TRUST 投诉内容：干预招投标',
            reporterContact: '13800000000',
          },
        },
        v.public,
      );
      const id = reported.data!.reportComplaint.id;
      const assigned = await t.run(
        `mutation($id: ID!, $unit: String!) { assignComplaint(id: $id, handlingUnitCode: $unit, note: "请核查") { id } }`,
        { id, unit: t.demo.finance.code },
        v.officeIn,
      );
      expect(assigned.errors).toBeUndefined();
      const COMPLAINTS = `{ complaints { edges { node { id content reporterContact } } } }`;
      const unitAsSubject = { ...v.self, org: t.demo.finance.code, sub: 'finance-self' };
      const cases: [ViewerName | 'unitAsSubject', Principal, boolean][] = [
        ['officeIn', v.officeIn, true],
        ['procurementIn', v.procurementIn, true],
        ['unitAsSubject', unitAsSubject, false],
        ['self', v.self, false],
        ['officeOut', v.officeOut, false],
        ['impostor', v.impostor, false],
        ['disciplinePusher', v.disciplinePusher, false],
      ];
      for (const [name, viewer, sees] of cases) {
        const result = await t.run(COMPLAINTS, {}, viewer);
        const nodes = result.data?.complaints?.edges.map((e: any) => e.node) ?? [];
        expect([name, nodes.some((n: any) => n.id === id)]).toEqual([name, sees]);
        if (name !== 'officeIn') expect([name, text(nodes).includes('13800000000')]).toEqual([name, false]);
      }
    });

    it('no derived path above ever carried the personal-matters report', async () => {
      const bodies = await t.sql(`SELECT payload::text AS p FROM records.webhook_delivery`);
      for (const fact of PROTECTED().slice(2)) expect(text(bodies)).not.toContain(fact);
    });
  });
});
