/**
 * A small seeded pseudo-random generator (mulberry32) with the few draws the bulk
 * generator needs. Never Math.random: the same seed must give the same dataset.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    // Mix the seed once so that nearby seeds (1, 2, 3) start far apart.
    this.#state = hash32(fold(seed)) || 0x9e3779b9;
  }

  /** A derived, independent stream: the same parent seed and label give the same child. */
  static derive(seed: number, label: string): Prng {
    let h = fold(seed);
    for (let i = 0; i < label.length; i++) h = hash32(h ^ label.charCodeAt(i));
    return new Prng(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pareto-distributed value >= 1 with tail index alpha, truncated at cap (heavy tail). */
  pareto(alpha: number, cap: number): number {
    const u = 1 - this.next(); // (0, 1]
    return Math.min(cap, Math.pow(u, -1 / alpha));
  }

  /** k distinct items (k <= items.length), order of draw. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    for (let i = 0; i < k && copy.length > 0; i++) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
}

/** A safe-integer seed folded to 32 bits, high bits included (2^32 + 1 is not 1). */
function fold(seed: number): number {
  return (hash32(Math.floor(seed / 4294967296) >>> 0) ^ (seed >>> 0)) >>> 0;
}

function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Weighted choice over a fixed table, O(log n) per draw. */
export class WeightedTable<T> {
  readonly #items: T[];
  readonly #cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.#items = entries.map(([item]) => item);
    this.#cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error('weights must be non-negative');
      total += weight;
      this.#cumulative[i] = total;
    });
    if (total <= 0) throw new Error('a weighted table needs a positive total weight');
  }

  draw(prng: Prng): T {
    const target = prng.next() * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo]!;
  }
}

/**
 * Vose's alias method: O(1) draws of an index with probability proportional to its weight.
 * Used to give each of millions of records a subject from a heavy-tailed weight per subject.
 */
export class AliasTable {
  readonly #probability: Float64Array;
  readonly #alias: Int32Array;

  constructor(weights: ArrayLike<number>, length = weights.length) {
    const n = length;
    if (n === 0) throw new Error('an alias table needs at least one weight');
    this.#probability = new Float64Array(n);
    this.#alias = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    if (!(total > 0)) throw new Error('an alias table needs a positive total weight');
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]!;
      const l = large[--nl]!;
      this.#probability[s] = scaled[s]!;
      this.#alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) this.#probability[large[--nl]!] = 1;
    while (ns > 0) this.#probability[small[--ns]!] = 1;
  }

  draw(prng: Prng): number {
    const i = Math.floor(prng.next() * this.#probability.length);
    return prng.next() < this.#probability[i]! ? i : this.#alias[i]!;
  }
}
