import type { SubjectDirectory } from '../../../common/subject-directory';
import { RecordStatus } from '../enums';

/** The statuses a record leaves ACTIVE for; each ends its use (NDRC Order No. 36: publicity and use stop). */
export type RetiredStatus =
  RecordStatus.REPAIRED | RecordStatus.REVOKED | RecordStatus.SETTLED | RecordStatus.WITHDRAWN;

/** Why something that rested on a finding was lifted or closed, and on what legal basis (stored on the measure). */
export interface LiftGrounds {
  reason: string;
  basis: string;
}

/** What every consequence needs besides the transaction: who may be told (webhooks) and the request's date. */
export interface EffectDeps {
  directory: SubjectDirectory;
  today: string;
}

/** The cause in words, first part of every reason written (listing.delist_reason, measure lift_reason, events). */
export const RETIRED_BECAUSE: Record<RetiredStatus, string> = {
  [RecordStatus.REPAIRED]: '信用修复',
  [RecordStatus.REVOKED]: '异议撤销',
  [RecordStatus.SETTLED]: '履行完毕',
  [RecordStatus.WITHDRAWN]: '撤回',
};

/**
 * The legal basis a lift rests on, by cause (docs/workflows.md "Consequences"). Named by document, not by article:
 * the articles differ between the versions in force in each province.
 */
export const LIFT_BASIS: Record<RetiredStatus | 'DELISTED', string> = {
  [RecordStatus.REPAIRED]:
    '《信用修复管理办法》（国家发展改革委令2025年第36号）：修复后停止公示和共享使用，解除惩戒措施',
  [RecordStatus.REVOKED]: '国办发〔2020〕49号（异议处理：经核实有误的信息予以撤销）',
  [RecordStatus.SETTLED]: '国办发〔2020〕49号（失信主体履行义务、纠正失信行为）',
  [RecordStatus.WITHDRAWN]: '失信认定的依据被撤回（推送单位撤回记录，或申请执行人撤回执行申请）',
  DELISTED: '国办发〔2020〕49号（名单移出）',
};

/** The grounds for what rested on a record retired to `to`, with the caller's reason. */
export function retiredGrounds(to: RetiredStatus, reason: string): LiftGrounds {
  return { reason: `${RETIRED_BECAUSE[to]}: ${reason}`, basis: LIFT_BASIS[to] };
}

/** The cause written when a listing's term ends by itself (lists/listing-expiry.ts), first part of its reasons. */
export const LISTING_EXPIRED = '名单期满';
