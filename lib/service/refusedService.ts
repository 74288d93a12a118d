import { BehaviorSubject, NEVER, map, throwError } from 'rxjs';
import { webChatCommandNames } from '../model/commands';
import { idleState } from './idleState';
import type { WebChatService } from './WebChatService';
import { gmsNoSessionData } from '../model/results';

/**
 * A service that never runs: every command rejects with `rejection` — a refused config
 * (`contract.md` §2.5), a back end the build lacks, a legacy page's transport module that did not load.
 */
export function refusedService(rejection: string): WebChatService {
  const state$ = new BehaviorSubject(
    idleState('gms-v2', { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: false }, gmsNoSessionData()),
  );
  const refuse = () => throwError(() => rejection);
  const methods = Object.fromEntries(webChatCommandNames.map((name) => [name, refuse]));
  return {
    ...(methods as unknown as WebChatService),
    command: refuse,
    on: () => NEVER,
    outbox$: state$.pipe(map((state) => state.outbox)),
    retrySend: refuse,
    discardSend: refuse,
    events$: NEVER,
    messages$: NEVER,
    state$: state$.asObservable(),
    get state() {
      return state$.value;
    },
    destroy: () => state$.complete(),
  } as WebChatService;
}

