/** What `adoptThenable` settles: a bus Deferred (its `promise()` is what a chain could hand back). */
export type Settleable = { resolve(...args: unknown[]): unknown; reject(...args: unknown[]): unknown; promise(): unknown };

/** The Promises/A+ resolution procedure (§2.3): settle `target` with `x`, adopting thenables. */
export function adoptThenable(target: Settleable, x: unknown): void {
  if (x === target || x === target.promise()) {
    target.reject(new TypeError('A bus promise cannot be resolved with itself'));
    return;
  }
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) {
    target.resolve(x);
    return;
  }
  let then: unknown;
  try {
    then = (x as { then?: unknown }).then;
  } catch (error) {
    target.reject(error);
    return;
  }
  if (typeof then !== 'function') {
    target.resolve(x);
    return;
  }
  let called = false;
  try {
    then.call(
      x,
      (y: unknown) => {
        if (!called) {
          called = true;
          adoptThenable(target, y);
        }
      },
      (reason: unknown) => {
        if (!called) {
          called = true;
          target.reject(reason);
        }
      },
    );
  } catch (error) {
    if (!called) {
      called = true;
      target.reject(error);
    }
  }
}
