import type { KeyValueStorage } from '../platform/platform';

/**
 * `window.localStorage` as a {@link KeyValueStorage} (works on localhost and IP hosts, unlike cookies).
 * It never throws: a full storage (`QuotaExceededError`) or one the browser blocks (`SecurityError`)
 * makes a write do nothing and a read find nothing — the service then behaves as on a first visit,
 * instead of failing deep inside a command.
 *
 * @example
 * createWebChatService(config, { storage: localStorageStorage() });
 *
 * @param store The `Storage` to use; default `globalThis.localStorage`.
 */
export function localStorageStorage(store: Storage = globalThis.localStorage): KeyValueStorage {
  return {
    get: (name) => attempt(() => store.getItem(name), null),
    set: (name, value) => attempt(() => store.setItem(name, value), undefined),
    remove: (name) => attempt(() => store.removeItem(name), undefined),
  };
}

function attempt<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
