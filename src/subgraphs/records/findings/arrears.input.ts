import { Field, InputType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { isIsoDate } from '../../../common/dates';
import { itemError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import { isPositiveYuan } from '../../../common/money';
import { identifyCode, normalizeCode } from '../../../identity';
import { CreditorClass, RecordCategory } from '../enums';

@InputType('ArrearsInput', {
  description: 'The money of an ARREARS finding (清欠): required with category ARREARS, refused with any other.',
})
export class ArrearsInput {
  @Field({ description: 'Amount owed in yuan, a decimal string above 0 with at most two decimals ("1250000.00").' })
  amount!: string;

  @Field(() => CreditorClass, { description: 'Who is owed: migrant workers’ wages, a contractor, a supplier…' })
  creditorClass!: CreditorClass;

  @Field(() => String, { nullable: true, description: 'USCC of the creditor enterprise, when one is owed.' })
  creditorCode?: string | null;

  @Field(() => LocalDateResolver, { description: 'Date the money was due (应付日期).' })
  dueOn!: string;
}

/** Arrears as stored (records.arrears), the code normalized. */
export interface ValidArrears {
  amount: string;
  creditorClass: CreditorClass;
  creditorCode: string | null;
  dueOn: string;
}

/** The `arrears` of one pushed item checked on its own: required with ARREARS, refused otherwise (field paths). */
export function validateArrears(
  category: RecordCategory,
  arrears: ArrearsInput | null | undefined,
  index: number,
): ValidArrears | null {
  const fail = (field: string, zh: string, en: string): never => {
    throw itemError({ index, field, message: bilingual(zh, en) });
  };
  if (category !== RecordCategory.ARREARS) {
    if (arrears) fail('arrears', '只有拖欠款项（ARREARS）记录有欠款信息', 'only an ARREARS record has arrears');
    return null;
  }
  if (!arrears) return fail('arrears', '拖欠款项记录须填写欠款信息', 'an ARREARS record needs its arrears');
  if (!isPositiveYuan(arrears.amount))
    fail('arrears.amount', '须为大于 0 的以元计金额（最多两位小数）', 'is a decimal in yuan above 0');
  if (!isIsoDate(arrears.dueOn)) fail('arrears.dueOn', '须为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  let creditorCode: string | null = null;
  if (arrears.creditorCode) {
    creditorCode = normalizeCode(arrears.creditorCode);
    if (!identifyCode(creditorCode).types.includes('USCC'))
      fail('arrears.creditorCode', '须为有效的统一社会信用代码', 'must be a valid USCC');
  }
  return { amount: arrears.amount, creditorClass: arrears.creditorClass, creditorCode, dueOn: arrears.dueOn };
}
