import { makeResidentId, makeUscc } from '../../src/identity';
import { Disclosure, RecordDomain, Severity } from '../../src/subgraphs/records/enums';
import { HeaderError, recognizeHeaders, rowFromCells, type SgsRow } from '../../src/subgraphs/records/disclosure/items';
import { penaltyRowOf } from '../../src/subgraphs/records/disclosure/export';
import { mapPenaltyRow, normalizeAmount, normalizeDate } from '../../src/subgraphs/records/disclosure/mapping';
import { organizationKind } from '../../src/subgraphs/records/disclosure/counterpart';
import { RowError } from '../../src/subgraphs/records/disclosure/row-checks';
import { SubjectKind } from '../../src/common/subject-kind';
import { sampleRows } from '../sgs/sample';

const TODAY = '2026-11-23';
const base = sampleRows()[0];

function rejectedItem(change: Partial<SgsRow>): { item: string | null; message: string } {
  try {
    mapPenaltyRow({ ...base, ...change }, TODAY);
  } catch (error) {
    // The English reason: what each case checks; the Chinese one is the default text (checked below).
    if (error instanceof RowError) return { item: error.item, message: error.text.en };
    throw error;
  }
  throw new Error('row was accepted');
}

function headerProblem(headers: string[]): { zh: string; en: string } {
  try {
    recognizeHeaders(headers);
  } catch (error) {
    if (error instanceof HeaderError) return error.text;
    throw error;
  }
  throw new Error('headers were accepted');
}

describe('双公示 headers', () => {
  it('recognises cf_* names in any case and the Chinese item names, brackets of either width', () => {
    const columns = recognizeHeaders([
      'CF_XDR_MC',
      '行政相对人类别',
      'cf_wsh',
      '违法行为类型',
      '违法事实',
      'Cf_Yj',
      '处罚类别',
      '处罚内容',
      '罚款金额(万元)',
      '处罚决定日期',
      '处罚机关',
      '处罚机关统一社会信用代码',
      '数据来源单位',
      'cf_sjlydm',
    ]);
    expect(columns).toEqual([
      'cf_xdr_mc',
      'cf_xdr_lb',
      'cf_wsh',
      'cf_wfxw',
      'cf_sy',
      'cf_yj',
      'cf_cflb',
      'cf_nr',
      'cf_nr_fk',
      'cf_jdrq',
      'cf_cfjg',
      'cf_cfjgdm',
      'cf_sjly',
      'cf_sjlydm',
    ]);
    expect(rowFromCells(columns, ['甲公司']).cf_xdr_mc).toBe('甲公司');
  });

  it('stops on an unknown, repeated or missing required column', () => {
    const all = Object.keys(base);
    expect(headerProblem([...all, '金额']).en).toMatch(/unknown column.*"金额"/);
    expect(headerProblem([...all, '金额']).zh).toMatch(/无法识别的列：“金额”（第 \d+ 列）/);
    expect(headerProblem([...all, '行政处罚决定书文号']).en).toMatch(/both hold 行政处罚决定书文号/);
    expect(() => recognizeHeaders(all.filter((key) => key !== 'cf_jdrq'))).toThrow(HeaderError);
  });
});

