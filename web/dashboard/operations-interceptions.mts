/// <reference lib="dom" />
/** The interception-supervision panel's operation (stable name DashboardInterceptions; see operations.mts). */
import { graphql } from './api.mjs';

export interface InterceptionOverride {
  checkId: string;
  projectNo: string;
  lot: string | null;
  subjectCode: string | null;
  ruleId: string | null;
  action: string;
  reason: string | null;
}

export interface InterceptionLedgerRow {
  platform: string;
  month: string;
  checks: number;
  blocked: number;
  excluded: number;
  admittedDespiteBlock: number;
  unreported: number;
  unreportedBlocks: number;
  overrides: InterceptionOverride[];
}

export async function interceptionLedger(
  token: string,
  regionPrefix: string,
  fromMonth: string,
  toMonth: string,
): Promise<InterceptionLedgerRow[]> {
  const data = await graphql<{ interceptionLedger: InterceptionLedgerRow[] }>(
    token,
    `
      query DashboardInterceptions($regionPrefix: String!, $fromMonth: String!, $toMonth: String!) {
        interceptionLedger(regionPrefix: $regionPrefix, fromMonth: $fromMonth, toMonth: $toMonth) {
          platform
          month
          checks
          blocked
          excluded
          admittedDespiteBlock
          unreported
          unreportedBlocks
          overrides {
            checkId
            projectNo
            lot
            subjectCode
            ruleId
            action
            reason
          }
        }
      }
    `,
    { regionPrefix, fromMonth, toMonth },
  );
  return data.interceptionLedger;
}
