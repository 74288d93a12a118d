import type { SessionStore } from '../../storage/sessionStore';
import { nexusKeyPrefix } from './nexusWire';

/** What sync mode persists (`contract.md` §14.1): `.session`, `.keys` (the clientToken), `.index`, `.ping`. */
export interface NexusPersistedKeys {
  sessionId: string | null;
  token: string | null;
  /** The last raw `index` delivered, as the server wrote it. */
  index: string | null;
  /** Epoch ms of the last server contact (product). */
  ping: number | null;
}

/** Reads and writes the sync-mode keys of one store. */
export interface NexusKeys {
  read(): NexusPersistedKeys;
  /** After create / restore: the session and its token. */
  saveSession(sessionId: string, token: string, now: number): void;
  /** After a delivered batch or a successful poll: the cursor (when known) and the ping. */
  saveProgress(index: string | number | undefined, now: number): void;
  clear(): void;
}

const names = {
  session: `${nexusKeyPrefix}.session`,
  keys: `${nexusKeyPrefix}.keys`,
  index: `${nexusKeyPrefix}.index`,
  ping: `${nexusKeyPrefix}.ping`,
};

/**
 * The sync-mode persisted keys of the Nexus transport (`contract.md` §14.1, `wire-nexus-v3.md` §11.1)
 * over the service's prefixed store: `_genesys.widgets.webchat.state.pureengage-v3-rest.session` etc.
 *
 * @example
 * const keys = nexusKeys(store);
 * keys.saveSession('af78…', token, platform.now());
 * keys.read().token; // the clientToken
 *
 * @param store The service's session store.
 */
export function nexusKeys(store: SessionStore): NexusKeys {
  return {
    read: () => {
      const ping = Number(store.get(names.ping));
      return {
        sessionId: store.get(names.session),
        token: store.get(names.keys),
        index: store.get(names.index),
        ping: store.get(names.ping) !== null && Number.isFinite(ping) ? ping : null,
      };
    },
    saveSession: (sessionId, token, now) => {
      store.set(names.session, sessionId);
      store.set(names.keys, token);
      store.set(names.ping, String(now));
    },
    saveProgress: (index, now) => {
      if (index !== undefined) store.set(names.index, String(index));
      store.set(names.ping, String(now));
    },
    clear: () => Object.values(names).forEach((name) => store.remove(name)),
  };
}
