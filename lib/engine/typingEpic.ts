import { map, of } from 'rxjs';
import { Rejections } from '../model/rejections';
import { resolveTypingInput, typingPreview } from '../operators/typingPreview';
import { commandEpic, isActive, reject, settled } from './chatEpic';

/** `sendTyping` (§6.6, §12.1) and `registerTypingPreviewInput` (§6.19). */
export const typingEpic = commandEpic({
  sendTyping: (options, _command, state$, deps) => {
    if (!isActive(state$, deps)) return reject(Rejections.noSession);
    const text = [options.message, options.Message, deps.engine.previewInput?.value].find((v) => typeof v === 'string');
    return deps.typing.call(typeof text === 'string' ? text : '', options.isTyping === false).pipe(map(settled));
  },

  registerTypingPreviewInput: (options, _command, _state$, deps) => {
    const input = resolveTypingInput(options.input);
    if (!input) return reject(Rejections.input);
    deps.engine.previewInput = input;
    deps.typing.watch(typingPreview(input));
    return of(settled(undefined));
  },
});
