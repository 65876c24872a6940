import { today } from '../../src/common/dates';
import { HttpError, VISIBLE, validCode, type Query, type RawContext } from './context';

interface PersonRow {
  id: string;
  code_key: string;
  name: string;
  kind: string;
  managed_by_key: string | null;
}

type Row = Record<string, unknown>;

/** The person's entries and the dishonesty records about or naming the person, as the reader may see them. */
function entriesAndRecords(
  ctx: RawContext,
  person: PersonRow,
  reader: { sub?: string; org?: string },
  query: Query,
): Promise<[Row[], Row[]]> {
  const day = today();
  return Promise.all([
    query(
      `SELECT e.id::text, e.kind, e.year, e.title, e.content, e.grade, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.source_system
         FROM archives.archive_entry e WHERE e.person_id = $1::bigint ORDER BY e.year DESC, e.occurred_on DESC, e.id DESC`,
      [person.id],
    ),
    query(
      `SELECT r.id::text, r.external_id, r.category, r.severity, r.title, to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, r.disclosure, r.status
         FROM records.credit_record r
         WHERE r.id IN (SELECT r0.id FROM records.credit_record r0 WHERE r0.subject_key = $1
                        UNION SELECT rr.record_id FROM records.record_responsible rr WHERE rr.person_key = $1)
           AND r.nature = 'DISHONESTY'
           AND ((r.disclosure = 'PUBLIC' AND r.status = 'ACTIVE' AND r.decided_at <= $2::date AND $2::date <= r.public_until)
                OR ($2::date <= r.usable_until
                    AND ((r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.status = 'ACTIVE' AND r.subject_region LIKE $3)
                         OR r.source_system = $4 OR r.deciding_authority_code = $5)))
         ORDER BY r.id DESC`,
      [person.code_key, day, ctx.regionLike, reader.sub ?? '', reader.org ?? ''],
    ),
  ]);
}

function archiveAnswer(purpose: string, entries: Row[], records: Row[]) {
  return {
    purpose,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      year: e.year,
      title: e.title,
      content: e.content,
      grade: e.grade,
      occurredOn: e.occurred_on,
      sourceSystem: e.source_system,
    })),
    dishonestyRecords: records.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      category: r.category,
      severity: r.severity,
      title: r.title,
      decidedAt: r.decided_at,
      disclosure: r.disclosure,
      status: r.status,
    })),
  };
}

/**
 * An organization department reading a cadre's file: the person (visibility, managing
 * department) in one statement, then the entries and the dishonesty records naming the
 * person, with the hub's visibility rule for a government reader, in parallel. The caller's
 * `sub` and `org` stand in for its token. Nothing is written: raw keeps no access log.
 */
export async function archive(
  ctx: RawContext,
  body: { code?: unknown; purpose?: unknown; sub?: string; org?: string },
  query: Query,
) {
  const identified = validCode(ctx, body.code);
  const purpose = String(body.purpose ?? '').trim();
  if (purpose.length < 2) throw new HttpError(400, 'purpose must state why the file is read');
  const selfKey = body.org ? ctx.keys.identify(body.org).keys[0] : undefined;
  const [person] = await query<PersonRow>(
    `SELECT s.id::text, s.code_key, s.name, s.kind, m.code_key AS managed_by_key
       FROM subjects.subject s LEFT JOIN subjects.subject m ON m.id = s.managed_by_id
       WHERE s.code_key = ANY($1::text[]) AND ${VISIBLE} LIMIT 1`,
    [identified.keys, ctx.regionLike],
  );
  if (!person) return { subject: null };
  if (person.kind !== 'PUBLIC_SERVANT' || !selfKey || person.managed_by_key !== selfKey)
    return { subject: { name: person.name, archive: null } };
  const [entries, records] = await entriesAndRecords(ctx, person, body, query);
  return { subject: { name: person.name, archive: archiveAnswer(purpose, entries, records) } };
}
