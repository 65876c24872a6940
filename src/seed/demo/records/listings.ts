import type { Principal } from '../../../auth/principal';
import type { HubServices } from '../../../services';
import { ListType } from '../../../subgraphs/records/enums';
import { ListingService } from '../../../subgraphs/records/lists/listing.service';
import { demoCounty, type DemoSubjects } from '../../demo-subjects';
import type { DemoPushers } from '../push';

interface DemoListing {
  subject: { code: string };
  listType: ListType;
  reason: string;
  legalBasis: string;
  reasonRecordIds: string[];
  startsOn?: string;
  endsOn?: string;
}

/**
 * The listings in force of the demo, on the findings they rest on (`recordId` of an external
 * id pushed by demo-records.ts): the colluding bidder and the county defaulting on a judgment.
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

/** Lists a subject as the listing service does for a client, reading the reason records itself. */
export async function listDemoSubject(
  services: HubServices,
  now: string,
  viewer: Principal,
  input: DemoListing,
): Promise<void> {
  const em = services.orm.em.fork();
  const service = new ListingService(em, services.subjectDirectory(em), now);
  await service.list(viewer, input, async (recordIds) => {
    const rows = await em.execute(
      `SELECT id::text, subject_key, nature, status, to_char(public_until, 'YYYY-MM-DD') AS public_until FROM records.credit_record WHERE id = ANY(?::bigint[])`,
      [`{${recordIds.join(',')}}`],
    );
    return rows.map((r: Record<string, string>) => ({
      id: r.id,
      subjectKey: r.subject_key,
      nature: r.nature,
      status: r.status,
      publicUntil: r.public_until,
    }));
  });
}
