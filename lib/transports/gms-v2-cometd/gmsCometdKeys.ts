import { Observable, map } from 'rxjs';
import type { GmsSessionData } from '../../model/results';
import type { Logger } from '../../platform/platform';
import type { SessionStore } from '../../storage/sessionStore';
import { readSetSessionData } from '../shared/readSetSessionData';
import type { GmsIdentity } from '../gms-v2/gmsWire';

/**
 * What GMS over CometD persists: the GMS keys (`…session`, `…keys`, `…ping`, `…index`: `gmsKeys`,
 * shared with REST, `contract.md` §14.1) and, in async mode, the integrator's storage behind the
 * inverted callback names of §14.5 (`webchat.async.getSessionData` / `setSessionData`).
 */
export interface GmsCometdAsync {
  /** Calls `getSessionData({secureKey, sessionID, sessionId, alias, userId, transcriptPosition}, Cookie, CookieOptions)`. */
  write(sessionData: GmsSessionData, transcriptPosition: number): void;
  /** Calls `setSessionData(open, Cookie, CookieOptions)`; emits the stored identity, or `undefined`. */
  read(): Observable<GmsIdentity | undefined>;
  /** Calls `deleteSessionData` when the page gave one (the chat is over). */
  clear(): void;
}

type Callback = (...args: unknown[]) => unknown;

/**
 * The async-mode callbacks of `webchat.async` (§14.5), each called with the store's `Cookie` helper
 * and `CookieOptions`. A throwing callback is logged and read as "nothing stored". `setSessionData`
 * may return the object `getSessionData` was given, its JSON, or a Promise of either.
 *
 * @example
 * const async = gmsCometdAsync(config.webchat.async, store, platform.logger);
 * async.read().subscribe((id) => id && restore(id));
 *
 * @param callbacks `webchat.async`.
 * @param store The service's store: its `cookie`, `cookieOptions`, and the UI's `open` key.
 * @param logger Where callback failures go.
 */
export function gmsCometdAsync(callbacks: unknown, store: SessionStore, logger: Logger): GmsCometdAsync {
  const named = (name: string): Callback | undefined => {
    const value = typeof callbacks === 'object' && callbacks !== null ? (callbacks as Record<string, unknown>)[name] : undefined;
    return typeof value === 'function' ? (value as Callback) : undefined;
  };
  const guard = (name: string, ...args: unknown[]) => {
    try {
      named(name)?.(...args, store.cookie, store.cookieOptions);
    } catch (error) {
      logger.warn(`[webchat-rx gms-v2-cometd] async.${name} threw`, error);
    }
  };
  return {
    write: (sessionData, transcriptPosition) => guard('getSessionData', { ...sessionData, transcriptPosition }),
    read: () => readSetSessionData(named('setSessionData'), store, logger, '[webchat-rx gms-v2-cometd] async').pipe(map(storedIdentity)),
    clear: () => guard('deleteSessionData'),
  };
}

/** The identity in what `setSessionData` returned: an object (or its JSON) with `secureKey` and `sessionID`/`chatId`. */
export function storedIdentity(stored: unknown): GmsIdentity | undefined {
  if (typeof stored === 'string') {
    try {
      return storedIdentity(JSON.parse(stored));
    } catch {
      return undefined;
    }
  }
  if (typeof stored !== 'object' || stored === null) return undefined;
  const data = stored as Record<string, unknown>;
  const chatId = [data.sessionID, data.sessionId, data.chatId].find((v) => typeof v === 'string' && v !== '');
  if (typeof chatId !== 'string' || typeof data.secureKey !== 'string' || data.secureKey === '') return undefined;
  return { chatId, secureKey: data.secureKey, alias: String(data.alias ?? ''), userId: String(data.userId ?? '') };
}
