import type { CookieHelper, CookieOptions } from '../model/config';
import type { KeyValueStorage } from '../platform/platform';

/** Every key the service persists starts with this (`contract.md` §1, §14.1). */
export const statePrefix = '_genesys.widgets.webchat.state.';

/**
 * The service's persisted keys (`contract.md` §14.1) over a {@link KeyValueStorage}: names are
 * given without the `_genesys.widgets.webchat.state.` prefix, which is added here together with
 * `<main.deploymentID>.` when set.
 */
export interface SessionStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** The full storage name of a key, e.g. for the async-mode callbacks. */
  nameOf(key: string): string;
  /** The cookie helper and effective cookie options handed to integrator callbacks (§14.5). */
  cookie: CookieHelper;
  cookieOptions: CookieOptions;
}

export function createSessionStore(
  storage: KeyValueStorage,
  options: { deploymentID?: string; cookieOptions?: CookieOptions } = {},
): SessionStore {
  const prefix = (options.deploymentID ? `${options.deploymentID}.` : '') + statePrefix;
  const nameOf = (key: string) => prefix + key;
  return {
    get: (key) => storage.get(nameOf(key)) ?? null,
    set: (key, value) => storage.set(nameOf(key), value),
    remove: (key) => storage.remove(nameOf(key)),
    nameOf,
    cookie: {
      get: (name) => storage.get(name) ?? undefined,
      set: (name, value) => storage.set(name, value),
      remove: (name) => storage.remove(name),
    },
    cookieOptions: { ...(options.cookieOptions ?? {}) },
  };
}
