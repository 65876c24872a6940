import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PenaltyImportOutcome } from './import';

registerEnumType(PenaltyImportOutcome, {
  name: 'PenaltyImportOutcome',
  description:
    'IMPORTED (new record), UPDATED (changed, version + 1), UNCHANGED (same content again) or REJECTED (not written; see error).',
});

/**
 * One 双公示 administrative-penalty row, items named by their common column names. Every item
 * is optional here so that a missing one is reported for its row, not for the whole call.
 */
@InputType('PenaltyRowInput', { description: 'A 双公示 administrative-penalty row (items as in docs/sgs.md).' })
export class PenaltyRowInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Row number to report back (default: position in the list, from 1).',
  })
  row?: number | null;
  @Field(() => String, { nullable: true, description: '行政相对人名称' }) cf_xdr_mc?: string | null;
  @Field(() => String, { nullable: true, description: '行政相对人类别' }) cf_xdr_lb?: string | null;
  @Field(() => String, { nullable: true, description: '统一社会信用代码' }) cf_xdr_shxym?: string | null;
  @Field(() => String, { nullable: true, description: '工商注册号' }) cf_xdr_gszc?: string | null;
  @Field(() => String, { nullable: true, description: '组织机构代码' }) cf_xdr_zzjg?: string | null;
  @Field(() => String, { nullable: true, description: '税务登记号' }) cf_xdr_swdj?: string | null;
  @Field(() => String, { nullable: true, description: '事业单位证书号' }) cf_xdr_sydw?: string | null;
  @Field(() => String, { nullable: true, description: '社会组织登记证号' }) cf_xdr_shzz?: string | null;
  @Field(() => String, { nullable: true, description: '法定代表人' }) cf_frdb?: string | null;
  @Field(() => String, { nullable: true, description: '法定代表人证件类型' }) cf_fr_zjlx?: string | null;
  @Field(() => String, { nullable: true, description: '法定代表人证件号码' }) cf_fr_zjhm?: string | null;
  @Field(() => String, { nullable: true, description: '自然人证件类型' }) cf_xdr_zjlx?: string | null;
  @Field(() => String, { nullable: true, description: '自然人证件号码' }) cf_xdr_zjhm?: string | null;
  @Field(() => String, { nullable: true, description: '行政处罚决定书文号' }) cf_wsh?: string | null;
  @Field(() => String, { nullable: true, description: '违法行为类型' }) cf_wfxw?: string | null;
  @Field(() => String, { nullable: true, description: '违法事实' }) cf_sy?: string | null;
  @Field(() => String, { nullable: true, description: '处罚依据' }) cf_yj?: string | null;
  @Field(() => String, { nullable: true, description: '处罚类别' }) cf_cflb?: string | null;
  @Field(() => String, { nullable: true, description: '处罚内容' }) cf_nr?: string | null;
  @Field(() => String, { nullable: true, description: '罚款金额（万元）' }) cf_nr_fk?: string | null;
  @Field(() => String, { nullable: true, description: '没收违法所得、没收非法财物的金额（万元）' }) cf_nr_wfff?:
    string | null;
  @Field(() => String, { nullable: true, description: '暂扣或吊销证照名称及编号' }) cf_nr_zkdx?: string | null;
  @Field(() => String, { nullable: true, description: '处罚决定日期' }) cf_jdrq?: string | null;
  @Field(() => String, { nullable: true, description: '处罚有效期' }) cf_yxq?: string | null;
  @Field(() => String, { nullable: true, description: '公示截止期' }) cf_gsjzq?: string | null;
  @Field(() => String, { nullable: true, description: '处罚机关' }) cf_cfjg?: string | null;
  @Field(() => String, { nullable: true, description: '处罚机关统一社会信用代码' }) cf_cfjgdm?: string | null;
  @Field(() => String, { nullable: true, description: '数据来源单位' }) cf_sjly?: string | null;
  @Field(() => String, { nullable: true, description: '数据来源单位统一社会信用代码' }) cf_sjlydm?: string | null;
  @Field(() => String, { nullable: true, description: '备注' }) bz?: string | null;
}

@ObjectType('PenaltyRowReport', { description: 'What the import did with one row.' })
export class PenaltyRowReport {
  @Field(() => Int, { description: 'The row number.' }) row!: number;
  @Field(() => PenaltyImportOutcome, { description: 'What the import did with the row.' })
  outcome!: PenaltyImportOutcome;
  @Field(() => String, { nullable: true, description: 'The row’s decision number (行政处罚决定书文号).' }) decisionNo!:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the record written or found (null when rejected).' })
  recordId!: string | null;
  @Field(() => String, { nullable: true, description: 'The cf_* name of the item at fault, when one is.' }) item!:
    string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why the row was rejected, naming the item; in the language Accept-Language asks for (Chinese by default).',
  })
  error!: string | null;
}

@ObjectType('ImportPenaltiesPayload', {
  description: 'Per-row report of an importPenalties call, in input order, with counts.',
})
export class ImportPenaltiesPayload {
  @Field(() => [PenaltyRowReport], { description: 'One report per row, in input order.' }) rows!: PenaltyRowReport[];
  @Field(() => Int, { description: 'Rows imported as new records.' }) imported!: number;
  @Field(() => Int, { description: 'Rows that changed a record (version + 1).' }) updated!: number;
  @Field(() => Int, { description: 'Rows imported before with the same content.' }) unchanged!: number;
  @Field(() => Int, { description: 'Rows not written (see each row’s error).' }) rejected!: number;
}
