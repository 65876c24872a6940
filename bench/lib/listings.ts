import { makePrincipal, type Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { addDays, today } from '../../src/common/dates';
import type { HubServices } from '../../src/services';
import { ListType, Severity, type RecordCategory, type RecordDomain } from '../../src/subgraphs/records/enums';
import { ListingService } from '../../src/subgraphs/records/lists/listing.service';
import { sql, type BenchDatabase } from './database';
import { rng } from './random';

/** A subject with an active dishonesty record and no listing yet: what a listing can rest on. */
interface Candidate {
  id: string;
  subject_key: string;
  kind: string;
  code_display: string;
  code_cipher: string | null;
  region_code: string;
  public_until: string;
  severity: Severity;
  category: RecordCategory;
  domain: RecordDomain;
}

function candidates(db: BenchDatabase, day: string, limit: number): Promise<Candidate[]> {
  return sql<Candidate>(
    db.runtime,
    `SELECT DISTINCT ON (r.subject_key) r.id::text, r.subject_key, s.kind, s.code_display, s.code_cipher, s.region_code,
            to_char(r.public_until, 'YYYY-MM-DD') AS public_until, r.severity, r.category, r.domain
     FROM records.credit_record r JOIN subjects.subject s ON s.code_key = r.subject_key
     WHERE r.nature = 'DISHONESTY' AND r.status = 'ACTIVE' AND r.public_until > ?::date
       AND r.external_id NOT LIKE 'BENCH-ARCHIVE-%'
       AND NOT EXISTS (SELECT 1 FROM records.listing l WHERE l.subject_key = r.subject_key)
     ORDER BY r.subject_key, r.id LIMIT ?`,
    [day, limit],
  );
}

const AUTHORITIES: Partial<Record<ListType, Principal>> = {
  [ListType.SERIOUS_DISHONESTY]: makePrincipal({ sub: 'bench-credit-office', role: Role.CREDIT_OFFICE, region: '' }),
  [ListType.TENDER_BLACKLIST]: makePrincipal({ sub: 'bench-tendering', role: Role.TENDERING, region: '' }),
  // Not seeded by the benchmark (the i-th listing is one of the two above); here for the type's completeness.
  [ListType.ENFORCEMENT_DEFAULTER]: makePrincipal({ sub: 'bench-court', role: Role.COURT, region: '' }),
  [ListType.PROCUREMENT_BAN]: makePrincipal({ sub: 'bench-procurement', role: Role.PROCUREMENT, region: '' }),
};

/**
 * The i-th listing: three in five on the serious-dishonesty list (when its record is serious, as the list's basis
 * requires), every tenth already ended. No listing starts before the day it is made (list-rules.json), so each is made
 * as of its first day, less the notice window where the list has one.
 */
async function list(services: HubServices, row: Candidate, i: number, day: string): Promise<void> {
  const serious = i % 5 < 3 && row.severity === Severity.SERIOUS;
  const listType = serious ? ListType.SERIOUS_DISHONESTY : ListType.TENDER_BLACKLIST;
  const code = row.code_cipher ? services.keys.pii.decrypt(row.code_cipher) : row.code_display;
  const ended = i % 10 === 9;
  const startsOn = ended ? addDays(day, -400) : addDays(day, -30);
  const notice = services.listRules.lists[listType].notice;
  const madeOn = notice ? addDays(startsOn, -notice.objectionDays - 1) : startsOn;
  const em = services.orm.em.fork();
  await new ListingService(em, services.subjectDirectory(em), madeOn, services.listRules).list(
    AUTHORITIES[listType]!,
    {
      subject: { code },
      listType,
      reason: '基准测试名单',
      reasonRecordIds: [row.id],
      startsOn,
      endsOn: ended ? addDays(day, -35) : null,
    },
    async () => [
      {
        id: row.id,
        subjectKey: row.subject_key,
        nature: 'DISHONESTY',
        status: 'ACTIVE',
        severity: row.severity,
        category: row.category,
        domain: row.domain,
        publicUntil: row.public_until,
      },
    ],
  );
}

/**
 * At least `wanted` listings on the lists, a tenth of them already ended (listed: false),
 * resting on real dishonesty records, made through ListingService as the list authorities.
 */
export async function ensureListings(
  db: BenchDatabase,
  services: HubServices,
  wanted: number,
  seed: number,
  log: (message: string) => void,
): Promise<void> {
  const day = today();
  const [{ n }] = await sql<{ n: number }>(db.runtime, 'SELECT count(*)::int AS n FROM records.listing');
  const missing = wanted - n;
  if (missing <= 0) return;
  const found = await candidates(db, day, missing * 3);
  const random = rng(seed + 1);
  const chosen = found.sort(() => random() - 0.5).slice(0, missing);
  log(`listing ${chosen.length} subjects (ListingService)`);
  for (const [i, row] of chosen.entries()) await list(services, row, i, day);
}
