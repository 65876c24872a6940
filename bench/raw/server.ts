/**
 * The floor of the benchmark: a minimal Node HTTP server answering the hub's questions with
 * hand-written SQL through `pg`. It reuses the hub's pure code (code validation, keyed hash,
 * publicity windows, scoring) so it answers the same question, and skips everything a real
 * service needs: no token check, no authorization table, no GraphQL, no ORM.
 *
 *   POST /blacklist      {codes, listTypes?}  -> {data: {blacklistCheck: [...]}}   (2 statements)
 *   POST /credit-status  {code, sub, org}     -> {data: {creditStatus: {...}}}     (3 statements)
 *   POST /archive        {code, purpose, sub, org} -> {data: {subject: {name, archive}}} (3 statements; no access log)
 *   POST /records        {source, records}    -> {data: {submitRecords: {...}}}    (2 statements)
 *   GET  /health
 *
 * Every response carries `x-sql-statements`: the statements it sent.
 * Env: DATABASE_URL, PORT, HOST (127.0.0.1), PII_SECRET, DB_POOL_MAX (20), BENCH_REGION (320900,
 * the viewer's jurisdiction for the visibility of records and civil servants' names).
 *
 * The benchmark's callers (a tender platform, a procurement system) are not entitled to
 * persons: resident ID numbers are answered as withheld, and an organization's status counts
 * the records the caller may read (docs/credit-status.md), as the hub does.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { today } from '../../src/common/dates';
import { jurisdictionPrefix } from '../../src/identity';
import { PiiProtector } from '../../src/identity/pii';
import { isPersonKey, SubjectKeys } from '../../src/identity/subject-keys';
import { loadCreditPolicy } from '../../src/subgraphs/records/policy/credit-policy';
import { publicityWindow } from '../../src/subgraphs/records/policy/publicity';
import { scoreSubject, type ScoredListing, type ScoredRecord } from '../../src/subgraphs/records/policy/scoring';
import { contentHash } from '../../src/common/submission';
import type { RecordInput } from '../../src/subgraphs/records/findings/record.input';

const ACTIVE_LISTING =
  'l.delisted_at IS NULL AND l.starts_on <= $2::date AND (l.ends_on IS NULL OR $2::date <= l.ends_on)';
const INSERT_COLUMNS = [
  'source_system',
  'source_role',
  'subject_key',
  'subject_region',
  'external_id',
  'nature',
  'category',
  'domain',
  'severity',
  'title',
  'details',
  'legal_basis',
  'document_no',
  'decided_at',
  'deciding_authority_code',
  'disclosure',
  'tolerated',
  'public_until',
  'repairable_from',
  'policy_version',
  'content_hash',
];

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function startRawServer(env: NodeJS.ProcessEnv = process.env): Promise<http.Server> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: Number(env.DB_POOL_MAX ?? 20) });
  const keys = new SubjectKeys(
    new PiiProtector(env.PII_SECRET || 'credit-hub-development-pii-key-do-not-use-in-production'),
  );
  const policy = loadCreditPolicy();
  const regionLike = `${jurisdictionPrefix(env.BENCH_REGION ?? '320900')}%`;
  // Government viewer with a jurisdiction: organizations, plus civil servants of its region.
  const VISIBLE = `(s.kind <> 'PUBLIC_SERVANT' OR s.region_code LIKE $2)`;

  type Query = <T = Record<string, any>>(text: string, params: unknown[]) => Promise<T[]>;
  const counted =
    (tally: { n: number }): Query =>
    async (text, params) => {
      tally.n += 1;
      return (await pool.query(text, params)).rows;
    };

  async function blacklist(body: { codes?: unknown; listTypes?: string[] | null }, query: Query) {
    if (!Array.isArray(body.codes)) throw new HttpError(400, 'codes must be a list');
    if (body.codes.length > 1000) throw new HttpError(400, 'at most 1000 codes per call');
    const identified = body.codes.map((code) => keys.identify(String(code)));
    // Persons' numbers are withheld from the benchmark's tender platform: never looked up.
    const answered = identified.map((c) => c.keys.filter((key) => !isPersonKey(key)));
    const allKeys = [...new Set(answered.flat())];
    const day = today();
    const types = body.listTypes?.length ? body.listTypes : null;
    const [listings, subjects] = allKeys.length
      ? await Promise.all([
          query<{ subject_key: string; list_type: string; reason: string; ends_on: string | null }>(
            `SELECT l.subject_key, l.list_type, l.reason, to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on FROM records.listing l
             WHERE l.subject_key = ANY($1::text[]) AND ${ACTIVE_LISTING}${types ? ' AND l.list_type = ANY($3::text[])' : ''} ORDER BY l.id`,
            types ? [allKeys, day, types] : [allKeys, day],
          ),
          query<{ code_key: string; name: string }>(
            `SELECT s.code_key, s.name FROM subjects.subject s WHERE s.code_key = ANY($1::text[]) AND ${VISIBLE}`,
            [allKeys, regionLike],
          ),
        ])
      : [[], []];
    const byKey = new Map<string, typeof listings>();
    for (const listing of listings)
      byKey.set(listing.subject_key, [...(byKey.get(listing.subject_key) ?? []), listing]);
    const names = new Map(subjects.map((s) => [s.code_key, s.name]));
    return {
      blacklistCheck: identified.map((code, i) => {
        const matches = answered[i].flatMap((key) => byKey.get(key) ?? []);
        const subjectKey = matches[0]?.subject_key ?? answered[i][0];
        const name = subjectKey ? names.get(subjectKey) : undefined;
        return {
          code: code.normalized,
          valid: code.check.valid,
          problem: code.check.valid ? null : (code.check.message ?? code.check.problem ?? 'invalid'),
          listed: matches.length > 0,
          subject: name === undefined ? null : { name },
          listings: matches.map((l) => ({ listType: l.list_type, reason: l.reason, endsOn: l.ends_on })),
          withheld: code.types.includes('RESIDENT_ID'),
        };
      }),
    };
  }

  async function creditStatus(body: { code?: unknown; sub?: string; org?: string }, query: Query) {
    const identified = keys.identify(String(body.code ?? ''));
    if (!identified.check.valid)
      throw new HttpError(400, `invalid code: ${identified.check.message ?? identified.check.problem}`);
    const day = today();
    const status = {
      code: identified.normalized,
      subject: null as { name: string } | null,
      level: null as string | null,
      score: null as number | null,
      activeDishonestyCount: 0,
      seriousDishonestyCount: 0,
      activeListings: [] as { listType: string; reason: string; endsOn: string | null }[],
      reasons: [] as { kind: string; sourceId: string; points: number; explanation: string }[],
      undisclosedReasonCount: 0,
      withheld: identified.types.includes('RESIDENT_ID'),
      asOf: day,
      policyVersion: policy.version,
    };
    const asked = identified.keys.filter((key) => !isPersonKey(key));
    const [subject] = asked.length
      ? await query<{ code_key: string; name: string; visible: boolean }>(
          `SELECT s.code_key, s.name, ${VISIBLE} AS visible FROM subjects.subject s WHERE s.code_key = ANY($1::text[]) LIMIT 1`,
          [asked, regionLike],
        )
      : [];
    if (!subject) return { creditStatus: status };
    const [candidates, listings] = await Promise.all([
      query<{
        id: string;
        nature: string;
        category: string;
        severity: string;
        status: string;
        tolerated: boolean;
        decided_at: string;
        public_until: string;
      }>(
        `SELECT r.id::text, r.subject_key, r.nature, r.category, r.severity, r.status, r.tolerated,
                to_char(r.decided_at, 'YYYY-MM-DD') AS decided_at, to_char(r.public_until, 'YYYY-MM-DD') AS public_until
         FROM records.credit_record r
         WHERE r.subject_key = ANY($1::text[]) AND r.status = 'ACTIVE' AND r.public_until >= $2::date
           AND ((r.disclosure = 'PUBLIC' AND r.decided_at <= $2::date)
                OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.subject_region LIKE $3)
                OR r.source_system = $4 OR r.deciding_authority_code = $5)`,
        [[subject.code_key], day, regionLike, body.sub ?? '', body.org ?? ''],
      ),
      query<{ id: string; list_type: string; reason: string; ends_on: string | null }>(
        `SELECT l.id::text, l.list_type, l.reason, to_char(l.ends_on, 'YYYY-MM-DD') AS ends_on FROM records.listing l
         WHERE l.subject_key = ANY($1::text[]) AND ${ACTIVE_LISTING} ORDER BY l.id`,
        [[subject.code_key], day],
      ),
    ]);
    const records: ScoredRecord[] = candidates.map((r) => ({
      id: r.id,
      nature: r.nature as ScoredRecord['nature'],
      category: r.category as ScoredRecord['category'],
      severity: r.severity as ScoredRecord['severity'],
      status: r.status as ScoredRecord['status'],
      tolerated: r.tolerated,
      decidedAt: r.decided_at,
      publicUntil: r.public_until,
    }));
    const scored = scoreSubject(
      records,
      listings.map((l): ScoredListing => ({ id: l.id, listType: l.list_type as ScoredListing['listType'] })),
      day,
      policy,
    );
    return {
      creditStatus: Object.assign(status, {
        subject: subject.visible ? { name: subject.name } : null,
        withheld: false,
        level: scored.level,
        score: scored.score,
        activeDishonestyCount: scored.activeDishonestyCount,
        seriousDishonestyCount: scored.seriousDishonestyCount,
        activeListings: listings.map((l) => ({ listType: l.list_type, reason: l.reason, endsOn: l.ends_on })),
        reasons: scored.reasons.map((r) => ({
          kind: r.kind,
          sourceId: r.id,
          points: r.points,
          explanation: r.explanation,
        })),
      }),
    };
  }

  /**
   * An organization department reading a cadre's file: the person (visibility, managing
   * department) in one statement, then the entries and the dishonesty records naming the
   * person, with the hub's visibility rule for a government reader, in parallel. The caller's
   * `sub` and `org` stand in for its token. Nothing is written: raw keeps no access log.
   */
  async function archive(body: { code?: unknown; purpose?: unknown; sub?: string; org?: string }, query: Query) {
    const identified = keys.identify(String(body.code ?? ''));
    if (!identified.check.valid)
      throw new HttpError(400, `invalid code: ${identified.check.message ?? identified.check.problem}`);
    const purpose = String(body.purpose ?? '').trim();
    if (purpose.length < 2) throw new HttpError(400, 'purpose must state why the file is read');
    const selfKey = body.org ? keys.identify(body.org).keys[0] : undefined;
    const [person] = await query<{
      id: string;
      code_key: string;
      name: string;
      kind: string;
      managed_by_key: string | null;
    }>(
      `SELECT s.id::text, s.code_key, s.name, s.kind, m.code_key AS managed_by_key
       FROM subjects.subject s LEFT JOIN subjects.subject m ON m.id = s.managed_by_id
       WHERE s.code_key = ANY($1::text[]) AND ${VISIBLE} LIMIT 1`,
      [identified.keys, regionLike],
    );
    if (!person) return { subject: null };
    if (person.kind !== 'PUBLIC_SERVANT' || !selfKey || person.managed_by_key !== selfKey)
      return { subject: { name: person.name, archive: null } };
    const day = today();
    const [entries, records] = await Promise.all([
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
                OR (r.disclosure IN ('PUBLIC', 'GOVERNMENT') AND r.status = 'ACTIVE' AND r.subject_region LIKE $3)
                OR r.source_system = $4 OR r.deciding_authority_code = $5)
         ORDER BY r.id DESC`,
        [person.code_key, day, regionLike, body.sub ?? '', body.org ?? ''],
      ),
    ]);
    return {
      subject: {
        name: person.name,
        archive: {
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
        },
      },
    };
  }

  /** The ingest floor: resolve subjects in one statement, then one multi-row INSERT … ON CONFLICT DO NOTHING. */
  async function submitRecords(body: { source?: string; role?: string; records?: RecordInput[] }, query: Query) {
    const records = body.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > 500)
      throw new HttpError(400, 'records: 1 to 500 items');
    const source = body.source || 'bench-raw';
    const identified = records.map((r) => keys.identify(r.subject?.code ?? ''));
    identified.forEach((code, i) => {
      if (!code.check.valid) throw new HttpError(400, `records[${i}].subject.code: invalid`);
    });
    const subjects = await query<{ code_key: string; region_code: string }>(
      'SELECT s.code_key, s.region_code FROM subjects.subject s WHERE s.code_key = ANY($1::text[])',
      [[...new Set(identified.flatMap((c) => c.keys))]],
    );
    const byKey = new Map(subjects.map((s) => [s.code_key, s]));
    const params: unknown[] = [];
    const rows = records.map((record, i) => {
      const subject = identified[i].keys.map((key) => byKey.get(key)).find(Boolean);
      if (!subject) throw new HttpError(400, `records[${i}].subject.code: not registered`);
      const window = publicityWindow(record, policy);
      const content = {
        subject_key: subject.code_key,
        external_id: record.externalId,
        nature: record.nature,
        category: record.category,
        domain: record.domain,
        severity: record.severity,
        title: record.title,
        details: record.details ?? null,
        legal_basis: record.legalBasis ?? null,
        document_no: record.documentNo ?? null,
        decided_at: record.decidedAt,
        deciding_authority_code: record.decidingAuthorityCode ?? null,
        disclosure: record.disclosure,
        tolerated: record.tolerated ?? false,
      };
      const values = [
        source,
        body.role ?? 'COURT',
        content.subject_key,
        subject.region_code,
        content.external_id,
        content.nature,
        content.category,
        content.domain,
        content.severity,
        content.title,
        content.details,
        content.legal_basis,
        content.document_no,
        content.decided_at,
        content.deciding_authority_code,
        content.disclosure,
        content.tolerated,
        window.until,
        window.repairableFrom,
        policy.version,
        contentHash({ ...content, responsible: [] }),
      ];
      const base = params.length;
      params.push(...values);
      return `(${values.map((_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    const inserted = await query(
      `INSERT INTO records.credit_record (${INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
       ON CONFLICT (source_system, external_id) DO NOTHING RETURNING id`,
      params,
    );
    return { submitRecords: { created: inserted.length, updated: 0, unchanged: records.length - inserted.length } };
  }

  const routes: Record<string, (body: any, query: Query) => Promise<unknown>> = {
    '/blacklist': blacklist,
    '/credit-status': creditStatus,
    '/archive': archive,
    '/records': submitRecords,
  };

  const send = (res: ServerResponse, status: number, body: unknown, statements: number) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-sql-statements': String(statements),
    });
    res.end(text);
  };

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' }, 0);
    const route = req.method === 'POST' ? routes[req.url ?? ''] : undefined;
    if (!route) return send(res, 404, { error: 'not found' }, 0);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const tally = { n: 0 };
      (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        return { data: await route(body, counted(tally)) };
      })().then(
        (result) => send(res, 200, result, tally.n),
        (error: unknown) => {
          const status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
          send(res, status, { errors: [{ message: (error as Error).message }] }, tally.n);
        },
      );
    });
  });
  server.on('close', () => void pool.end());
  const port = Number(env.PORT ?? 4100);
  return new Promise((resolve) => server.listen(port, env.HOST || '127.0.0.1', () => resolve(server)));
}

if (require.main === module) {
  startRawServer().then(
    (server) => {
      const address = server.address();
      process.stdout.write(`raw server ready on ${typeof address === 'object' && address ? address.port : address}\n`);
      const stop = () => {
        server.closeAllConnections();
        server.close(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`raw server: ${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
