import type { Principal } from '../../src/auth/principal';
import { countStatements } from '../../src/db/sql-statements';
import { clientOperation } from '../helpers/client-operations';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, selfOf, viewers } from '../helpers/viewers';
import { firstError, recordId } from './helpers';

// Issue #16 item 4, "what names me": a civil servant sees the records naming it responsible and objects to the naming.
const SUBMIT = clientOperation('record-push/SubmitRecords');
const NAMING_ME = `query NamingMe($code: String!, $first: Int) { subject(code: $code) {
  recordsNamingMe(first: $first) { totalCount pageInfo { hasNextPage }
    edges { node { id externalId title disclosure status disputed subject { name } } } }
} }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) {
  id state matter namedPerson { name } record { id disputed } } }`;
const CORRECT_NAMING = `mutation($id: ID!, $replacement: String) {
  correctNaming(id: $id, decision: "经复核，该同志不负有责任", replacementCode: $replacement) {
    state matter decision history { fromState toState reason } } }`;
const UPHOLD = `mutation($id: ID!) { upholdObjection(id: $id, decision: "认定无误") { state matter } }`;
const REVOKE = `mutation($id: ID!) { revokeObjection(id: $id, decision: "撤销") { state } }`;
const CORRECT = `mutation($id: ID!) { correctObjection(id: $id, decision: "更正", correction: { title: "x" }) { state } }`;
const AS_DECIDER = `query($id: ID!) { workflowHistory(objectType: CREDIT_RECORD, id: $id) { reason } }`;

