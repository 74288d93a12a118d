import type { Logger } from '../platform/platform';
import { adoptThenable } from './adoptThenable';
import type { BusPromise, Deferred, DeferredCallbacks, DeferredOptions } from './deferredTypes';

export type { BusPromise, Deferred, DeferredCallbacks, DeferredOptions, DeferredState } from './deferredTypes';

type Callback = (...args: unknown[]) => unknown;
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
              adoptThenable(next, handler(args[0]));
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
    adoptThenable(d, value);
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

function flatten(fns: readonly DeferredCallbacks[]): Callback[] {
  const out: Callback[] = [];
  for (const fn of fns) {
    if (typeof fn === 'function') out.push(fn as Callback);
    else if (Array.isArray(fn)) out.push(...flatten(fn));
  }
  return out;
}
