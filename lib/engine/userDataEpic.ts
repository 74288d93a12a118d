import { concat, concatMap, of, take } from 'rxjs';
import { unsupportedCommands } from '../model/capabilities';
import type { InteractionData } from '../model/config';
import { Rejections } from '../model/rejections';
import { copyPlain, isPlainObject } from '../service/startRequest';
import { commandEpic, isActive, reject, settle, settled } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { mergeInteractionData } from './sessionGuards';

/** `updateUserData` (§6.9) and `updateInteractionData` (§6.10). */
export const userDataEpic = commandEpic({
  updateUserData: (options, _command, state$, deps) => {
    if (!isPlainObject(options)) return reject(Rejections.userData);
    const update = copyPlain(options);
    const userData = { ...state$.value.userData, ...update };
    const changed: EngineEvent = { type: 'userData', userData };
    if (!isActive(state$, deps)) return of(changed, settled(userData));
    const session = deps.engine.runtime!.session;
    const refused = unsupportedCommands[deps.transport.id].inSession.updateUserData;
    const send = session.updateUserData;
    if (refused || !send) return reject(refused ?? Rejections.userDataUnsupported);
    return concat(of(changed), send.call(session, update).pipe(take(1), concatMap(settle)));
  },

  updateInteractionData: (options, _command, state$, deps) => {
    if (!isPlainObject(options)) return reject(Rejections.userData);
    const refused = unsupportedCommands[deps.transport.id].inSession.updateInteractionData;
    if (isActive(state$, deps) && refused) return reject(refused);
    const interactionData = mergeInteractionData(state$.value.interactionData as InteractionData, options as InteractionData);
    const changed: EngineEvent = { type: 'interactionData', interactionData };
    return of(changed, settled(interactionData));
  },
});