describe('双公示 row validation', () => {
  it('maps a valid row to an administrative-penalty record keyed on the decision number', () => {
    const { decisionNo, record, naturalPerson } = mapPenaltyRow(base, TODAY);
    expect(decisionNo).toBe('盐市监处罚〔2026〕1号');
    expect(naturalPerson).toBe(false);
    expect(record).toMatchObject({
      externalId: decisionNo,
      documentNo: decisionNo,
      category: 'ADMINISTRATIVE_PENALTY',
      nature: 'DISHONESTY',
      domain: RecordDomain.GENERAL,
      severity: Severity.GENERAL,
      disclosure: Disclosure.PUBLIC,
      decidedAt: '2026-03-02',
      subject: { code: base.cf_xdr_shxym, name: base.cf_xdr_mc, kind: SubjectKind.ENTERPRISE, regionCode: '320902' },
    });
    expect(record.sourceItems).toMatchObject({ cf_cflb: '罚款', cf_nr_fk: '0.5', cf_cfjg: '盐城市市场监督管理局' });
    expect(record.sourceItems).not.toHaveProperty('cf_wsh');
  });

  it.each([
    [{ cf_sy: '' }, 'cf_sy', /违法事实 \(cf_sy\): is required/],
    [{ cf_xdr_shxym: '91320902PC2000018A' }, 'cf_xdr_shxym', /check character/],
    [{ cf_xdr_shxym: '' }, 'cf_xdr_shxym', /is required/],
    [{ cf_xdr_lb: '企业' }, 'cf_xdr_lb', /not one of 法人及非法人组织, 自然人, 个体工商户/],
    [{ cf_cflb: '罚款;罚金' }, 'cf_cflb', /"罚金" is not a penalty type/],
    [{ cf_nr_fk: '一万' }, 'cf_nr_fk', /not an amount/],
    [{ cf_nr_fk: '' }, 'cf_nr_fk', /when 处罚类别 includes 罚款/],
    [{ cf_cflb: '吊销许可证件', cf_nr_fk: '' }, 'cf_nr_zkdx', /licence/],
    [{ cf_jdrq: '2026-02-30' }, 'cf_jdrq', /not a date/],
    [{ cf_jdrq: '2026-11-24' }, 'cf_jdrq', /in the future/],
    [{ cf_gsjzq: '2026-01-01' }, 'cf_gsjzq', /before the decision date/],
    [{ cf_cfjgdm: '11320900MB0000000X' }, 'cf_cfjgdm', /not a valid unified social credit code/],
    [{ cf_fr_zjhm: '320902199013010011' }, 'cf_fr_zjhm', /not a valid resident identity number.*not a calendar date/],
    [{ cf_xdr_zzjg: 'PC2000027' }, 'cf_xdr_zzjg', /organization code/],
    [{ cf_xdr_lb: '个体工商户' }, 'cf_xdr_shxym', /category 92/],
    [{ cf_xdr_shxym: makeUscc('51', '320900', 'PC000001') }, 'cf_xdr_shxym', /category 51 is not a kind of subject/],
    [{ cf_frdb: '' }, 'cf_frdb', /for 法人及非法人组织/],
    [{ cf_wsh: 'x'.repeat(129) }, 'cf_wsh', /at most 128 characters/],
  ])('rejects %j naming the item', (change, item, message) => {
    const rejection = rejectedItem(change as Partial<SgsRow>);
    expect(rejection.item).toBe(item);
    expect(rejection.message).toMatch(message);
  });

  it('a rejection is in Chinese first: the message, and the text beside the English one', () => {
    try {
      mapPenaltyRow({ ...base, cf_jdrq: '2026-02-30' }, TODAY);
      throw new Error('row was accepted');
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      expect(error.message).toBe('处罚决定日期 (cf_jdrq)：“2026-02-30”不是日期（YYYY-MM-DD）');
      expect(error.text).toEqual({
        zh: error.message,
        en: '处罚决定日期 (cf_jdrq): "2026-02-30" is not a date (YYYY-MM-DD)',
      });
    }
  });

  it('natural persons: resident ID number checked, never kept', () => {
    const person = {
      ...base,
      cf_xdr_lb: '自然人',
      cf_xdr_shxym: '',
      cf_frdb: '',
      cf_xdr_zjlx: '身份证',
      cf_xdr_zjhm: makeResidentId('320902', '19850505', 77),
    };
    const mapped = mapPenaltyRow(person, TODAY);
    expect(mapped.naturalPerson).toBe(true);
    expect(mapped.record.subject).toEqual({ code: person.cf_xdr_zjhm });
    expect(JSON.stringify(mapped.record.sourceItems)).not.toContain(person.cf_xdr_zjhm);
    expect(rejectedItem({ ...person, cf_xdr_zjhm: '320902198505050771' }).item).toBe('cf_xdr_zjhm');
    expect(rejectedItem({ ...person, cf_xdr_zjlx: '护照' }).message).toMatch(/resident identity card/);
    expect(rejectedItem({ ...person, cf_xdr_shxym: base.cf_xdr_shxym }).item).toBe('cf_xdr_shxym');
  });

  it('severity, disclosure and domain rules', () => {
    const map = (change: Partial<SgsRow>) => mapPenaltyRow({ ...base, ...change }, TODAY).record;
    expect(map({ cf_nr_fk: '10' }).severity).toBe(Severity.SERIOUS);
    expect(map({ cf_nr_fk: '9.99' }).severity).toBe(Severity.GENERAL);
    expect(map({ cf_cflb: '罚款;责令停产停业' }).severity).toBe(Severity.SERIOUS);
    expect(map({ cf_cflb: '警告', cf_nr_fk: '' }).disclosure).toBe(Disclosure.GOVERNMENT);
    expect(map({ cf_cflb: '警告;罚款' }).disclosure).toBe(Disclosure.PUBLIC);
    // 通报批评 is published (3 months, SAMR Order 45 art. 13), no longer kept among government systems (#17).
    expect(map({ cf_cflb: '通报批评', cf_nr_fk: '' }).disclosure).toBe(Disclosure.PUBLIC);
    expect(map({ cf_yj: '《中华人民共和国招标投标法》第五十三条' }).domain).toBe(RecordDomain.TENDERING);
    expect(map({ cf_wfxw: '政府采购活动中提供虚假材料' }).domain).toBe(RecordDomain.PROCUREMENT);
    expect(map({ cf_yj: '《中华人民共和国大气污染防治法》' }).domain).toBe(RecordDomain.ENVIRONMENT);
  });

  it('normalises dates and amounts so an exported row maps to the same record', () => {
    expect(['2026-03-05', '2026/3/5', '2026.03.05', '20260305', '2026年3月5日', '46086'].map(normalizeDate)).toEqual(
      Array(6).fill('2026-03-05'),
    );
    expect(normalizeDate('2026-13-01')).toBeNull();
    expect(normalizeAmount('1.50')).toBe('1.5');
    expect(normalizeAmount('1,200')).toBe('1200');
    expect(normalizeAmount('-1')).toBeNull();
    expect(mapPenaltyRow({ ...base, cf_jdrq: '2026/3/2', cf_nr_fk: '0.50' }, TODAY).record).toEqual(
      mapPenaltyRow(base, TODAY).record,
    );
  });

  it('a cell PostgreSQL cannot store (NUL, unpaired surrogate) rejects its row, naming the item', () => {
    expect(rejectedItem({ cf_sy: '当事人\u0000经营' })).toMatchObject({
      item: 'cf_sy',
      message: expect.stringContaining('NUL'),
    });
    expect(rejectedItem({ bz: '\uD800' })).toMatchObject({ item: 'bz', message: expect.stringContaining('surrogate') });
  });

  it("the export's formula mark is undone: an exported row maps to the same record", () => {
    const formulas = { ...base, cf_wfxw: '=HYPERLINK("x")', bz: '-' };
    const exported = { ...formulas, cf_wfxw: `'${formulas.cf_wfxw}`, bz: "'-" };
    expect(mapPenaltyRow(exported, TODAY)).toEqual(mapPenaltyRow(formulas, TODAY));
    // An apostrophe before anything else is the file's own.
    expect(mapPenaltyRow({ ...base, bz: "'普通备注" }, TODAY).record.sourceItems!.bz).toBe("'普通备注");
  });

  it('subject kind of a new organization from its USCC category', () => {
    expect(organizationKind(makeUscc('11', '320900', 'PC000001'), '盐城市人民政府')).toBe(SubjectKind.GOVERNMENT);
    expect(organizationKind(makeUscc('11', '320900', 'PC000001'), '盐城市财政局')).toBe(SubjectKind.DEPARTMENT);
    expect(organizationKind(makeUscc('12', '320900', 'PC000001'), '医院')).toBe(SubjectKind.INSTITUTION);
    expect(organizationKind(makeUscc('92', '320900', 'PC000001'), '店')).toBe(SubjectKind.ENTERPRISE);
    expect(organizationKind(makeUscc('53', '320900', 'PC000001'), '基金会')).toBeNull();
  });
});

