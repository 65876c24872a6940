import { registerEnumType } from 'type-graphql';

/** Kinds of credit subject (信用主体). Part of the client contract. */
export enum SubjectKind {
  GOVERNMENT = 'GOVERNMENT',
  DEPARTMENT = 'DEPARTMENT',
  INSTITUTION = 'INSTITUTION',
  TOWNSHIP = 'TOWNSHIP',
  COMMUNITY = 'COMMUNITY',
  PUBLIC_SERVANT = 'PUBLIC_SERVANT',
  ENTERPRISE = 'ENTERPRISE',
}

registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description: 'Kind of credit subject.',
  valuesConfig: {
    GOVERNMENT: { description: '地方各级人民政府: a local government (USCC, category 11).' },
    DEPARTMENT: { description: '政府部门/党政机关: a government department or organ (USCC, category 11).' },
    INSTITUTION: { description: '事业单位: a public institution (USCC, category 12).' },
    TOWNSHIP: {
      description: '乡镇政府、街道办事处: a township government or sub-district office (USCC, category 11).',
    },
    COMMUNITY: { description: '村居、社区: a village or community organization (USCC, categories 54 / N*).' },
    PUBLIC_SERVANT: { description: '公务员/公职人员: a civil servant (resident identity number).' },
    ENTERPRISE: { description: '市场主体: a bidder, agency, supplier or investor (USCC, categories 91-93).' },
  },
});

/** Which USCC categories (chars 1-2) each organization kind may carry. */
export const USCC_CATEGORIES_BY_KIND: Readonly<
  Record<Exclude<SubjectKind, SubjectKind.PUBLIC_SERVANT>, readonly string[]>
> = {
  [SubjectKind.GOVERNMENT]: ['11'],
  [SubjectKind.DEPARTMENT]: ['11', '13'],
  [SubjectKind.INSTITUTION]: ['12'],
  [SubjectKind.TOWNSHIP]: ['11'],
  [SubjectKind.COMMUNITY]: ['54', '59', 'N1', 'N2', 'N3', 'N9'],
  [SubjectKind.ENTERPRISE]: ['91', '92', '93'],
};
