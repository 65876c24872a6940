import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { pgArray } from '../../../db/sql';
import { CreditorClass } from '../enums';
import type { ValidArrears } from './arrears.input';

/* The money of ARREARS records (清欠): records.arrears and records.arrears_repayment, one statement each. */

@ObjectType('ArrearsRepayment', { description: 'One repayment of arrears, as the recording system reported it.' })
export class ArrearsRepayment {
  @Field(() => ID, { description: 'Stable identifier of the repayment.' }) id!: string;
  @Field({ description: 'Amount repaid in yuan, decimal string.' }) amount!: string;
  @Field(() => LocalDateResolver, { description: 'Date of payment.' }) paidOn!: string;
  @Field({ description: 'The recording system’s reference (payment voucher): one repayment per reference.' })
  reference!: string;
  @Field({ description: 'When the hub recorded it.' }) recordedAt!: Date;
}

@ObjectType('Arrears', {
  description:
    'What an ARREARS record says is owed (清欠): amount, creditor, due date, repayments and what is still outstanding.',
})
export class Arrears {
  @Field(() => ID, { description: 'Id of the ARREARS credit record.' }) recordId!: string;
  @Field({ description: 'Amount owed in yuan, decimal string.' }) amount!: string;
  @Field(() => CreditorClass, { description: 'Who is owed.' }) creditorClass!: CreditorClass;
  @Field(() => String, { nullable: true, description: 'USCC of the creditor enterprise, if one was named.' })
  creditorCode!: string | null;
  @Field(() => LocalDateResolver, { description: 'Date the money was due.' }) dueOn!: string;
  @Field({ description: 'Sum of the repayments in yuan.' }) repaid!: string;
  @Field({ description: 'Amount minus repayments in yuan (0.00 once repaid in full).' }) outstanding!: string;
  @Field(() => [ArrearsRepayment], { description: 'Repayments, oldest first.' }) repayments!: ArrearsRepayment[];
}

/**
 * The arrears of these records with their repayments and sums, in one statement. Not narrowed by the viewer: the
 * rule on CreditRecord.arrears (findings/rules.ts canReadArrears) decides who gets them.
 * @rowRule
 */
export async function arrearsOf(em: EntityManager, recordIds: readonly string[]): Promise<Arrears[]> {
  const rows: (Omit<Arrears, 'repayments'> & { repayments: (ArrearsRepayment & { recordedAt: string })[] })[] =
    await em.execute(
      `SELECT a.record_id::text AS "recordId", a.amount::text, a.creditor_class AS "creditorClass",
              a.creditor_code AS "creditorCode", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
              coalesce(p.repaid, 0)::numeric(18,2)::text AS repaid,
              greatest(a.amount - coalesce(p.repaid, 0), 0)::numeric(18,2)::text AS outstanding,
              coalesce(p.list, '[]'::jsonb) AS repayments
       FROM records.arrears a
       LEFT JOIN LATERAL (
         SELECT sum(y.amount) AS repaid,
                jsonb_agg(jsonb_build_object('id', y.id::text, 'amount', y.amount::text,
                  'paidOn', to_char(y.paid_on, 'YYYY-MM-DD'), 'reference', y.reference, 'recordedAt', y.created_at)
                  ORDER BY y.paid_on, y.id) AS list
         FROM records.arrears_repayment y WHERE y.record_id = a.record_id
       ) p ON true
       WHERE a.record_id = ANY(?::bigint[])`,
      [pgArray(recordIds)],
    );
  return rows.map((row) =>
    Object.assign(new Arrears(), row, {
      repayments: row.repayments.map((r) =>
        Object.assign(new ArrearsRepayment(), r, { recordedAt: new Date(r.recordedAt) }),
      ),
    }),
  );
}

/** Writes (or replaces, on a changed re-push) the arrears of pushed records, in the caller's transaction. */
export async function writeArrears(em: EntityManager, rows: { recordId: string; arrears: ValidArrears }[]) {
  if (rows.length === 0) return;
  await em.execute(
    `INSERT INTO records.arrears (record_id, amount, creditor_class, creditor_code, due_on)
     SELECT x.record_id, x.amount, x.creditor_class, x.creditor_code, x.due_on
     FROM jsonb_to_recordset(?::jsonb) AS x(record_id bigint, amount numeric, creditor_class text, creditor_code text, due_on date)
     ON CONFLICT (record_id) DO UPDATE SET amount = excluded.amount, creditor_class = excluded.creditor_class,
       creditor_code = excluded.creditor_code, due_on = excluded.due_on`,
    [
      JSON.stringify(
        rows.map(({ recordId, arrears: a }) => ({
          record_id: recordId,
          amount: a.amount,
          creditor_class: a.creditorClass,
          creditor_code: a.creditorCode,
          due_on: a.dueOn,
        })),
      ),
    ],
  );
}
