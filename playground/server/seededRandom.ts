/**
 * A deterministic pseudo-random source (the mulberry32 algorithm): the same seed gives the same
 * sequence, so a fault schedule with probabilities replays identically from run to run.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // always the same first value for seed 42, in [0, 1)
 *
 * @param seed Any integer; it is reduced to 32 bits.
 * @returns A function returning the next number in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
