import type { Principal } from '../../../auth/principal';
import { addDays } from '../../../common/dates';
import type { HubServices } from '../../../services';
import { ListType, type RecordCategory, type RecordDomain, type Severity } from '../../../subgraphs/records/enums';
import { ListingService } from '../../../subgraphs/records/lists/listing.service';
import { demoCounty, type DemoSubjects } from '../../demo-subjects';
import type { DemoPushers } from '../push';

export interface DemoListing {
  subject: { code: string };
  listType: ListType;
  reason: string;
  legalBasis?: string;
  reasonRecordIds: string[];
  startsOn?: string;
  endsOn?: string;
}

/**
 * The listings in force of the demo on the findings they rest on (`recordId` of an external id pushed by
 * demo-records.ts): the colluding bidder and the county defaulting on a judgment. The two other list types are
 * demo/records/rule-lists.ts, loaded last.
 */
export function demoListings(
  named: DemoSubjects,
  pushers: DemoPushers,
  recordId: (externalId: string) => string,
): [Principal, DemoListing][] {
  return [
    [
      pushers.tendering,
      {
        subject: { code: named.enterprises[0].code },
        listType: ListType.TENDER_BLACKLIST,
        reason: '串通投标，列入招标投标不良行为黑名单',
        legalBasis: '《江苏省招标投标条例》',
        reasonRecordIds: [recordId('TP-2026-0117')],
      },
    ],
    [
      pushers.creditOffice,
      {
        subject: { code: demoCounty(named, '320924').government.code },
        listType: ListType.SERIOUS_DISHONESTY,
        reason: '失信被执行人（拒不履行生效判决）',
        legalBasis: '国办发〔2020〕49号',
        reasonRecordIds: [recordId('YC-COURT-2026-001')],
      },
    ],
  ];
}

/** Days before `now` a demo listing with a notice is recorded: its window has passed, it is in force. */
export const NOTICED_DAYS_AGO = 30;

/**
 * Lists a subject as the listing service does for a client, reading the reason records itself. A list with a notice
 * (告知) is listed as of NOTICED_DAYS_AGO, so the demo's listing has passed its objection window and is in force.
 */
export async function listDemoSubject(
  services: HubServices,
  now: string,
  viewer: Principal,
  input: DemoListing,
): Promise<void> {
  const em = services.orm.em.fork();
  const noticed = !!services.listRules.lists[input.listType].notice;
  const on = noticed ? addDays(now, -NOTICED_DAYS_AGO) : now;
  const service = new ListingService(em, services.subjectDirectory(em), on, services.listRules);
  await service.list(viewer, input, async (recordIds) => {
    const rows = await em.execute(
      `SELECT id::text, subject_key, nature, status, severity, category, domain,
              to_char(public_until, 'YYYY-MM-DD') AS public_until
       FROM records.credit_record WHERE id = ANY(?::bigint[])`,
      [`{${recordIds.join(',')}}`],
    );
    return rows.map((r: Record<string, string>) => ({
      id: r.id,
      subjectKey: r.subject_key,
      nature: r.nature,
      status: r.status,
      severity: r.severity as Severity,
      category: r.category as RecordCategory,
      domain: r.domain as RecordDomain,
      publicUntil: r.public_until,
    }));
  });
}
