import type { Preprocessor } from '../model/commands';
import type { MessageSender, NormalizedMessage } from '../model/messages';
import type { Logger } from '../platform/platform';

/**
 * Runs the registered preprocessors in order (`contract.md` §10 step 5): a returned object replaces
 * the message, a falsy return keeps the (possibly mutated) message, a throwing preprocessor is
 * logged and skipped. A preprocessor cannot drop a message, and cannot make the service publish
 * garbage: whatever it returns or leaves behind is brought back to the normalized shape, field by
 * field, from the message it was given (issue 6, hostile preprocessors).
 */
export function applyPreprocessors(message: NormalizedMessage, preprocessors: readonly Preprocessor[], logger: Logger): NormalizedMessage {
  if (preprocessors.length === 0) return message;
  // A pristine copy to fall back on: a preprocessor may mutate the message it is handed.
  const original: NormalizedMessage = { ...message, from: { ...message.from } };
  let current = message;
  for (const preprocessor of preprocessors) {
    try {
      const result: unknown = preprocessor(current);
      if (isObject(result)) current = result as unknown as NormalizedMessage;
      else if (result) logger.warn('[WebChatService] preprocessor result is not a message; ignored');
    } catch (error) {
      logger.warn('[WebChatService] preprocessor threw', error instanceof Error ? error.message : typeof error);
    }
  }
  return conform(current, original);
}

/** The normalized shape (§9.1) of what a preprocessor produced; each wrong field is taken from `original`. */
function conform(value: NormalizedMessage, original: NormalizedMessage): NormalizedMessage {
  const v = value as unknown as Record<string, unknown>;
  const from = isObject(v.from) ? v.from : {};
  const sender: MessageSender = {
    ...from,
    id: typeof from.id === 'number' || typeof from.id === 'string' ? from.id : original.from.id,
    type: typeof from.type === 'string' ? (from.type as MessageSender['type']) : original.from.type,
    name: typeof from.name === 'string' ? from.name : original.from.name,
  };
  return {
    ...value,
    index: typeof v.index === 'number' && Number.isFinite(v.index) ? v.index : original.index,
    type: typeof v.type === 'string' ? v.type : original.type,
    text: typeof v.text === 'string' ? v.text : original.text,
    html: typeof v.html === 'boolean' ? v.html : original.html,
    userData: isObject(v.userData) ? (v.userData as Record<string, unknown>) : original.userData,
    timestamp: typeof v.timestamp === 'number' && Number.isFinite(v.timestamp) ? v.timestamp : original.timestamp,
    from: sender,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
