import { jurisdictionPrefix } from '../../src/identity';
import { PiiProtector } from '../../src/identity/pii';
import { SubjectKeys } from '../../src/identity/subject-keys';
import { loadCreditPolicy, type CreditPolicy } from '../../src/subgraphs/records/policy/credit-policy';
import { loadInterceptionPolicy, type InterceptionPolicy } from '../../src/subgraphs/records/policy/interception';

/** What every route of the raw server shares: the keys, the policy, and the viewer's jurisdiction. */
export interface RawContext {
  keys: SubjectKeys;
  policy: CreditPolicy;
  interception: InterceptionPolicy;
  /** LIKE pattern of the viewer's jurisdiction (BENCH_REGION). */
  regionLike: string;
  /** The viewer's jurisdiction as the check log keeps it (the hub: Principal.regionPrefix). */
  regionPrefix: string;
}

/** One SQL statement, counted for the response's x-sql-statements. */
export type Query = <T = Record<string, unknown>>(text: string, params: unknown[]) => Promise<T[]>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The hub's ACTIVE_LISTING_SQL (lists/listing.repository.ts): no objection to a noticed listing awaiting decision. */
export const ACTIVE_LISTING =
  'l.delisted_at IS NULL AND (l.objected_at IS NULL OR l.objection_decided_at IS NOT NULL) AND l.starts_on <= $2::date AND (l.ends_on IS NULL OR $2::date <= l.ends_on)';
/** Government viewer with a jurisdiction: organizations, plus civil servants of its region. */
export const VISIBLE = `(s.kind <> 'PUBLIC_SERVANT' OR s.region_code LIKE $2)`;

export function rawContext(env: NodeJS.ProcessEnv): RawContext {
  return {
    keys: new SubjectKeys(
      new PiiProtector(env.PII_SECRET || 'credit-hub-development-pii-key-do-not-use-in-production'),
    ),
    policy: loadCreditPolicy(),
    interception: loadInterceptionPolicy(),
    regionLike: `${jurisdictionPrefix(env.BENCH_REGION ?? '320900')}%`,
    regionPrefix: jurisdictionPrefix(env.BENCH_REGION ?? '320900'),
  };
}

/** The code identified, or a 400 saying why it is invalid. */
export function validCode(ctx: RawContext, code: unknown): ReturnType<SubjectKeys['identify']> {
  const identified = ctx.keys.identify(String(code ?? ''));
  if (!identified.check.valid)
    throw new HttpError(400, `invalid code: ${identified.check.message ?? identified.check.problem}`);
  return identified;
}
