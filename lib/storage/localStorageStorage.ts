import type { KeyValueStorage } from '../platform/platform';

/** `window.localStorage` as a {@link KeyValueStorage} (works on localhost and IP hosts, unlike cookies). */
export function localStorageStorage(store: Storage = globalThis.localStorage): KeyValueStorage {
  return {
    get: (name) => store.getItem(name),
    set: (name, value) => store.setItem(name, value),
    remove: (name) => store.removeItem(name),
  };
}
