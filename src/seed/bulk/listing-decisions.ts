import { SubjectKind } from '../../common/subject-kind';
import { ListType, RecordDomain } from '../../subgraphs/records/enums';
import type { Unit } from './geography';
import type { Offenders } from './offenders';
import { Prng } from './prng';
import { BULK_SOURCES, listingLegalBasis } from './record-templates';
import type { SeriousFindings } from './records';
import type { ListingRow } from './rows';
import { LISTED_SHARE } from './shares';

/** What deciding the listings reads: the serious findings and who they are about. */
export interface ListingInputs {
  seed: number;
  today: string;
  dates: string[];
  serious: SeriousFindings;
  offenders: Offenders;
  units: Unit[];
}

/** Each offender's serious findings (indexes into SeriousFindings), in the order they were made. */
function byOffender(c: SeriousFindings): Map<number, number[]> {
  const grouped = new Map<number, number[]>();
  for (let i = 0; i < c.offender.length; i++) {
    const list = grouped.get(c.offender[i]!);
    if (list) list.push(i);
    else grouped.set(c.offender[i]!, [i]);
  }
  return grouped;
}

/** Weighted sampling without replacement (Efraimidis-Spirakis): key u^(1/w), largest k. */
function weightedPick(prng: Prng, pool: number[], share: number, weightOf: (offender: number) => number): number[] {
  const k = pool.length === 0 ? 0 : Math.max(1, Math.round(pool.length * share));
  return pool
    .map((offender) => ({ offender, key: prng.next() ** (1 / weightOf(offender)) }))
    .sort((a, b) => b.key - a.key || a.offender - b.offender)
    .slice(0, k)
    .map((x) => x.offender);
}

/** The listing of one chosen offender, resting on its latest serious finding (in force) or an old one (ended). */
function listingOf(inputs: ListingInputs, prng: Prng, offender: number, serious: number[]): ListingRow {
  const { serious: c, today, dates } = inputs;
  const inForce = c.until[serious[0]!]! >= today;
  // In force: the latest serious finding (and maybe earlier ones); ended: an old one.
  const main = inForce ? serious[0]! : serious[serious.length - 1]!;
  const others = serious.filter(
    (i) => i !== main && (inForce ? c.until[i]! >= today : c.offset[i]! >= c.offset[main]! - 180),
  );
  const reasons = [main, ...others.filter(() => prng.chance(0.3)).slice(0, 2)];
  const kind = inputs.offenders.kindOf(offender);
  const unit = inputs.units[inputs.offenders.unit[offender]!]!;
  const tender = kind === SubjectKind.ENTERPRISE && c.domain[main] === RecordDomain.TENDERING;
  const listedBy = tender ? BULK_SOURCES.TENDERING!.system : BULK_SOURCES.CREDIT_OFFICE!.system;
  const startOffset = Math.max(0, c.offset[main]! - prng.int(7, 45));
  const delisted = startOffset > 200 && prng.chance(0.04);
  return {
    id: 0,
    subjectKey: inputs.offenders.key[offender]!,
    subjectRegion: inputs.offenders.region[offender]!,
    listType: tender ? ListType.TENDER_BLACKLIST : ListType.SERIOUS_DISHONESTY,
    reason: tender ? `${c.title[main]}，列入招标投标不良行为黑名单` : `${c.title[main]}，认定为严重失信主体`,
    legalBasis: listingLegalBasis(c.category[main]!, tender),
    authorityCode: (tender ? unit.authority.tradingCenter : unit.authority.creditOffice) ?? unit.governmentCode,
    listedBy,
    startsOn: dates[startOffset]!,
    endsOn: reasons
      .map((i) => c.until[i]!)
      .sort()
      .at(-1)!,
    delistedAt: delisted ? `${dates[startOffset - 180]} 10:00:00+08` : null,
    delistReason: delisted ? '完成信用修复，提前移出名单' : null,
    delistedBy: delisted ? listedBy : null,
    recordIds: reasons.map((i) => c.id[i]!).sort((a, b) => a - b),
  };
}

/**
 * Listings, decided once all records exist. In force: about LISTED_SHARE of the
 * organizations whose latest serious dishonesty record is still public, listed on it (those
 * with more serious records more likely). Ended: a quarter as many again, listed long ago
 * on a serious record whose publicity is over. A few were delisted early (credit repair).
 */
export function decideListings(inputs: ListingInputs): ListingRow[] {
  const prng = Prng.derive(inputs.seed, 'listings');
  const c = inputs.serious;
  const grouped = byOffender(c);
  const current: number[] = [];
  const ended: number[] = [];
  for (const offender of [...grouped.keys()].sort((a, b) => a - b)) {
    // Latest first.
    const list = grouped.get(offender)!.sort((a, b) => c.offset[a]! - c.offset[b]! || a - b);
    (c.until[list[0]!]! >= inputs.today ? current : ended).push(offender);
  }
  const weightOf = (offender: number) => grouped.get(offender)!.length;
  const chosen = [
    ...weightedPick(prng, current, LISTED_SHARE, weightOf),
    ...weightedPick(prng, ended, LISTED_SHARE / 4, weightOf),
  ].sort((a, b) => a - b);
  return chosen.map((offender) => listingOf(inputs, prng, offender, grouped.get(offender)!));
}
