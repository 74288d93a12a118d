import type { SessionStore } from '../sessionStore';

/** The identity triple of a GMS session (wire-gms-v2 §3): opaque strings handed out by Request Chat. */
export interface GmsKeys {
  userId: string;
  secureKey: string;
  alias: string;
}

/** The GMS keys of a store's sessions, by chat id and by secureKey. */
export interface GmsKeyring {
  get(chatId: string): GmsKeys | undefined;
  set(chatId: string, keys: GmsKeys): void;
  /** The chat id a secureKey belongs to (CometD operations carry the key, not always the id). */
  chatIdOf(secureKey: string): string | undefined;
}

const rings = new WeakMap<SessionStore, GmsKeyring>();

/**
 * The one keyring of a store: the REST and the CometD GMS endpoints share it, so a chat started
 * on one is served by the other with the same keys.
 *
 * @example
 * gmsKeyring(store).set(session.id, { userId, secureKey, alias: '117' });
 */
export function gmsKeyring(store: SessionStore): GmsKeyring {
  let ring = rings.get(store);
  if (!ring) {
    const byChat = new Map<string, GmsKeys>();
    const bySecret = new Map<string, string>();
    ring = {
      get: (chatId) => byChat.get(chatId),
      set(chatId, keys) {
        byChat.set(chatId, keys);
        bySecret.set(keys.secureKey, chatId);
      },
      chatIdOf: (secureKey) => bySecret.get(secureKey),
    };
    rings.set(store, ring);
  }
  return ring;
}
