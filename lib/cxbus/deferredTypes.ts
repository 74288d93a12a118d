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

/** Options of `createDeferred`: where callbacks run and where their exceptions are reported. */
export interface DeferredOptions {
  /** Where `then` callbacks run; default the microtask queue itself (`queueMicrotask`), where a Promise runs its reactions. */
  microtasks?: SchedulerLike;
  /** Receives callback exceptions and unhandled rejections of derived promises (debug level). */
  logger?: Pick<Logger, 'debug'>;
  /** Set on promises created by `then`: an unhandled rejection is worth a debug line. */
  derived?: boolean;
}
