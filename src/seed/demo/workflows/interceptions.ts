import { createRequestContext } from '../../../common/context';
import type { Principal } from '../../../auth/principal';
import type { HubServices } from '../../../services';
import { createRecordsContext } from '../../../subgraphs/records/context';
import { checkAndLog } from '../../../subgraphs/records/lists/blacklist.resolver';
import { CheckContext } from '../../../subgraphs/records/policy/interception';
import { reportInterceptions } from '../../../subgraphs/records/supervision/report.service';
import { InterceptionAction } from '../../../subgraphs/records/supervision/supervision.types';
import type { DemoSubjects } from '../../demo-subjects';
import { demoPushers } from '../push';

const PROJECT = 'YC-JS-2026-118';

/**
 * 自动监督: the trading centre checks the bidders of two lots of one road project and reports what it did — the
 * blacklisted enterprise excluded from lot 01 but admitted to lot 02 with a reason (an INTERCEPTION_OVERRIDDEN
 * warning) — and the procurement system checks a supplier it never reports on (an unreported check).
 */
export async function demoInterceptions(services: HubServices, named: DemoSubjects) {
  const { tendering, procurement } = demoPushers(named);
  const enterprise = (name: string) => named.enterprises.find((e) => e.name === name)!.code;
  const blacklisted = enterprise('盐城市海瀚建设工程有限公司');
  const clean = enterprise('盐城市盐都区恒达市政工程有限公司');
  const check = async (viewer: Principal, codes: string[], context: CheckContext) => {
    const ctx = createRecordsContext(createRequestContext(services, viewer, `demo-interceptions-${context}`));
    return (await checkAndLog(ctx, codes, { context }))[0].checkId;
  };
  const report = (
    lot: string,
    items: { code: string; checkId: string; action: InterceptionAction; reason?: string }[],
  ) =>
    reportInterceptions(
      services.orm.em.fork(),
      tendering,
      { keys: services.keys, evaluation: services.evaluation },
      { projectNo: PROJECT, lot, items },
    );
  const lot1 = await check(tendering, [blacklisted, clean], CheckContext.TENDERING);
  await report('01', [
    { code: blacklisted, checkId: lot1, action: InterceptionAction.EXCLUDED },
    { code: clean, checkId: lot1, action: InterceptionAction.ADMITTED },
  ]);
  const lot2 = await check(tendering, [blacklisted], CheckContext.TENDERING);
  await report('02', [
    {
      code: blacklisted,
      checkId: lot2,
      action: InterceptionAction.ADMITTED_WITH_REASON,
      reason: '投标人称已提出信用修复申请，资格审查委员会决定先予受理',
    },
  ]);
  await check(procurement, [clean], CheckContext.PROCUREMENT);
}
