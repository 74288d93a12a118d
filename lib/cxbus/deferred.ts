import type { SchedulerLike } from 'rxjs';
import type { Logger } from '../platform/platform';

/** `state()` values, exactly as the shipped bus spells them (`cxbus.md` §9). */
export type DeferredState = 'pending' | 'resolved' | 'rejected';

/** A callback, or an array (nested at will) of callbacks: `done(fn)`, `done([fn1, fn2], fn3)`. */
// `never[]` so a typed callback (`(r: Result) => void`) fits: legacy callbacks take whatever the handler settles with.
export type DeferredCallbacks = ((...args: never[]) => unknown) | readonly DeferredCallbacks[];

/**
 * The promise a bus command returns: the shipped bus Deferred's members (`done`, `fail`, `always`,
 * `progress`, `state`, `promise`, ...) plus a `then` that chains like a Promise (`cxbus.md` §9,
 * product), so both `.done().fail()` code and `await` work.
 */
export interface BusPromise<T = unknown> extends PromiseLike<T> {
  /** Runs `fns` with all resolve arguments; at once (synchronously) when already resolved. Returns this promise. */
  done(...fns: DeferredCallbacks[]): this;
  /** Runs `fns` with all reject arguments; at once when already rejected. Returns this promise. */
  fail(...fns: DeferredCallbacks[]): this;
  /** Runs `fns` on either outcome. Returns this promise. */
  always(...fns: DeferredCallbacks[]): this;
  /** Runs `fns` on every `notify` while pending. Returns this promise. */
  progress(...fns: DeferredCallbacks[]): this;
  /**
   * Promises/A+: returns a NEW bus promise settled by the callbacks, which run in a microtask with
   * the first argument only; returned thenables are adopted; a throw rejects the new promise.
   */
  then<R1 = T, R2 = never>(
    onResolved?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    onProgress?: ((...args: unknown[]) => unknown) | null,
  ): BusPromise<R1 | R2>;
  /** `then(undefined, fn)`. */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): BusPromise<T | R>;
  /** Runs `fn` on either outcome and passes the outcome on (a throw or a rejected thenable replaces it). */
  finally(fn?: (() => unknown) | null): BusPromise<T>;
  /** The shipped alias of `then`. */
  pipe: BusPromise<T>['then'];
  state(): DeferredState;
  isResolved(): boolean;
  isRejected(): boolean;
  /** This promise itself. */
  promise(): BusPromise<T>;
  /** A snapshot for a console: the state and the settle/notify arguments. */
  debug(): { state: DeferredState; args: unknown[] | undefined };
}

/**
 * The handler side: what a command handler gets as `e.deferred` (`cxbus.md` §5, §9). It MUST
 * `resolve` or `reject` it. Settling twice is ignored.
 */
export interface Deferred<T = unknown> extends BusPromise<T> {
  resolve(...args: unknown[]): this;
  reject(...args: unknown[]): this;
  notify(...args: unknown[]): this;
  resolveWith(context: unknown, args?: ArrayLike<unknown>): this;
  rejectWith(context: unknown, args?: ArrayLike<unknown>): this;
  notifyWith(context: unknown, args?: ArrayLike<unknown>): this;
}

export interface DeferredOptions {
  /** Where `then` callbacks run; default the microtask queue itself (`queueMicrotask`), where a Promise runs its reactions. */
  microtasks?: SchedulerLike;
  /** Receives callback exceptions and unhandled rejections of derived promises (debug level). */
  logger?: Pick<Logger, 'debug'>;
  /** Set on promises created by `then`: an unhandled rejection is worth a debug line. */
  derived?: boolean;
}

type Callback = (...args: unknown[]) => unknown;
type Settleable = { resolve(...args: unknown[]): unknown; reject(...args: unknown[]): unknown; promise(): unknown };
type Settled = { state: 'resolved' | 'rejected'; context: unknown; args: unknown[] };

const silent: Pick<Logger, 'debug'> = { debug() {} };

/**
 * Creates a Genesys-style bus Deferred: the object a command handler settles, whose `promise()` is
 * what `command()` returns.
 *
 * Settled callbacks get every argument and `this` = the promise (or the `*With` context); a
 * callback added after settlement runs synchronously at once; a throwing callback is logged and
 * the others still run (`cxbus.md` §9, product). `then` differs from the shipped bus on purpose:
 * it chains (Promises/A+) instead of returning `undefined`.
 *
 * @example
 * const d = createDeferred();
 * d.promise().done((r) => show(r)).fail((err) => warn(err));
 * d.resolve({ ok: true });
 * const value = await d.promise(); // works too: `then` is Promise-compatible
 *
 * @param options `microtasks` (scheduler of `then` callbacks), `logger`.
 */
