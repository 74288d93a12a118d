import { concatMap, filter, finalize, take } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import type { InteractionData } from '../model/config';
import { copyPlain, isPlainObject } from '../service/startRequest';
import type { EpicDeps, StateSource } from './chatEpic';

/** Waits for a running restore to settle (§6.2: a startChat that arrives while restoring waits). */
export function afterRestore<T>(state$: StateSource, then: () => Observable<T>): Observable<T> {
  return state$.pipe(
    filter((s) => s.sessionState !== 'restoring'),
    take(1),
    concatMap(then),
  );
}

/**
 * A transitional state a command set must not outlive the command: when the command is cut short
 * (its settle bound, `destroy()`), the session goes back to `idle` instead of staying `starting`
 * or `restoring` and refusing every later start.
 */
export function leaveIfStill<T>(state: 'starting' | 'restoring', deps: EpicDeps): MonoTypeOperatorFunction<T> {
  const { engine } = deps;
  return finalize<T>(() => {
    if (!engine.destroyed && engine.state.sessionState === state) engine.emit({ type: 'sessionState', sessionState: 'idle' });
  });
}

/** `interactionData` deep-merged, `routing` key by key (§6.10). */
export function mergeInteractionData(base: InteractionData, update: unknown): InteractionData {
  if (!isPlainObject(update)) return { ...base };
  const patch = copyPlain(update) as InteractionData;
  const routing = isPlainObject(patch.routing) ? { ...(base.routing ?? {}), ...copyPlain(patch.routing) } : base.routing;
  return { ...base, ...patch, ...(routing ? { routing } : {}) };
}
