import { concatMap, filter, take } from 'rxjs';
import type { Observable } from 'rxjs';
import type { InteractionData } from '../model/config';
import { copyPlain, isPlainObject } from '../service/startRequest';
import { onCut } from './chatEpic';
import type { Cut, EpicDeps, StateSource } from './chatEpic';

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
 * or `restoring` and refusing every later start. Emit it before the command's work.
 */
export function leaveIfStill(state: 'starting' | 'restoring', deps: EpicDeps): Cut {
  const { engine } = deps;
  return onCut(() => (!engine.destroyed && engine.state.sessionState === state ? [{ type: 'sessionState', sessionState: 'idle' }] : []));
}

/** `interactionData` deep-merged, `routing` key by key (§6.10). */
export function mergeInteractionData(base: InteractionData, update: unknown): InteractionData {
  if (!isPlainObject(update)) return { ...base };
  const patch = copyPlain(update) as InteractionData;
  const routing = isPlainObject(patch.routing) ? { ...(base.routing ?? {}), ...copyPlain(patch.routing) } : base.routing;
  return { ...base, ...patch, ...(routing ? { routing } : {}) };
}