export function createDeferred<T = unknown>(options: DeferredOptions = {}): Deferred<T> {
  const microtasks = options.microtasks;
  // The microtask queue itself is where a Promise runs its reactions; rxjs `asapScheduler` would do
  // the same through an action pool built for delays and rescheduling (a third of a kilobyte of the
  // IIFE), none of which `then` needs.
  const later = (work: () => void) => (microtasks ? microtasks.schedule(work) : queueMicrotask(work));
  const logger = options.logger ?? silent;
  const listeners: Record<Settled['state'] | 'progress', Callback[]> = { resolved: [], rejected: [], progress: [] };
  let settled: Settled | undefined;
  let lastNotify: unknown[] | undefined;

  const run = (fns: readonly Callback[], context: unknown, args: unknown[]) => {
    for (const fn of fns) {
      try {
        fn.apply(context, args);
      } catch (error) {
        // cxbus.md §9 (product): one bad listener must not starve the others.
        logger.debug('[CXBus] a deferred callback threw', error);
      }
    }
  };

  const listen = (kind: keyof typeof listeners, fns: DeferredCallbacks[]) => {
    const flat = flatten(fns);
    if (kind !== 'progress' && settled) {
      // cxbus.md §9: late callbacks run synchronously, immediately.
      if (settled.state === kind) run(flat, settled.context, settled.args);
    } else if (!(kind === 'progress' && settled)) {
      listeners[kind].push(...flat);
    }
  };

  const settle = (state: Settled['state'], context: unknown, args: ArrayLike<unknown> = []) => {
    if (settled) return; // cxbus.md §9: a double settle is ignored.
    settled = { state, context: context ?? promise, args: Array.from(args) };
    const fns = listeners[state];
    if (state === 'rejected' && options.derived && fns.length === 0) {
      // Not a native Promise, so no runtime unhandled-rejection event: a debug line instead (§9).
      logger.debug('[CXBus] unhandled rejection of a chained bus promise');
    }
    listeners.resolved = [];
    listeners.rejected = [];
    listeners.progress = [];
    run(fns, settled.context, settled.args);
  };

  const promise: BusPromise<T> = {
    done(...fns) {
      listen('resolved', fns);
      return this;
    },
    fail(...fns) {
      listen('rejected', fns);
      return this;
    },
    always(...fns) {
      listen('resolved', fns);
      listen('rejected', fns);
      return this;
    },
    progress(...fns) {
      listen('progress', fns);
      return this;
    },
    then(onResolved, onRejected, onProgress) {
      const next = createDeferred<never>({ microtasks, logger, derived: true });
      const react = (handler: Callback | null | undefined, fallback: 'resolve' | 'reject') =>
        (...args: unknown[]) => {
          later(() => {
            if (typeof handler !== 'function') {
              next[fallback](args[0]);
              return;
            }
            try {
              adopt(next, handler(args[0]));
            } catch (error) {
              next.reject(error);
            }
          });
        };
      promise.done(react(onResolved as Callback, 'resolve'));
      promise.fail(react(onRejected as Callback, 'reject'));
      promise.progress((...args: unknown[]) => {
        next.notify(typeof onProgress === 'function' ? onProgress(...args) : args[0]);
      });
      return next.promise() as BusPromise<never>;
    },
    catch(onRejected) {
      return promise.then(undefined, onRejected);
    },
    finally(fn) {
      if (typeof fn !== 'function') return promise.then();
      return promise.then(
        (value) => thenable(fn()).then(() => value),
        (reason) => thenable(fn()).then(() => { throw reason; }),
      );
    },
    pipe(onResolved, onRejected, onProgress) {
      return promise.then(onResolved, onRejected, onProgress);
    },
    state: () => settled?.state ?? 'pending',
    isResolved: () => settled?.state === 'resolved',
    isRejected: () => settled?.state === 'rejected',
    promise: () => promise,
    debug: () => ({ state: settled?.state ?? 'pending', args: settled?.args ?? lastNotify }),
  };

  /** Wraps a plain value or a thenable in a bus promise, for `finally`. */
  const thenable = (value: unknown): BusPromise<unknown> => {
    const d = createDeferred({ microtasks, logger });
    adopt(d, value);
    return d.promise();
  };

  const deferred = {
    ...promise,
    resolve(...args: unknown[]) {
      settle('resolved', undefined, args);
      return deferred;
    },
    reject(...args: unknown[]) {
      settle('rejected', undefined, args);
      return deferred;
    },
    notify(...args: unknown[]) {
      return deferred.notifyWith(undefined, args);
    },
    resolveWith(context: unknown, args?: ArrayLike<unknown>) {
      settle('resolved', context, args);
      return deferred;
    },
    rejectWith(context: unknown, args?: ArrayLike<unknown>) {
      settle('rejected', context, args);
      return deferred;
    },
    notifyWith(context: unknown, args: ArrayLike<unknown> = []) {
      if (!settled) {
        lastNotify = Array.from(args);
        run(listeners.progress, context ?? promise, lastNotify);
      }
      return deferred;
    },
  } as Deferred<T>;
  // The shared members return `this`: on the deferred that is the deferred, as chaining expects.
  return deferred;
}

/** The Promises/A+ resolution procedure (§2.3): settle `target` with `x`, adopting thenables. */
function adopt(target: Settleable, x: unknown): void {
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
          adopt(target, y);
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

function flatten(fns: readonly DeferredCallbacks[]): Callback[] {
  const out: Callback[] = [];
  for (const fn of fns) {
    if (typeof fn === 'function') out.push(fn as Callback);
    else if (Array.isArray(fn)) out.push(...flatten(fn));
  }
  return out;
}
