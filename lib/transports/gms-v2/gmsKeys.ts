import type { SessionStore } from '../../storage/sessionStore';
import type { GmsIdentity } from './gmsWire';

/** What a GMS session persisted: its identity and the last server contact (epoch ms, `null` when unreadable). */
export interface GmsPersisted {
  id: GmsIdentity;
  ping: number | null;
}

/** Reads and writes the GMS keys of one store (`contract.md` §14.1: `.session`, `.keys`, `.ping`, `.index`, `.chatStartLock`). */
export interface GmsKeys {
  read(): GmsPersisted | null;
  /** After create: the identity, with the ping. */
  saveSession(id: GmsIdentity, now: number): void;
  savePing(now: number): void;
  /** The next transcript position to read (the highest index delivered + 1). */
  saveIndex(next: number): void;
  /** §14.2: the cross-tab start lock, epoch ms (0 when none). */
  startLock(): number;
  saveStartLock(now: number): void;
  clearStartLock(): void;
  clear(): void;
}

/**
 * The GMS keys of a {@link SessionStore}: `.session` holds the chatId, `.keys` the rest of the
 * identity as JSON; a missing or garbled entry reads as nothing persisted.
 *
 * @example
 * const keys = gmsKeys(store);
 * keys.saveSession({ chatId, secureKey, alias, userId }, platform.now());
 *
 * @param store The service's session store (already prefixed).
 */
export function gmsKeys(store: SessionStore): GmsKeys {
  return {
    read: () => {
      const chatId = store.get('session');
      const keys = store.get('keys');
      if (!chatId || !keys) return null;
      try {
        const parsed = JSON.parse(keys) as Partial<GmsIdentity>;
        if (typeof parsed.secureKey !== 'string') return null;
        const ping = Number(store.get('ping'));
        return {
          id: { chatId, secureKey: parsed.secureKey, alias: String(parsed.alias ?? ''), userId: String(parsed.userId ?? '') },
          ping: store.get('ping') && Number.isFinite(ping) ? ping : null,
        };
      } catch {
        return null;
      }
    },
    saveSession: (id, now) => {
      store.set('session', id.chatId);
      store.set('keys', JSON.stringify({ secureKey: id.secureKey, alias: id.alias, userId: id.userId }));
      store.set('ping', String(now));
    },
    savePing: (now) => store.set('ping', String(now)),
    saveIndex: (next) => store.set('index', String(next)),
    startLock: () => Number(store.get('chatStartLock')),
    saveStartLock: (now) => store.set('chatStartLock', String(now)),
    clearStartLock: () => store.remove('chatStartLock'),
    clear: () => ['session', 'keys', 'ping', 'index', 'chatStartLock'].forEach((key) => store.remove(key)),
  };
}
