/**
 * The `steps`-th term of a sequence that starts at `start` and grows by `factor` per step, capped
 * at `cap`: `g(0) = start`, `g(k + 1) = min(g(k) × factor, cap)`.
 *
 * Computed by repeated multiplication, not `factor ** steps`, so the terms are exactly the ones
 * the contract lists (500, 600, 720, 864, 1036.8, …); the loop stops at the cap, so a long-lived
 * poll loop costs a few iterations at most.
 *
 * @example
 * cappedGrowth(500, 1.2, 3, 3000); // 864
 *
 * @param start The first term (`g(0)`), returned as is even above `cap`.
 * @param factor Growth per step.
 * @param steps How many steps to take (negative counts as 0).
 * @param cap The ceiling of every later term.
 */
export function cappedGrowth(start: number, factor: number, steps: number, cap: number): number {
  let term = start;
  for (let k = 0; k < steps && term < cap; k += 1) term = Math.min(term * factor, cap);
  return term;
}
