/** Rounds to `digits` decimals, as every figure of the report is. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
