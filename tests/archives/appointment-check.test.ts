import { execute, parse } from 'graphql';
import type { Principal } from '../../src/auth/principal';
import { createRequestContext } from '../../src/common/context';
import { InProcessDataSource } from '../../src/gateway/in-process-data-source';
import type { AppointmentCheckQuery } from '../../clients/generated/org-dept';
import { clientOperation } from '../helpers/client-operations';
import { verifyAccessLog } from '../../src/audit/verify';
import { makeResidentId, maskResidentId } from '../../src/identity';
import { SubjectRegistry } from '../../src/subgraphs/subjects/subject.service';
import { SubjectKind } from '../../src/common/subject-kind';
import { as, codes, PUBLIC_PRINCIPAL, Role, startTestHub, type TestHub } from '../helpers/test-hub';
import { cityClient, outsideClient, selfOf, viewers } from '../helpers/viewers';

// Issue #16 item 2: the pre-appointment check of many candidates.
const CHECK = `query AppointmentCheck($codes: [String!]!, $purpose: AppointmentPurpose!, $note: String!) {
  appointmentCheck(personCodes: $codes, purpose: $purpose, note: $note) {
    index code valid problem refusal
    candidate {
      purpose verdict undisclosedReasonCount
      reasons { kind weight explanation recordId grade sanction { kind inEffect } measure { kind } commitment { title status } record { id } }
      recentAssessments { year grade }
    }
  }
}`;
const NOTE = '2026年度市管干部职务晋升（第一批）';
/** The verdicts alone (no file facts): what a department that does not manage the persons may ask without errors. */
const VERDICTS = `query AppointmentVerdicts($codes: [String!]!, $purpose: AppointmentPurpose!, $note: String!) {
  appointmentCheck(personCodes: $codes, purpose: $purpose, note: $note) {
    index code refusal candidate { verdict undisclosedReasonCount reasons { kind weight recordId } }
  }
}`;

interface Row {
  index: number;
  code: string;
  valid: boolean;
  refusal: string | null;
  candidate: {
    verdict: string;
    undisclosedReasonCount: number;
    reasons: { kind: string; weight: string; recordId: string | null; grade: string | null }[];
    recentAssessments: { year: number; grade: string }[] | null;
  } | null;
}

