import { SubjectKind } from '../../common/subject-kind';
import type { Prng } from './prng';

/** Which kinds get records at all, and how many relative to others (times a Pareto draw). */
const OFFENDER: Record<SubjectKind, { chance: number; weight: number }> = {
  [SubjectKind.GOVERNMENT]: { chance: 0.85, weight: 4 },
  [SubjectKind.DEPARTMENT]: { chance: 0.5, weight: 1.5 },
  [SubjectKind.INSTITUTION]: { chance: 0.3, weight: 1 },
  [SubjectKind.TOWNSHIP]: { chance: 0.4, weight: 1 },
  [SubjectKind.COMMUNITY]: { chance: 0.08, weight: 0.5 },
  [SubjectKind.PUBLIC_SERVANT]: { chance: 0.06, weight: 0.3 },
  [SubjectKind.ENTERPRISE]: { chance: 0.3, weight: 1 },
};
const PARETO_ALPHA = 1.15;
const PARETO_CAP = 250;
export const KIND_CODES = Object.values(SubjectKind);

/** Subjects that will carry records (the "offenders"), as compact columns. */
export class Offenders {
  readonly key: string[] = [];
  readonly region: string[] = [];
  readonly kind: number[] = [];
  readonly unit: number[] = [];
  readonly dept: number[] = [];
  readonly weight: number[] = [];

  constructor(
    private readonly prng: Prng,
    private readonly records: number,
  ) {}

  /** Decides whether a subject will carry records, and how many relative to others. */
  consider(kind: SubjectKind, key: string, region: string, unitIndex: number, deptIndex: number): void {
    if (this.records === 0) return;
    const profile = OFFENDER[kind];
    if (!this.prng.chance(profile.chance)) return;
    this.key.push(key);
    this.region.push(region);
    this.kind.push(KIND_CODES.indexOf(kind));
    this.unit.push(unitIndex);
    this.dept.push(deptIndex);
    this.weight.push(profile.weight * this.prng.pareto(PARETO_ALPHA, PARETO_CAP));
  }

  kindOf(offender: number): SubjectKind {
    return KIND_CODES[this.kind[offender]!]!;
  }
}
