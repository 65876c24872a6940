import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ArrearsRepayment } from '../../findings/arrears';
import { CreditorClass, RecordStatus } from '../../enums';

@ObjectType('RecordRepaymentPayload', {
  description: 'A repayment recorded on arrears: what is still owed, and whether the record ended (SETTLED) by it.',
})
export class RecordRepaymentPayload {
  @Field(() => ID, { description: 'Id of the ARREARS credit record.' }) recordId!: string;
  @Field(() => ArrearsRepayment, { description: 'The repayment (the first one, on a retry with its reference).' })
  repayment!: ArrearsRepayment;
  @Field({ description: 'Amount still owed in yuan after it, decimal string.' }) outstanding!: string;
  @Field(() => RecordStatus, { description: 'The record’s status after it: SETTLED once repaid in full.' })
  status!: RecordStatus;
  @Field({ description: 'True when this reference was recorded before: nothing new was written.' })
  replayed!: boolean;
}

@ObjectType('ArrearsLedgerRow', {
  description:
    '清欠台账, one division (county) and creditor class: owed, repaid and outstanding at the end of the period, and what was added and repaid in it (yuan, decimal strings).',
})
export class ArrearsLedgerRow {
  @Field({ description: 'Division code (6 digits) of the owing subjects.' }) division!: string;
  @Field(() => CreditorClass, { description: 'Who is owed.' }) creditorClass!: CreditorClass;
  @Field(() => Int, { description: 'ARREARS records decided by the end of the period.' }) records!: number;
  @Field({ description: 'Amount owed on those records.' }) owed!: string;
  @Field({ description: 'Repaid on them by the end of the period.' }) repaid!: string;
  @Field({ description: 'owed minus repaid: still outstanding at the end of the period.' }) outstanding!: string;
  @Field({ description: 'Owed on records decided within the period (新增).' }) owedInPeriod!: string;
  @Field({ description: 'Repaid within the period (清偿).' }) repaidInPeriod!: string;
}