describe('what names me (records naming a civil servant responsible)', () => {
  let t: TestHub;
  const named = () => t.demo.tradingCenterDirector; // 王芳, named in every record below
  const colleague = () => t.demo.sanctionedCadre; // 李明, named beside her in NAMED-SHARED
  const other = () => t.demo.cityCadre; // 张建国, named in none (until the replacement)
  const wang = () => selfOf(named().code);
  const zhang = () => selfOf(other().code);
  const ids: Record<string, string> = {};
  let openNaming: string; // filed by the objection test, decided by the correction test
  /** A finding of discipline inspection about 盐城市公共资源交易中心 naming `persons` responsible. */
  const finding = (externalId: string, disclosure: string, persons: string[]) => ({
    externalId,
    subject: { code: t.demo.tradingCenter.code },
    nature: 'DISHONESTY',
    category: 'ACCOUNTABILITY',
    domain: 'TENDERING',
    severity: 'GENERAL',
    title: `问责通报 ${externalId}`,
    details: '招标文件审核把关不严。',
    decidedAt: '2026-06-01',
    decidingAuthorityCode: t.demo.discipline.code,
    disclosure,
    responsiblePersonCodes: persons,
  });
  const inputs = () => [
    finding('NAMED-RESTRICTED', 'RESTRICTED', [named().code]),
    finding('NAMED-SHARED', 'GOVERNMENT', [named().code, colleague().code]),
    finding('NAMED-UPHELD', 'GOVERNMENT', [named().code]),
  ];

  beforeAll(async () => {
    t = await startTestHub();
    const pushed = await t.run(SUBMIT, { input: inputs() }, viewers.discipline);
    expect(pushed.errors).toBeUndefined();
    for (const { externalId } of inputs()) ids[externalId] = await recordId(t, externalId);
  });
  afterAll(() => t.close());

  const namingMe = async (viewer: Principal, code: string, first?: number) => {
    const result = await t.run(NAMING_ME, { code, ...(first ? { first } : {}) }, viewer);
    expect(result.errors).toBeUndefined();
    return result.data!.subject.recordsNamingMe;
  };
  const namesOf = (page: any) => page.edges.map((e: any) => e.node.externalId);
  const restrictedReads = async () =>
    Number(
      (
        await t.sql(
          `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD' AND 'record:' || ? = ANY(fields)`,
          [ids['NAMED-RESTRICTED']],
        )
      )[0].n,
    );

  it('the named person sees every record naming it, RESTRICTED included, and the read is logged', async () => {
    const before = await restrictedReads();
    const page = await namingMe(wang(), named().code);
    expect(page.totalCount).toBe(3);
    expect(namesOf(page)).toEqual(['NAMED-UPHELD', 'NAMED-SHARED', 'NAMED-RESTRICTED']);
    expect(page.edges[2].node).toMatchObject({
      disclosure: 'RESTRICTED',
      status: 'ACTIVE',
      subject: { name: '盐城市公共资源交易中心' },
    });
    expect(await restrictedReads()).toBeGreaterThan(before);
    // Bounded like Subject.records: pages with a cursor.
    expect(await namingMe(wang(), named().code, 1)).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    // The same rule everywhere the records are shown (one recordVisibility): the top-level list too.
    const all = await t.run(`{ records(first: 200) { edges { node { externalId } } } }`, {}, wang());
    expect(namesOf(all.data!.records)).toEqual(expect.arrayContaining(Object.keys(ids)));
    // And in the person's own integrity file.
    const file = await t.run(
      `query($code: String!) { subject(code: $code) { archive(purpose: "查阅本人档案") { dishonestyRecords { externalId } } } }`,
      { code: named().code },
      wang(),
    );
    expect(file.errors).toBeUndefined();
    expect(file.data!.subject.archive.dishonestyRecords.map((r: any) => r.externalId)).toEqual(
      expect.arrayContaining(Object.keys(ids)),
    );
    // Internals stay with government systems and the record's subject.
    const internals = await t.run(
      `query($code: String!) { subject(code: $code) { recordsNamingMe(first: 1) { edges { node { details } } } } }`,
      { code: named().code },
      wang(),
    );
    expect(firstError(internals)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a civil servant not named sees nothing of the records; only the person reads what names it', async () => {
    expect((await namingMe(zhang(), other().code)).totalCount).toBe(0);
    const all = await t.run(`{ records(first: 200) { edges { node { externalId } } } }`, {}, zhang());
    expect(namesOf(all.data!.records)).not.toEqual(expect.arrayContaining(['NAMED-RESTRICTED']));
    expect(namesOf(all.data!.records).filter((n: string) => n.startsWith('NAMED-'))).toEqual([]);
    // Another person is not found at all (the registry's rule for SUBJECT): subject null, no error.
    const hidden = await t.run(NAMING_ME, { code: named().code }, zhang());
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.subject).toBeNull();
    // An organization is never named (responsible persons are civil servants): its own list is empty.
    expect((await namingMe(selfOf(t.demo.tradingCenter.code), t.demo.tradingCenter.code)).totalCount).toBe(0);
    // Whoever may see the subject but is not it: null and FORBIDDEN at the field's path.
    const cases: [Principal, string][] = [
      [zhang(), t.demo.tradingCenter.code],
      [PUBLIC_PRINCIPAL, t.demo.tradingCenter.code],
      [viewers.creditOffice, named().code],
      [as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code }), named().code],
    ];
    for (const [viewer, code] of cases) {
      const denied = await t.run(NAMING_ME, { code }, viewer);
      expect(codes(denied)).toEqual(['FORBIDDEN']);
      expect(denied.errors![0].path).toEqual(['subject', 'recordsNamingMe']);
      expect(denied.data!.subject.recordsNamingMe).toBeNull();
    }
  });

  it('one statement count for one record as for many', async () => {
    const count = async (first: number) =>
      (await countStatements(() => t.run(NAMING_ME, { code: named().code, first }, wang()), true)).statements.filter(
        (sql) => !/\baudit\.chain_head\b/.test(sql),
      ).length;
    await count(50);
    expect(await count(1)).toBe(await count(50));
  });

  it('only the named person objects to a naming; the subject and its credit office to the finding', async () => {
    const input = { recordId: ids['NAMED-RESTRICTED'], reasons: '本人未参与该项目评审', matter: 'NAMING' };
    expect(codes(await t.run(FILE, { input }, PUBLIC_PRINCIPAL))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.run(FILE, { input }, viewers.discipline))).toEqual(['FORBIDDEN']); // shield: not a filer
    for (const viewer of [zhang(), viewers.creditOffice, selfOf(t.demo.tradingCenter.code)]) {
      const refused = await t.run(FILE, { input }, viewer);
      expect(firstError(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NAMED_RESPONSIBLE_PERSON' });
      expect(refused.errors![0].path).toEqual(['fileObjection']);
    }
    // The named person is not the record's subject: its finding is not hers to dispute.
    expect(firstError(await t.run(FILE, { input: { ...input, matter: 'FINDING' } }, wang()))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SUBJECT_OR_ITS_CREDIT_OFFICE',
    });
    const filed = await t.run(FILE, { input }, wang());
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({
      state: 'FILED',
      matter: 'NAMING',
      namedPerson: { name: '王芳' },
      // The finding is not disputed by a naming objection.
      record: { id: ids['NAMED-RESTRICTED'], disputed: false },
    });
    openNaming = filed.data!.fileObjection.id;
    expect(firstError(await t.run(FILE, { input }, wang()))).toMatchObject({ code: 'CONFLICT', state: 'FILED' });
    // Beside it, the subject may still dispute the finding itself.
    const finding = await t.run(FILE, { input: { ...input, matter: 'FINDING' } }, selfOf(t.demo.tradingCenter.code));
    expect(finding.data!.fileObjection).toMatchObject({
      matter: 'FINDING',
      namedPerson: null,
      record: { disputed: true },
    });
    // Each filer reads its own objections, the deciding system both.
    const mine = async (viewer: Principal) =>
      (await t.run(`{ objections { edges { node { id matter } } } }`, {}, viewer)).data!.objections.edges.map(
        (e: any) => e.node.id,
      );
    expect(await mine(wang())).toEqual([filed.data!.fileObjection.id]);
    expect(await mine(selfOf(t.demo.tradingCenter.code))).toEqual([finding.data!.fileObjection.id]);
    expect(await mine(zhang())).toEqual([]);
    expect(await mine(viewers.discipline)).toEqual(
      expect.arrayContaining([filed.data!.fileObjection.id, finding.data!.fileObjection.id]),
    );
    await t.run(UPHOLD, { id: finding.data!.fileObjection.id }, viewers.discipline);
  });

  it('the deciding authority corrects by removing the naming: the person no longer sees the record', async () => {
    const objection = openNaming;
    // Only the deciders; the finding's own outcomes do not apply to a naming.
    const stranger = await t.run(CORRECT_NAMING, { id: objection }, cityClient(Role.DISCIPLINE));
    expect(firstError(stranger)).toMatchObject({ code: 'FORBIDDEN', reason: 'PUSHER_AUTHORITY_OR_CREDIT_OFFICE' });
    expect(codes(await t.run(CORRECT_NAMING, { id: objection }, wang()))).toEqual(['FORBIDDEN']);
    for (const wrong of [REVOKE, CORRECT])
      expect(firstError(await t.run(wrong, { id: objection }, viewers.discipline))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
        matter: 'NAMING',
      });
    const corrected = await t.run(CORRECT_NAMING, { id: objection }, viewers.discipline);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctNaming).toMatchObject({
      state: 'CORRECTED',
      matter: 'NAMING',
      history: [{ toState: 'FILED' }, { fromState: 'FILED', toState: 'CORRECTED', reason: '经复核，该同志不负有责任' }],
    });
    expect(firstError(await t.run(CORRECT_NAMING, { id: objection }, viewers.discipline))).toMatchObject({
      code: 'CONFLICT',
      state: 'CORRECTED',
    });
    expect(namesOf(await namingMe(wang(), named().code))).not.toContain('NAMED-RESTRICTED');
    const all = await t.run(`{ records(first: 200) { edges { node { externalId } } } }`, {}, wang());
    expect(namesOf(all.data!.records)).not.toContain('NAMED-RESTRICTED');
    // The record itself stands, as before, for the deciding system and the credit office: a new version, no one named.
    for (const viewer of [viewers.discipline, viewers.creditOffice]) {
      const seen = await t.run(
        `{ records(first: 200, filter: { categories: [ACCOUNTABILITY] }) {
          edges { node { externalId status version responsiblePersons { name } } } } }`,
        {},
        viewer,
      );
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.records.edges.map((e: any) => e.node)).toContainEqual({
        externalId: 'NAMED-RESTRICTED',
        status: 'ACTIVE',
        version: 2,
        responsiblePersons: [],
      });
    }
    const [row] = await t.sql(
      `SELECT r.status, r.version, (SELECT count(*)::int FROM records.record_responsible rr WHERE rr.record_id = r.id) AS named
       FROM records.credit_record r WHERE r.id = ?`,
      [ids['NAMED-RESTRICTED']],
    );
    expect(row).toEqual({ status: 'ACTIVE', version: 2, named: 0 });
    const [kept] = await t.sql(
      `SELECT jsonb_array_length(content->'responsible') AS n FROM records.record_history WHERE record_id = ?`,
      [ids['NAMED-RESTRICTED']],
    );
    expect(kept.n).toBe(1);
    const events = await t.run(AS_DECIDER, { id: ids['NAMED-RESTRICTED'] }, viewers.discipline);
    expect(events.data!.workflowHistory.map((e: any) => e.reason)).toContainEqual(
      expect.stringMatching(/^naming corrected to version 2 \(responsible person removed\)/),
    );
    // A re-push of the same original content does not name her again (the content hash is kept).
    const again = await t.run(SUBMIT, { input: [inputs()[0]] }, viewers.discipline);
    expect(again.data!.submitRecords.unchanged).toBe(1);
    expect(namesOf(await namingMe(wang(), named().code))).not.toContain('NAMED-RESTRICTED');
  });

  it('a correction may name another civil servant instead; the others named stay', async () => {
    const objection = await fileNaming('NAMED-SHARED');
    expect(
      firstError(
        await t.run(CORRECT_NAMING, { id: objection, replacement: t.demo.finance.code }, viewers.creditOffice),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'replacementCode' });
    const corrected = await t.run(
      CORRECT_NAMING,
      { id: objection, replacement: other().code },
      viewers.creditOffice, // the credit office of the jurisdiction decides too
    );
    expect(corrected.data!.correctNaming.state).toBe('CORRECTED');
    expect(namesOf(await namingMe(wang(), named().code))).toEqual(['NAMED-UPHELD']);
    expect(namesOf(await namingMe(zhang(), other().code))).toEqual(['NAMED-SHARED']);
    expect(namesOf(await namingMe(selfOf(colleague().code), colleague().code))).toContain('NAMED-SHARED');
  });

  it('UPHELD keeps the naming', async () => {
    const objection = await fileNaming('NAMED-UPHELD');
    const upheld = await t.run(UPHOLD, { id: objection }, viewers.discipline);
    expect(upheld.data!.upholdObjection).toEqual({ state: 'UPHELD', matter: 'NAMING' });
    expect(namesOf(await namingMe(wang(), named().code))).toContain('NAMED-UPHELD');
    expect(firstError(await t.run(CORRECT_NAMING, { id: objection }, viewers.discipline))).toMatchObject({
      code: 'CONFLICT',
      state: 'UPHELD',
    });
  });

  it('correctNaming decides naming objections only', async () => {
    const finding = await t.run(
      FILE,
      { input: { recordId: ids['NAMED-UPHELD'], reasons: '问责依据不足' } },
      selfOf(t.demo.tradingCenter.code),
    );
    expect(
      firstError(await t.run(CORRECT_NAMING, { id: finding.data!.fileObjection.id }, viewers.discipline)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', matter: 'FINDING' });
  });

  async function fileNaming(externalId: string): Promise<string> {
    const filed = await t.run(
      FILE,
      { input: { recordId: ids[externalId], reasons: '非本人职责', matter: 'NAMING' } },
      wang(),
    );
    expect(filed.errors).toBeUndefined();
    return filed.data!.fileObjection.id;
  }
});
