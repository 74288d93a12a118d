// Every wait of a spec (and of the soak) on real time, each bounded: a broken build fails the
// test with the reason instead of hanging it, and no timer outlives the wait.

/**
 * Retries `check` (sync or async) until it stops throwing, for at most `ms`; then rejects with
 * its last error. For server-side effects of async requests.
 *
 * @example await eventually(() => expect(playground.store.get(id)?.routable).toBe(true));
 */
export async function eventually<T>(check: () => T | Promise<T>, ms = 3000, every = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(every);
    }
  }
}

/**
 * Resolves `true` as soon as `check()` holds, or `false` once `ms` have passed (where the caller
 * reports the outcome itself, as the soak does).
 *
 * @example const delivered = await waitUntil(() => seen.has(lastText), 15000);
 */
export function waitUntil(check: () => boolean, ms: number, every = 20): Promise<boolean> {
  return eventually(
    () => {
      if (!check()) throw new Error('not yet');
      return true;
    },
    ms,
    every,
  ).catch(() => false);
}

/**
 * What `promise` settles to, or `late()` if it has not settled within `ms` (the timer is cleared
 * either way).
 *
 * @example const settled = await within(firstValueFrom(call$).then(...), 2000, () => ({ settled: false }));
 */
export function within<T>(promise: Promise<T>, ms: number, late: () => T | Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => Promise.resolve().then(late).then(resolve, reject), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/** A pause of `ms`: to let something pass (a macrotask, a poll in flight) or to see that nothing happens meanwhile. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
