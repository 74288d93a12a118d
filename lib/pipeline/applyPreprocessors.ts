import type { Preprocessor } from '../model/commands';
import type { NormalizedMessage } from '../model/messages';
import type { Logger } from '../platform/platform';

/**
 * Runs the registered preprocessors in order (`contract.md` §10 step 5): a returned object replaces
 * the message, a falsy return keeps the (possibly mutated) message, a throwing preprocessor is
 * logged and skipped. A preprocessor cannot drop a message, and garbage it returns (a string, an
 * array, an object without `type`) is ignored, so nothing malformed is ever published.
 */
export function applyPreprocessors(message: NormalizedMessage, preprocessors: readonly Preprocessor[], logger: Logger): NormalizedMessage {
  let current = message;
  for (const preprocessor of preprocessors) {
    try {
      const result: unknown = preprocessor(current);
      if (isMessageLike(result)) current = result;
      else if (result) logger.warn('[WebChatService] a preprocessor returned something that is not a message; ignored');
    } catch (error) {
      logger.warn('[WebChatService] a preprocessor threw; skipped', error);
    }
  }
  return current;
}

function isMessageLike(value: unknown): value is NormalizedMessage {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
}
