import { concat, concatMap, of, take } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rejections, tooLong } from '../model/rejections';
import { isRegExp } from '../pipeline/prefilters';
import { commandEpic, isActive, reject, settle } from './chatEpic';
import type { EpicDeps, Settle, StateSource } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/** `sendMessage` (§6.4), `sendFilteredMessage` (§6.7) and `sendCustomNotice` (§6.5). */
export const sendEpic = commandEpic({
  sendMessage: (options, _command, state$, deps) => sendMessage(options, Rejections.noSession, state$, deps),

  sendFilteredMessage: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    const message = options.message;
    if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
    if (!isRegExp(options.regex)) return reject(Rejections.filters);
    deps.engine.addPrefilters([options.regex]);
    return sendMessage(options, Rejections.noSession2, state$, deps);
  },

  sendCustomNotice: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const session = deps.engine.runtime!.session;
    const notice = session.sendCustomNotice;
    if (!notice) return reject(Rejections.noticeUnsupported);
    const message = typeof options.message === 'string' ? options.message : '';
    return notice.call(session, message).pipe(take(1), concatMap(settle));
  },
});

function sendMessage(options: Record<string, unknown>, noSession: string, state$: StateSource, deps: EpicDeps): Observable<EngineEvent | Settle> {
  if (!isActive(state$, deps)) return reject(noSession);
  const message = options.message;
  if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
  const max = deps.config.maxMessageLength;
  if (max !== undefined && Array.from(message).length > max) return reject(tooLong(max));
  deps.typing.cancel();
  const outgoing = {
    message,
    ...(typeof options.type === 'string' ? { type: options.type } : {}),
    ...(typeof options.parentMessageID === 'string' ? { parentMessageID: options.parentMessageID } : {}),
  };
  return deps.engine.runtime!.session.sendMessage(outgoing).pipe(
    take(1),
    concatMap((outcome) => {
      const events: EngineEvent[] = [];
      // A failure the transport described as an error payload (`MessageFailed`, §4) is also an `error` event.
      if (!outcome.ok && Array.isArray((outcome.failure as { errors?: unknown }).errors)) events.push(published('error', outcome.failure as Record<string, unknown>));
      return concat(of(...events), settle(outcome));
    }),
  );
}