describe('appointmentCheck', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const person = (name: string) => {
    const found = t.demo.people.find((p) => p.name === name);
    if (!found) throw new Error(`no demo person ${name}`);
    return found;
  };
  const managing = () => as(Role.ORG_DEPT, { region: '320900', org: t.demo.orgDept.code, sub: 'city-org-dept' });
  const otherOrgDept = () =>
    as(Role.ORG_DEPT, { region: '320902', org: t.demo.county('320902').orgDept.code, sub: 'district-org-dept' });
  const check = (viewer: Principal, list: string[], purpose = 'PROMOTION', note = NOTE) =>
    t.run<{ appointmentCheck: Row[] }>(CHECK, { codes: list, purpose, note }, viewer);
  const logOf = () =>
    t.sql<{ subject_keys: string[]; purpose: string; purpose_kind: string; outcome: string; request_id: string }>(
      `SELECT subject_keys, purpose, purpose_kind, outcome, request_id FROM audit.access_log
       WHERE resource = 'APPOINTMENT_CHECK' ORDER BY id`,
    );

  describe('verdicts on the demo dataset (city organization department, PROMOTION)', () => {
    const expected: [string, string, string[]][] = [
      // 李明 and 马骏 also have a 基本称职 among their last three grades: heaviest reason first.
      ['李明', 'RESTRICTED', ['SANCTION_IN_EFFECT', 'ASSESSMENT_GRADE']],
      ['马骏', 'RESTRICTED', ['MEASURE_IN_FORCE', 'ASSESSMENT_GRADE']],
      ['杨帆', 'ATTENTION', ['SERIOUS_RECORD']],
      ['罗娟', 'ATTENTION', ['COMMITMENT_BREACHED']],
      ['张建国', 'ATTENTION', ['ASSESSMENT_GRADE']],
      ['陈志强', 'CLEAR', []],
      ['刘洋', 'CLEAR', []],
    ];
    it.each(expected)('%s: %s (%j)', async (name, verdict, kinds) => {
      const result = await check(managing(), [person(name).code]);
      expect(result.errors).toBeUndefined();
      const [row] = result.data!.appointmentCheck;
      expect(row).toMatchObject({ index: 0, valid: true, refusal: null, code: maskResidentId(person(name).code) });
      expect(row.candidate!.verdict).toBe(verdict);
      expect([...new Set(row.candidate!.reasons.map((r) => r.kind))]).toEqual(kinds);
      expect(row.candidate!.undisclosedReasonCount).toBe(0);
      expect(row.candidate!.recentAssessments).toHaveLength(3);
    });

    it('the README’s promotion round: the twenty cadres the city organization department manages, every verdict', async () => {
      const round = t.demo.promotionRound.map((p) => p.code);
      expect(round).toHaveLength(20);
      // As the organization department's system sends it (clients/org-dept/AppointmentCheck.graphql).
      const result = await t.run<AppointmentCheckQuery>(
        clientOperation('org-dept/AppointmentCheck'),
        { codes: round, purpose: 'PROMOTION', note: NOTE },
        managing(),
      );
      expect(result.errors).toBeUndefined();
      const verdicts = result.data!.appointmentCheck.map((r) => r.candidate!.verdict);
      expect(new Set(verdicts)).toEqual(new Set(['CLEAR', 'ATTENTION', 'RESTRICTED']));
      expect(verdicts[round.indexOf(t.demo.sanctionedCadre.code)]).toBe('RESTRICTED');
      expect(verdicts[round.indexOf(t.demo.promotionRestrictedCadre.code)]).toBe('RESTRICTED');
      expect(verdicts[round.indexOf(t.demo.clearCadre.code)]).toBe('CLEAR');
    });

    it('the sanction reason carries kind and effect, not the RESTRICTED decision; its release is logged', async () => {
      const result = await check(managing(), [person('李明').code]);
      const [reason] = result.data!.appointmentCheck[0].candidate!.reasons as any[];
      expect(reason).toMatchObject({
        weight: 'RESTRICTED',
        sanction: { kind: 'DEMERIT', inEffect: true },
        record: null,
      });
      const [{ n }] = await t.sql(
        `SELECT count(*)::int AS n FROM audit.access_log WHERE resource = 'RESTRICTED_RECORD' AND fields[1] LIKE 'sanction:%'`,
      );
      expect(n).toBeGreaterThan(0);
    });

    it('the rules depend on the purpose: a promotion restriction bars HONOUR too, a grade of 基本称职 only calls for attention', async () => {
      const result = await check(managing(), [person('马骏').code, person('张建国').code], 'HONOUR');
      expect(result.data!.appointmentCheck.map((r) => r.candidate!.verdict)).toEqual(['RESTRICTED', 'ATTENTION']);
    });
  });

  describe('who may check whom', () => {
    it('rows in input order: invalid codes, organizations and persons one may not check, each with its machine code', async () => {
      const before = (await logOf()).length;
      const bad = `${person('李明').code.slice(0, 17)}0`;
      const result = await check(otherOrgDept(), [person('李明').code, bad, t.demo.finance.code, person('赵磊').code]);
      expect(result.errors).toBeUndefined();
      const rows = result.data!.appointmentCheck;
      expect(rows.map((r) => [r.index, r.valid, r.refusal])).toEqual([
        [0, true, 'NOT_PERMITTED'],
        [1, false, 'INVALID_CODE'],
        [2, true, 'NOT_A_PERSON'],
        [3, true, null],
      ]);
      expect(rows[0].candidate).toBeNull();
      expect(rows[1].code).toBe(maskResidentId(bad));
      expect(rows[2].code).toBe(t.demo.finance.code);
      const log = (await logOf()).slice(before);
      expect(log.map((e) => e.outcome).sort()).toEqual(['DENIED', 'GRANTED']);
    });

    it.each([
      ['DISCIPLINE', () => viewers.discipline],
      ['DISCIPLINE of another city', () => outsideClient(Role.DISCIPLINE)],
      ['CREDIT_OFFICE', () => cityClient(Role.CREDIT_OFFICE)],
      ['TENDERING', () => cityClient(Role.TENDERING)],
      ['PUBLIC', () => PUBLIC_PRINCIPAL],
      ['SUBJECT (the person)', () => selfOf(person('李明').code)],
      ['ORG_DEPT of another city', () => outsideClient(Role.ORG_DEPT)],
    ])('%s: PROMOTION of a city cadre is refused', async (_name, viewer) => {
      const result = await check(viewer(), [person('李明').code]);
      if (_name.startsWith('ORG_DEPT')) {
        expect(result.data!.appointmentCheck[0].refusal).toBe('NOT_PERMITTED');
        return;
      }
      expect(codes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].path).toEqual(['appointmentCheck']);
    });

    it('TRANSFER: a department that does not manage the person gets the verdict, not the file’s facts', async () => {
      const result = await check(otherOrgDept(), [person('李明').code], 'TRANSFER');
      const { candidate } = result.data!.appointmentCheck[0];
      expect(candidate!.verdict).toBe('RESTRICTED');
      expect(candidate!.reasons.find((r) => r.kind === 'SANCTION_IN_EFFECT')).toBeUndefined();
      expect(candidate!.undisclosedReasonCount).toBeGreaterThan(0);
      expect(candidate!.recentAssessments).toBeNull();
      expect(result.errors!.map((e) => [e.extensions!.code, e.path])).toEqual([
        ['FORBIDDEN', ['appointmentCheck', 0, 'candidate', 'recentAssessments']],
      ]);
    });
  });

  it('the records subgraph’s entity is no back door: a verdict by _entities only for whoever may check the person', async () => {
    const subgraph = t.hub.subgraphs.find((s) => s.module.name === 'records')!;
    const fetchAs = (viewer: Principal) =>
      execute({
        schema: subgraph.schema,
        document: parse(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on AppointmentCandidate { verdict } } }`,
        ),
        variableValues: {
          r: [
            {
              __typename: 'AppointmentCandidate',
              personKey: t.services.keys.identify(person('李明').code).keys[0],
              purpose: 'PROMOTION',
              recentGrades: [],
            },
          ],
        },
        contextValue: subgraph.module.createContext(createRequestContext(t.services, viewer, 't')),
      });
    const outsider = await fetchAs(otherOrgDept());
    expect(outsider.data!._entities).toEqual([null]);
    expect(outsider.errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect((await fetchAs(managing())).data!._entities).toEqual([{ verdict: 'RESTRICTED' }]);
  });

  it('one access-log entry per person, with the typed purpose and the note; the chain still verifies', async () => {
    const before = (await logOf()).length;
    const names = ['李明', '马骏', '杨帆', '陈志强'];
    const list = [...names.map((n) => person(n).code), person('李明').code];
    const result = await check(managing(), list, 'APPOINTMENT', '拟任市住建局副局长人选');
    expect(result.data!.appointmentCheck).toHaveLength(5);
    const log = (await logOf()).slice(before);
    expect(log).toHaveLength(names.length);
    for (const entry of log) {
      expect(entry).toMatchObject({
        purpose: '拟任市住建局副局长人选',
        purpose_kind: 'APPOINTMENT',
        outcome: 'GRANTED',
      });
      expect(entry.subject_keys).toHaveLength(1);
    }
    expect(new Set(log.map((e) => e.subject_keys[0])).size).toBe(names.length);
    const file = await t.run(
      `query($id: ID!) { subject(id: $id) { accessLog(first: 1) { edges { node { resource purpose purposeKind } } } } }`,
      {
        id: (await t.sql(`SELECT id::text FROM subjects.subject WHERE code_display = ?`, [maskResidentId(list[3])]))[0]
          .id,
      },
      cityClient(Role.CREDIT_OFFICE),
    );
    expect(file.data!.subject.accessLog.edges[0].node).toEqual({
      resource: 'APPOINTMENT_CHECK',
      purpose: '拟任市住建局副局长人选',
      purposeKind: 'APPOINTMENT',
    });
    expect((await verifyAccessLog(t.services.orm.em.fork(), t.services.config.audit)).ok).toBe(true);
  });

  it('as many SQL statements for 1 person as for 200', async () => {
    const others = Array.from({ length: 199 }, (_, i) => makeResidentId('320902', '19900101', 100 + i));
    const one = await t.counted(
      VERDICTS,
      { codes: [person('李明').code], purpose: 'RECRUITMENT', note: NOTE },
      managing(),
    );
    const many = await t.counted(
      VERDICTS,
      { codes: [person('李明').code, ...others], purpose: 'RECRUITMENT', note: NOTE },
      managing(),
    );
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data.appointmentCheck).toHaveLength(200);
    expect(many.data.appointmentCheck[0].candidate.verdict).toBe('RESTRICTED');
    expect(many.statements).toBe(one.statements);
  });

  it('the gateway fetches every row’s verdict in one entity call to the records subgraph', async () => {
    const fetches = jest.spyOn(InProcessDataSource.prototype, 'process');
    try {
      const list = t.demo.promotionRound.map((p) => p.code);
      const result = await t.run(VERDICTS, { codes: list, purpose: 'PROMOTION', note: NOTE }, managing());
      expect(result.errors).toBeUndefined();
      const queries = fetches.mock.calls.map(([options]) => options.request.query ?? '');
      expect(queries.filter((q) => q.includes('appointmentCheck'))).toHaveLength(1);
      expect(queries.filter((q) => q.includes('_entities'))).toHaveLength(1);
    } finally {
      fetches.mockRestore();
    }
  });

  it('more than 200 persons: BAD_USER_INPUT, nothing logged', async () => {
    const before = (await logOf()).length;
    const list = Array.from({ length: 201 }, (_, i) => makeResidentId('320902', '19910101', i));
    const result = await check(managing(), list, 'RECRUITMENT');
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'personCodes' });
    expect((await logOf()).length).toBe(before);
  });

  it('a note that says nothing: BAD_USER_INPUT at note, nothing logged', async () => {
    const before = (await logOf()).length;
    const result = await check(managing(), [person('李明').code], 'PROMOTION', ' ');
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'note' });
    expect((await logOf()).length).toBe(before);
  });

  describe('an unregistered RECRUITMENT candidate', () => {
    const stranger = makeResidentId('320903', '19950620', 321);
    const named = makeResidentId('320903', '19940211', 432);

    beforeAll(async () => {
      // A candidate once registered elsewhere and named in a serious record, then gone from this registry:
      // only the record naming the number (by its look-up key) is left.
      const registry = new SubjectRegistry(t.services.orm.em.fork(), t.services.keys);
      await registry.ensureRegistered([
        { kind: SubjectKind.PUBLIC_SERVANT, name: '候选人甲', code: named, regionCode: '320903', parentCode: null },
      ]);
      const pushed = await t.run(
        `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created } }`,
        {
          input: [
            {
              externalId: 'RECRUIT-1',
              subject: { code: t.demo.finance.code },
              nature: 'DISHONESTY',
              category: 'ADMINISTRATIVE_PENALTY',
              domain: 'GENERAL',
              severity: 'SERIOUS',
              title: '违规发放补贴',
              decidedAt: '2026-06-01',
              disclosure: 'GOVERNMENT',
              responsiblePersonCodes: [named],
            },
          ],
        },
        viewers.creditOffice,
      );
      expect(pushed.errors).toBeUndefined();
      await t.sql(`DELETE FROM subjects.subject WHERE code_key = ?`, [t.services.keys.identify(named).keys[0]]);
    });

    it('without records naming the number: CLEAR, the number masked, never in the answer nor in the log', async () => {
      const result = await check(otherOrgDept(), [stranger], 'RECRUITMENT', '2026年公务员招录政审');
      // No file to read: the same refusal as for a registered person the department does not manage.
      expect(result.errors!.map((e) => [e.extensions!.code, e.path])).toEqual([
        ['FORBIDDEN', ['appointmentCheck', 0, 'candidate', 'recentAssessments']],
      ]);
      const [row] = result.data!.appointmentCheck;
      expect(row).toMatchObject({ code: maskResidentId(stranger), refusal: null });
      expect(row.candidate).toMatchObject({
        verdict: 'CLEAR',
        reasons: [],
        undisclosedReasonCount: 0,
        recentAssessments: null,
      });
      expect(JSON.stringify(result)).not.toContain(stranger);
      const [{ n }] = await t.sql(
        `SELECT count(*)::int AS n FROM audit.access_log WHERE array_to_string(subject_keys, ',') || purpose || array_to_string(fields, ',') LIKE ?`,
        [`%${stranger}%`],
      );
      expect(n).toBe(0);
      expect((await logOf()).at(-1)).toMatchObject({
        subject_keys: [t.services.keys.identify(stranger).keys[0]],
        purpose_kind: 'RECRUITMENT',
        outcome: 'GRANTED',
      });
    });

    it('with a record naming the number: the record weighs in the verdict', async () => {
      const result = await t.run<{ appointmentCheck: Row[] }>(
        VERDICTS,
        { codes: [named, stranger], purpose: 'RECRUITMENT', note: '2026年公务员招录政审' },
        managing(),
      );
      expect(result.errors).toBeUndefined();
      const [row, clean] = result.data!.appointmentCheck;
      expect(row.candidate!.verdict).toBe('ATTENTION');
      expect(row.candidate!.reasons).toEqual([
        expect.objectContaining({ kind: 'SERIOUS_RECORD', weight: 'ATTENTION' }),
      ]);
      expect(clean.candidate!.verdict).toBe('CLEAR');
      expect(JSON.stringify(result)).not.toContain(named);
    });

    it('PROMOTION of an unregistered number: NOT_PERMITTED, as a person one does not manage', async () => {
      const result = await check(managing(), [named], 'PROMOTION');
      expect(result.data!.appointmentCheck[0]).toMatchObject({ refusal: 'NOT_PERMITTED', candidate: null });
      expect((await logOf()).at(-1)).toMatchObject({ outcome: 'DENIED', purpose_kind: 'PROMOTION' });
    });
  });
});
