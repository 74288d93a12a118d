import type { Observable } from 'rxjs';
import type { OutboxCommand } from '../model/outbox';
import { Rejections, tooLong } from '../model/rejections';
import { isRegExp } from '../pipeline/prefilters';
import { commandEpic, isActive, reject } from './chatEpic';
import type { EpicDeps, Settle, StateSource } from './chatEpic';
import type { EngineEvent } from './engineEvent';

/** `sendMessage` (§6.4), `sendFilteredMessage` (§6.7) and `sendCustomNotice` (§6.5). */
export const sendEpic = commandEpic({
  sendMessage: (options, _command, state$, deps) => sendMessage('sendMessage', options, Rejections.noSession, state$, deps),

  sendFilteredMessage: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession2);
    const message = options.message;
    if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
    if (!isRegExp(options.regex)) return reject(Rejections.filters);
    deps.engine.addPrefilters([options.regex]);
    return sendMessage('sendFilteredMessage', options, Rejections.noSession2, state$, deps);
  },

  sendCustomNotice: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    if (!deps.engine.runtime!.session.sendCustomNotice) return reject(Rejections.noticeUnsupported);
    const message = typeof options.message === 'string' ? options.message : '';
    return deps.engine.outbox.enqueue({ command: 'sendCustomNotice', text: message });
  },
});

function sendMessage(command: OutboxCommand, options: Record<string, unknown>, noSession: string, state$: StateSource, deps: EpicDeps): Observable<EngineEvent | Settle> {
  if (!isActive(state$, deps)) return reject(noSession);
  const message = options.message;
  if (typeof message !== 'string' || message.trim() === '') return reject(Rejections.noText);
  const max = deps.config.maxMessageLength;
  if (max !== undefined && Array.from(message).length > max) return reject(tooLong(max));
  deps.typing.cancel();
  // Through the outbox (issue 14): sent now if the connection is up, else queued until it is back.
  return deps.engine.outbox.enqueue({
    command,
    text: message,
    ...(typeof options.type === 'string' ? { type: options.type } : {}),
    ...(typeof options.parentMessageID === 'string' ? { parentMessageID: options.parentMessageID } : {}),
  });
}
