import { SubjectKind } from '../../../common/subject-kind';
import { normalizeCode, organizationCodeCheckChar } from '../../../identity';
import { bilingual } from '../../../common/language';
import type { SgsRow } from './items';
import { checkResidentId, checkUscc, needed, RowError } from './row-checks';

/** 行政相对人类别 of the standard. */
export const COUNTERPART_KINDS = ['法人及非法人组织', '自然人', '个体工商户'] as const;

/** Resident ID numbers are the only personal identity documents the hub checks and keys. */
const RESIDENT_ID_TYPES = new Set(['身份证', '居民身份证', '中华人民共和国居民身份证', '001']);

const FOR_NATURAL_PERSON = bilingual('（自然人必填）', ' for a natural person');

/** Subject kind of a new organization, from its USCC category (and name for governments). */
export function organizationKind(uscc: string, name: string): SubjectKind | null {
  const category = uscc.slice(0, 2);
  if (category === '11') return /人民政府$/.test(name) ? SubjectKind.GOVERNMENT : SubjectKind.DEPARTMENT;
  if (category === '13') return SubjectKind.DEPARTMENT;
  if (category === '12') return SubjectKind.INSTITUTION;
  if (['54', '59', 'N1', 'N2', 'N3', 'N9'].includes(category)) return SubjectKind.COMMUNITY;
  if (['91', '92', '93'].includes(category)) return SubjectKind.ENTERPRISE;
  return null;
}

export interface Counterpart {
  name: string;
  naturalPerson: boolean;
  subjectCode: string;
  subjectKind: SubjectKind | null;
}

/** 行政相对人: a natural person by resident ID, an organization by its USCC (and its consistency checks). */
export function checkCounterpart(row: SgsRow, today: string): Counterpart {
  const name = needed(row, 'cf_xdr_mc');
  const kind = needed(row, 'cf_xdr_lb');
  if (!(COUNTERPART_KINDS as readonly string[]).includes(kind))
    throw new RowError(
      'cf_xdr_lb',
      bilingual(
        `“${kind}”不是以下类别之一：${COUNTERPART_KINDS.join('、')}`,
        `"${kind}" is not one of ${COUNTERPART_KINDS.join(', ')}`,
      ),
    );
  const naturalPerson = kind === '自然人';

  const subject = naturalPerson
    ? { subjectCode: checkNaturalPerson(row, today), subjectKind: null }
    : checkOrganization(row, kind, name);
  if (row.cf_fr_zjhm !== '') {
    if (row.cf_fr_zjlx === '' || RESIDENT_ID_TYPES.has(row.cf_fr_zjlx)) checkResidentId(row, 'cf_fr_zjhm', today);
  }

  return { name, naturalPerson, ...subject };
}

function checkNaturalPerson(row: SgsRow, today: string): string {
  if (row.cf_xdr_shxym !== '')
    throw new RowError(
      'cf_xdr_shxym',
      bilingual(
        '自然人没有统一社会信用代码（请填写自然人证件号码）',
        'a natural person has no unified social credit code (use 自然人证件号码)',
      ),
    );
  const type = needed(row, 'cf_xdr_zjlx', FOR_NATURAL_PERSON);
  if (!RESIDENT_ID_TYPES.has(type))
    throw new RowError(
      'cf_xdr_zjlx',
      bilingual(
        `“${type}”：平台仅以居民身份证标识自然人`,
        `"${type}": the hub identifies natural persons by resident identity card (身份证) only`,
      ),
    );
  needed(row, 'cf_xdr_zjhm', FOR_NATURAL_PERSON);
  return checkResidentId(row, 'cf_xdr_zjhm', today);
}

function checkOrganization(row: SgsRow, kind: string, name: string): { subjectCode: string; subjectKind: SubjectKind } {
  needed(
    row,
    'cf_xdr_shxym',
    bilingual(`（${kind}必填，平台以其标识组织）`, ` for ${kind} (the hub identifies organizations by it)`),
  );
  const subjectCode = checkUscc(row, 'cf_xdr_shxym');
  if (kind === '个体工商户' && subjectCode.slice(0, 2) !== '92')
    throw new RowError(
      'cf_xdr_shxym',
      bilingual(
        `个体工商户的登记管理部门和机构类别代码应为 92，实为 ${subjectCode.slice(0, 2)}`,
        `an individual business (个体工商户) has category 92, got ${subjectCode.slice(0, 2)}`,
      ),
    );
  const subjectKind = organizationKind(subjectCode, name);
  if (!subjectKind)
    throw new RowError(
      'cf_xdr_shxym',
      bilingual(
        `机构类别 ${subjectCode.slice(0, 2)} 不是平台归集的主体类型`,
        `organization category ${subjectCode.slice(0, 2)} is not a kind of subject the hub keeps`,
      ),
    );
  if (kind === '法人及非法人组织')
    needed(row, 'cf_frdb', bilingual('（法人及非法人组织必填）', ' for 法人及非法人组织'));
  if (row.cf_xdr_zjhm !== '')
    throw new RowError(
      'cf_xdr_zjhm',
      bilingual(`只有自然人填写此项，本行为${kind}`, `only a natural person has one, this row is ${kind}`),
    );
  if (row.cf_xdr_zzjg !== '') {
    const org = normalizeCode(row.cf_xdr_zzjg).replace('-', '');
    if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || organizationCodeCheckChar(org.slice(0, 8)) !== org[8]) {
      throw new RowError(
        'cf_xdr_zzjg',
        bilingual(
          `“${row.cf_xdr_zzjg}”不是有效的组织机构代码（GB 11714 校验）`,
          `"${row.cf_xdr_zzjg}" is not a valid organization code (GB 11714 check)`,
        ),
      );
    }
    if (org !== subjectCode.slice(8, 17))
      throw new RowError(
        'cf_xdr_zzjg',
        bilingual(
          `与统一社会信用代码 ${subjectCode} 的第 9 至 17 位不一致`,
          `does not match characters 9-17 of the unified social credit code ${subjectCode}`,
        ),
      );
    row.cf_xdr_zzjg = org;
  }
  return { subjectCode, subjectKind };
}
