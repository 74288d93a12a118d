import type { KeyValueStorage } from '../platform/platform';
import { localStorageStorage } from '../storage/localStorageStorage';

/**
 * The session persistence the IIFE gives the service: cookies do not work on `localhost`, IP hosts
 * or `file://` (`contract.md` §14.1), so there it is `localStorage`; elsewhere `undefined`, which
 * keeps the service's default (session cookies, as the shipped widgets).
 *
 * @example
 * createWebChatService(webchat, { main, storage: pageStorage(location, window.localStorage) });
 *
 * @param location The page's location (`hostname`, `protocol`).
 * @param store The page's `localStorage`, when it is usable.
 */
export function pageStorage(location: Pick<Location, 'hostname' | 'protocol'>, store: Storage | undefined): KeyValueStorage | undefined {
  const host = location.hostname;
  const cookieless = location.protocol === 'file:' || host === '' || host === 'localhost' || host.endsWith('.localhost') || /^[\d.]+$/.test(host) || host.includes(':');
  return cookieless && store ? localStorageStorage(store) : undefined;
}