describe('双公示 export rows (penaltyRowOf)', () => {
  const record = {
    subject_key: base.cf_xdr_shxym,
    subject_name: '登记名称',
    subject_kind: SubjectKind.ENTERPRISE,
    external_id: 'ext-1',
    document_no: null,
    title: '标题',
    details: '事实',
    legal_basis: '依据',
    decided_at: '2026-03-02',
    deciding_authority_code: base.cf_cfjgdm,
    source_items: null,
  };

  it('an imported record gives back its items; the export of a mapped row maps to the same record', () => {
    const mapped = mapPenaltyRow(base, TODAY).record;
    const row = penaltyRowOf(
      {
        ...record,
        external_id: mapped.externalId,
        document_no: mapped.documentNo!,
        title: mapped.title,
        details: mapped.details!,
        legal_basis: mapped.legalBasis!,
        source_items: mapped.sourceItems!,
      },
      true,
    );
    expect(mapPenaltyRow(row, TODAY).record).toEqual(mapped);
  });

  it('a pushed record: what the hub has; internals and persons only for those who may read them', () => {
    expect(penaltyRowOf(record, true)).toMatchObject({
      cf_xdr_mc: '登记名称',
      cf_xdr_lb: '法人及非法人组织',
      cf_wsh: 'ext-1',
      cf_wfxw: '标题',
      cf_sy: '事实',
      cf_yj: '依据',
      cf_cflb: '',
    });
    expect(penaltyRowOf(record, false)).toMatchObject({ cf_sy: '', cf_yj: '' });
    const person = {
      ...record,
      subject_key: 'hashed-key',
      subject_kind: SubjectKind.PUBLIC_SERVANT,
      subject_name: '张建国',
    };
    expect(penaltyRowOf(person, true)).toMatchObject({
      cf_xdr_lb: '自然人',
      cf_xdr_mc: '张建国',
      cf_xdr_shxym: '',
      cf_xdr_zjhm: '',
    });
    expect(penaltyRowOf(person, false).cf_xdr_mc).toBe('');
  });
});
