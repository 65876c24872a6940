import type { Principal } from '../../src/auth/principal';
import { today } from '../../src/common/dates';
import { makeResidentId } from '../../src/identity/resident-id';
import { as, PUBLIC_PRINCIPAL, Role, type TestHub } from '../helpers/test-hub';
import { viewers } from '../helpers/viewers';

/**
 * The protected facts of the derived-path leak test (issue #13), on top of the demo data:
 * - `sanction`: the demo's RESTRICTED sanction JW-2026-031 on 李明 (named.sanctionedCadre);
 * - `governmentRecord` / `restrictedRecord`: a GOVERNMENT and a RESTRICTED debt-risk finding on
 *   the city's housing department (both raise DEBT_RISK warnings and count in its evaluation);
 * - `governmentPenalty` / `restrictedPenalty` / `personPenalty`: administrative penalties for the 双公示 export;
 * - the personal-matters report of the demo archives (its content must appear on no derived path);
 * - an unregistered and a hidden person (a registered code the caller may not see).
 */
export const FACTS = {
  sanctionTitle: '政务记过处分',
  governmentTitle: 'TRUST 拖欠工程款（政务共享）',
  restrictedTitle: 'TRUST 政府债务违约（依授权查询）',
  personalReport: '本人婚姻、房产、投资及配偶子女从业情况如实报告。',
};

/** A valid resident ID number nobody registered. */
export const UNREGISTERED_PERSON = makeResidentId('320902', '19910101', 777);

/** Named viewers: every relevant role in the demo city (320900) and outside it (Luoyang, 410300). */
export function viewersOf(t: TestHub) {
  const d = t.demo;
  const person = d.sanctionedCadre;
  return {
    public: PUBLIC_PRINCIPAL,
    officeIn: viewers.creditOffice,
    officeOut: as(Role.CREDIT_OFFICE, { region: '410300', sub: 'luoyang-credit-office' }),
    disciplinePusher: viewers.discipline,
    disciplineOther: as(Role.DISCIPLINE, { region: '320900', sub: 'district-discipline' }),
    disciplineOut: as(Role.DISCIPLINE, { region: '410300', sub: 'luoyang-discipline' }),
    orgDeptManaging: as(Role.ORG_DEPT, { region: '320900', org: d.orgDept.code, sub: 'yancheng-org' }),
    orgDeptOther: as(Role.ORG_DEPT, {
      region: '320922',
      org: d.county('320922').orgDept.code,
      sub: 'binhai-org',
    }),
    procurementIn: as(Role.PROCUREMENT, { region: '320900', org: d.finance.code, sub: 'gp-system' }),
    debtIn: as(Role.DEBT, { region: '320900', sub: 'debt-monitor' }),
    debtOut: as(Role.DEBT, { region: '410300', sub: 'luoyang-debt' }),
    self: as(Role.SUBJECT, { org: person.code, sub: 'li-ming-self' }),
    /** A government token of another role carrying the pushing system's `sub`: it is not that system. */
    pusherNamesake: as(Role.TENDERING, { region: '320900', sub: 'yancheng-discipline' }),
    /** A SUBJECT token whose `sub` is the credit office's: it must get nothing of the office's. */
    impostor: as(Role.SUBJECT, { org: d.cityCadre.code, sub: 'yancheng-credit-office' }),
  };
}

export type ViewerName = keyof ReturnType<typeof viewersOf>;

const SUBMIT = `mutation($input: [RecordInput!]!) { submitRecords(input: $input) { created results { recordId } } }`;

function finding(externalId: string, code: string, extra: Record<string, unknown>) {
  return {
    externalId,
    subject: { code },
    nature: 'DISHONESTY',
    domain: 'GOVERNMENT_DEBT',
    severity: 'GENERAL',
    decidedAt: today(),
    title: externalId,
    details: `${externalId} 的事实`,
    legalBasis: `${externalId} 的依据`,
    // An ARREARS finding carries its money (清欠, docs/arrears.md).
    ...(extra.category === 'ARREARS'
      ? { arrears: { amount: '100000.00', creditorClass: 'CONTRACTOR', dueOn: today() } }
      : {}),
    ...extra,
  };
}

/** Pushes the fixture records; returns their ids. */
export async function pushFacts(t: TestHub) {
  const d = t.demo;
  const debtPusher = viewers.debt;
  const pushed = await t.run(
    SUBMIT,
    {
      input: [
        finding('TRUST-GOV-1', d.housing.code, {
          category: 'ARREARS',
          severity: 'SERIOUS',
          disclosure: 'GOVERNMENT',
          title: FACTS.governmentTitle,
        }),
        finding('TRUST-RES-1', d.housing.code, {
          category: 'ARREARS',
          disclosure: 'RESTRICTED',
          title: FACTS.restrictedTitle,
        }),
        finding('TRUST-PEN-GOV', d.housing.code, {
          category: 'ADMINISTRATIVE_PENALTY',
          disclosure: 'GOVERNMENT',
          documentNo: 'TRUST-PEN-GOV',
        }),
        finding('TRUST-PEN-RES', d.housing.code, {
          category: 'ADMINISTRATIVE_PENALTY',
          disclosure: 'RESTRICTED',
          documentNo: 'TRUST-PEN-RES',
        }),
      ],
    },
    debtPusher,
  );
  if (pushed.errors) throw new Error(JSON.stringify(pushed.errors));
  const office = viewersOf(t).officeIn;
  const person = await t.run(
    SUBMIT,
    {
      input: [
        finding('TRUST-PEN-PERSON', d.sanctionedCadre.code, {
          category: 'ADMINISTRATIVE_PENALTY',
          domain: 'GENERAL',
          disclosure: 'PUBLIC',
          documentNo: 'TRUST-PEN-PERSON',
        }),
      ],
    },
    office,
  );
  if (person.errors) throw new Error(JSON.stringify(person.errors));
  const [governmentRecord, restrictedRecord] = pushed.data!.submitRecords.results.map(
    (r: { recordId: string }) => r.recordId,
  );
  const [{ id: sanction }] = await t.sql(
    `SELECT id::text FROM records.credit_record WHERE external_id = 'JW-2026-031'`,
  );
  return { sanction, governmentRecord, restrictedRecord };
}

/**
 * RESTRICTED_RECORD entries of the access log written while `action` ran: past each chain's head
 * as it was before (tests run one at a time).
 */
export async function logged<T>(
  t: TestHub,
  action: () => Promise<T>,
): Promise<{ result: T; entries: { actor_sub: string; actor_role: string; fields: string[] }[] }> {
  const heads = JSON.stringify(await t.sql(`SELECT chain, seq FROM audit.chain_head`));
  const result = await action();
  const entries = await t.sql(
    `SELECT l.actor_sub, l.actor_role, l.fields FROM audit.access_log l
     JOIN jsonb_to_recordset(?::jsonb) AS h(chain int, seq bigint) ON h.chain = l.chain
     WHERE l.resource = 'RESTRICTED_RECORD' AND l.seq > h.seq ORDER BY l.occurred_at`,
    [heads],
  );
  return { result, entries };
}

export type Viewers = Record<ViewerName, Principal>;
