import { concat, concatMap, of, take } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rejections } from '../model/rejections';
import type { RestoreOutcome } from '../transports/transport';
import { commandEpic, reject, settled } from './chatEpic';
import type { Cut, EpicDeps, Settle } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';
import { begin } from './session';
import { afterRestore, leaveIfStill } from './sessionGuards';

/** Commanders that may call `restore` in non-async mode (product rule, `contract.md` §6.14). */
const restoreCommanders = ['WebChatService', 'WebChat', 'App'];

const idle: EngineEvent = { type: 'sessionState', sessionState: 'idle' };
const offline: EngineEvent = { type: 'connectionState', connectionState: 'serverOffline' };

/** `restore` (§6.14), `asyncRestore` (§6.15) and `verifySession` (§6.13). */
export const restoreEpic = commandEpic({
  restore: (options, command, state$, deps) => {
    const { transport } = deps;
    if (!transport.capabilities.async && !restoreCommanders.includes(command.commander)) return reject(Rejections.privateRestore);
    const state = state$.value.sessionState;
    if (state === 'restoring') return reject(Rejections.restoring);
    if (state !== 'idle') return reject(Rejections.restoreActive);
    const sessionData = typeof options.sessionData === 'string' ? options.sessionData : undefined;
    if (!sessionData && !transport.persisted().exists) return reject(Rejections.restoreNone);
    return restoreFlow({ ...(sessionData ? { sessionData } : {}), ...(options.async === true ? { async: true } : {}) }, true, deps);
  },

  asyncRestore: (_options, _command, state$, deps) => {
    if (!deps.transport.capabilities.async) return of(settled(undefined));
    const state = state$.value.sessionState;
    if (state === 'restoring') return reject(Rejections.restoring);
    if (state !== 'idle') return reject(Rejections.restoreActive);
    return restoreFlow({ async: true }, false, deps);
  },

  verifySession: (_options, _command, state$, deps) =>
    afterRestore(state$, () => of(settled({ sessionActive: state$.value.sessionActive || deps.transport.persisted().fresh }))),
});

/** One restore: `restoring`, the transport's answer, then the session or the event that says why not (§14.3). */
function restoreFlow(options: { sessionData?: string; async?: boolean }, command: boolean, deps: EpicDeps): Observable<EngineEvent | Settle | Cut> {
  const { transport } = deps;
  const restore$ = transport.restore(options).pipe(
    take(1),
    concatMap((outcome: RestoreOutcome): Observable<EngineEvent | Settle> => {
      switch (outcome.kind) {
        case 'restored':
          return of(begin(outcome.session, outcome.batch, published('restored', { async: outcome.async })), settled(undefined));
        case 'restoredOffline':
          return of(begin(outcome.session, undefined, published('restoredOffline', {})), offline, settled(undefined));
        case 'none':
          return concat(of(idle), command ? reject(Rejections.restoreNone) : of(settled(undefined)));
        case 'timeout':
          return of(idle, published('restoreTimeout', {}), settled(undefined));
        case 'failed': {
          const lost = outcome.sessionLost;
          const events: EngineEvent[] = [idle];
          if (lost) events.push(published('sessionLost', { sessionData: transport.emptySessionData(), response: lost.response }), published('error', lost.error));
          events.push(published('restoreFailed', outcome.failure));
          return concat(of(...events), command ? reject(outcome.failure) : of(settled(undefined)));
        }
      }
    }),
  );
  return concat(of<[EngineEvent, Cut]>({ type: 'sessionState', sessionState: 'restoring' }, leaveIfStill('restoring', deps)), restore$);
}
