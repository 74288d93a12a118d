/**
 * The playground's timers, all in one place so that `close()` can cancel every one of them and
 * leave no open handle behind. (This is the server: plain Node timers are fine here, unlike lib/.)
 */
export interface Timers {
  /** Runs `fn` once after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms`; the returned function cancels it. */
  every(ms: number, fn: () => void): () => void;
  /** A promise resolving after `ms` (never settles when the timers are cleared first). */
  delay(ms: number): Promise<void>;
  /** Cancels every pending timer; later calls to `after`/`every` do nothing. */
  clear(): void;
}

/**
 * Creates a {@link Timers} set.
 *
 * @example
 * const timers = createTimers();
 * timers.after(1000, () => greet());
 * // at shutdown:
 * timers.clear();
 */
export function createTimers(): Timers {
  const pending = new Set<NodeJS.Timeout>();
  let closed = false;
  const after = (ms: number, fn: () => void): (() => void) => {
    if (closed) return () => undefined;
    const handle = setTimeout(() => {
      pending.delete(handle);
      fn();
    }, Math.max(0, ms));
    pending.add(handle);
    return () => {
      clearTimeout(handle);
      pending.delete(handle);
    };
  };
  const every = (ms: number, fn: () => void): (() => void) => {
    if (closed) return () => undefined;
    const handle = setInterval(fn, Math.max(1, ms));
    pending.add(handle);
    return () => {
      clearInterval(handle);
      pending.delete(handle);
    };
  };
  return {
    after,
    every,
    delay: (ms) => new Promise<void>((resolve) => void after(ms, resolve)),
    clear() {
      closed = true;
      for (const handle of pending) clearTimeout(handle);
      pending.clear();
    },
  };
}
