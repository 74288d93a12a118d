import { concat, concatMap, of, take } from 'rxjs';
import type { StartChatOptions } from '../model/commands';
import type { InteractionData } from '../model/config';
import { Rejections } from '../model/rejections';
import type { StartOutcome } from '../transports/transport';
import { automaticUserData, readStartForm, readUserData } from '../service/startRequest';
import { commandEpic, control, isActive, onCut, reject, settled } from './chatEpic';
import type { Cut, Settle } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';
import { begin } from './session';
import { afterRestore, leaveIfStill, mergeInteractionData } from './sessionGuards';

const ended: EngineEvent = { type: 'endSession' };

/** `configure` (always configured already, §6.1), `startChat` (§6.2) and `endChat` (§6.3). */
export const sessionEpic = commandEpic({
  configure: () => reject(Rejections.configured),

  startChat: (options, _command, state$, deps) =>
    afterRestore(state$, () => {
      const { transport, platform } = deps;
      if (state$.value.sessionState !== 'idle') return reject(Rejections.active);
      const opts = options as StartChatOptions;
      const extra = readUserData(opts.userData);
      if (extra === null) return reject(Rejections.userData);
      const userData = { ...state$.value.userData, ...extra };
      const interactionData = mergeInteractionData(state$.value.interactionData as InteractionData, opts.interactionData);
      const start$ = transport
        .start({
          form: readStartForm(opts),
          userData: { ...userData, ...automaticUserData(platform.page) },
          interactionData,
          ...(typeof opts.deploymentKey === 'string' ? { deploymentKey: opts.deploymentKey } : {}),
          ...(typeof (opts.orgGuid ?? opts.organizationId) === 'string' ? { organizationId: String(opts.orgGuid ?? opts.organizationId) } : {}),
        })
        .pipe(
          take(1),
          concatMap((outcome) => {
            if (!outcome.ok) {
              const events: EngineEvent[] = [{ type: 'sessionState', sessionState: 'idle' }];
              if (outcome.verdict !== 'refused' || !('statusCode' in outcome.failure && Object.keys(outcome.failure).length === 1)) {
                events.push(published('error', outcome.failure as Record<string, unknown>));
              }
              return concat(of(...events), reject(outcome.failure));
            }
            const { response, session: started, batch } = outcome.body;
            return of(begin(started, batch, published('started', { ...response, ...started.sessionData() })), settled(response));
          }),
        );
      return concat(of<[EngineEvent, Cut]>({ type: 'chatStarting', userData, interactionData }, leaveIfStill('starting', deps)), start$);
    }),

  endChat: (_options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const { engine } = deps;
    const runtime = engine.runtime!;
    deps.typing.cancel();
    const ending: EngineEvent[] = [{ type: 'sessionState', sessionState: 'ending' }, ...(state$.value.polling ? [control({ type: 'stop' })] : [])];
    const end$ = runtime.session.end().pipe(
      take(1),
      concatMap((outcome) => of<[EngineEvent, Settle]>(ended, settled(outcome.ok ? outcome.body : {}))),
    );
    // §6.3: the local teardown happens whatever the request does, also when it is cut short.
    return concat(of<Array<EngineEvent | Cut>>(...ending, onCut(() => [ended])), end$);
  },
});
