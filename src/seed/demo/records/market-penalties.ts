import { addMonths, today } from '../../../common/dates';
import { makeUscc } from '../../../identity';
import type { HubServices } from '../../../services';
import { PenaltyImport, PenaltyImportOutcome } from '../../../subgraphs/records/disclosure/import';
import { emptyRow, type SgsRow } from '../../../subgraphs/records/disclosure/items';
import { DEMO_CITY } from '../../demo-subjects';
import type { DemoPushers } from '../push';

/**
 * 双公示 penalties of the city's market regulator, imported the way an authority's file is (PenaltyImport, what
 * `credit-hub import sgs` and importPenalties use), one for each publicity rule of SAMR Order No. 45
 * (config/credit-policy.json, docs/credit-status.md): a 警告 (never published), a 通报批评 (3 months), a fine over the
 * low-fine threshold (3 years, past Order 36's one year), and a fine whose 公示截止期 (cf_gsjzq) ends its publicity
 * before the rule does. Dated relative to today, so each stays in the state it shows.
 */
export const DEMO_MARKET_PENALTIES = {
  warning: '盐市监处罚〔2026〕901号',
  criticism: '盐市监处罚〔2026〕902号',
  largeFine: '盐市监处罚〔2025〕903号',
  authorityDeadline: '盐市监处罚〔2026〕904号',
} as const;

const REGULATOR = { cf_cfjg: '盐城市市场监督管理局', cf_cfjgdm: makeUscc('11', DEMO_CITY, 'MR100001') };

/** The penalised enterprise: registered by the import itself, as a 双公示 file's parties are. */
export const DEMO_MARKET_PARTY = {
  name: '盐城市亭湖区鲜味食品商行有限公司',
  code: makeUscc('91', '320902', 'MR200001'),
};

function penalty(decisionNo: string, decidedAt: string, values: Partial<SgsRow>): SgsRow {
  return {
    ...emptyRow(),
    cf_xdr_lb: '法人及非法人组织',
    cf_xdr_mc: DEMO_MARKET_PARTY.name,
    cf_xdr_shxym: DEMO_MARKET_PARTY.code,
    cf_frdb: '周海',
    cf_wsh: decisionNo,
    cf_wfxw: '经营不符合食品安全标准的食品',
    cf_sy: '当事人经营的预包装食品标签不符合食品安全国家标准。',
    cf_yj: '《中华人民共和国食品安全法》第一百二十五条',
    cf_jdrq: decidedAt,
    ...REGULATOR,
    cf_sjly: REGULATOR.cf_cfjg,
    cf_sjlydm: REGULATOR.cf_cfjgdm,
    ...values,
  };
}

/** The four rows, on `now`. */
export function demoMarketPenaltyRows(now: string): SgsRow[] {
  const fine = { cf_cflb: '罚款', cf_nr: '罚款人民币8万元', cf_nr_fk: '8' };
  return [
    penalty(DEMO_MARKET_PENALTIES.warning, addMonths(now, -1), { cf_cflb: '警告', cf_nr: '警告', cf_nr_fk: '' }),
    penalty(DEMO_MARKET_PENALTIES.criticism, addMonths(now, -1), {
      cf_cflb: '通报批评',
      cf_nr: '通报批评',
      cf_nr_fk: '',
    }),
    penalty(DEMO_MARKET_PENALTIES.largeFine, addMonths(now, -13), fine),
    // The authority ends publicity in four months, well before the rule's three years.
    penalty(DEMO_MARKET_PENALTIES.authorityDeadline, addMonths(now, -2), { ...fine, cf_gsjzq: addMonths(now, 4) }),
  ];
}

/** Imports the rows as the city's credit office (its 双公示 platform); every row must be written. */
export async function importDemoMarketPenalties(services: HubServices, pushers: DemoPushers): Promise<number> {
  const now = today();
  const session = () => {
    const em = services.orm.em.fork();
    return { em, directory: services.subjectDirectory(em) };
  };
  const importer = new PenaltyImport(session, services.keys, services.creditPolicy, now, services.evaluation);
  const rows = demoMarketPenaltyRows(now).map((items, index) => ({ row: index + 2, items }));
  const reports = await importer.importRows(pushers.creditOffice, rows);
  const refused = reports.filter((r) => r.outcome === PenaltyImportOutcome.REJECTED);
  if (refused.length > 0) throw new Error(`demo market penalties refused: ${JSON.stringify(refused)}`);
  return reports.length;
}
