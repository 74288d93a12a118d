import type { Logger } from '../platform/platform';
import type { BusConfig } from './types';

/**
 * The bus's logger, gated by `CXBus.configure` (`cxbus.md` §11): `debug` lines only with
 * `debug: true`; nothing at all with `log: false`. Callers log names, never payloads: event data
 * and command options may hold secrets (secureKey, JWTs).
 *
 * @example
 * const log = busLogger(console, () => config);
 * log.debug('[CXBus] WebChatService.startChat');
 *
 * @param logger Where lines go (the page's `console`); absent = nowhere.
 * @param config The current bus configuration, read at each call.
 */
export function busLogger(logger: Logger | undefined, config: () => BusConfig): Logger {
  const at = (level: keyof Logger, needsDebug: boolean) =>
    (...args: unknown[]) => {
      const c = config();
      if (logger && c.log && (!needsDebug || c.debug)) logger[level](...args);
    };
  return { debug: at('debug', true), info: at('info', true), warn: at('warn', false), error: at('error', false) };
}
