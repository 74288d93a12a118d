/**
 * Resolves `true` as soon as `check()` holds, or `false` once `ms` have passed: every wait of the
 * soak is bounded, and no timer outlives it.
 *
 * @example
 * const delivered = await waitUntil(() => seen.has(lastText), 15000);
 *
 * @param check Polled every `every` ms (and once at once).
 * @param ms The bound.
 * @param every The polling period; default 20 ms.
 */
export function waitUntil(check: () => boolean, ms: number, every = 20): Promise<boolean> {
  if (check()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const deadline = Date.now() + ms;
    const timer = setInterval(() => {
      const done = check();
      if (done || Date.now() >= deadline) {
        clearInterval(timer);
        resolve(done);
      }
    }, every);
  });
}

/** A pause of `ms` (bench code runs on real time). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
