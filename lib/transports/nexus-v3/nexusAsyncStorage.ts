import { Observable, map } from 'rxjs';
import type { AsyncConfig } from '../../model/config';
import type { Logger } from '../../platform/platform';
import type { SessionStore } from '../../storage/sessionStore';
import { readSetSessionData } from '../shared/readSetSessionData';

/** What `getSessionData` hands the integrator (`contract.md` §14.5). */
export interface NexusAsyncSessionData {
  messageIndex: number | string | null;
  token: string;
}

/** The integrator's storage of async mode, behind the inverted callback names of §14.5. */
export interface NexusAsyncStorage {
  /** Calls `setSessionData(open, Cookie, CookieOptions)`; emits the stored token, or `undefined`. */
  read(): Observable<string | undefined>;
  /** Calls `getSessionData({messageIndex, token}, Cookie, CookieOptions)`. */
  write(data: NexusAsyncSessionData): void;
  /** Calls `deleteSessionData({sessionData, response}, Cookie, CookieOptions)` (9.0.015.12+). */
  remove(lost: { sessionData: unknown; response: unknown }): void;
}

/**
 * The async-mode callbacks of `transport.async` (`contract.md` §14.5, `wire-nexus-v3.md` §11.2),
 * each called with the store's `Cookie` helper and `CookieOptions` as the reference page shows.
 * A throwing callback is logged and treated as "nothing stored" (the chat must not die of it).
 * `setSessionData` may return an object or a JSON string with `token`, a bare token, or a Promise of those.
 *
 * @example
 * const storage = nexusAsyncStorage(config.transport.async, store, platform.logger);
 * storage.read().subscribe((token) => token && resume(token));
 *
 * @param callbacks `transport.async`.
 * @param store The service's store: its `cookie`, `cookieOptions`, and the UI's `open` key.
 * @param logger Where callback failures go.
 */
export function nexusAsyncStorage(callbacks: AsyncConfig | undefined, store: SessionStore, logger: Logger): NexusAsyncStorage {
  const guard = (name: string, call: () => void) => {
    try {
      call();
    } catch (error) {
      logger.warn(`[webchat-rx nexus-v3] transport.async.${name} threw`, error);
    }
  };
  return {
    read: () => readSetSessionData(callbacks?.setSessionData, store, logger, '[webchat-rx nexus-v3] transport.async').pipe(map(storedToken)),
    write: (data) => guard('getSessionData', () => callbacks?.getSessionData?.(data, store.cookie, store.cookieOptions)),
    remove: (lost) => guard('deleteSessionData', () => callbacks?.deleteSessionData?.(lost, store.cookie, store.cookieOptions)),
  };
}

/** The token inside what `setSessionData` returned: `{token}`, its JSON, or a bare JWT string. */
export function storedToken(stored: unknown): string | undefined {
  if (typeof stored === 'string') {
    const text = stored.trim();
    if (text === '') return undefined;
    if (text.startsWith('{')) {
      try {
        return storedToken(JSON.parse(text));
      } catch {
        return undefined;
      }
    }
    return text.split('.').length === 3 ? text : undefined;
  }
  if (typeof stored === 'object' && stored !== null) {
    const token = (stored as { token?: unknown }).token;
    return typeof token === 'string' && token !== '' ? token : undefined;
  }
  return undefined;
}
