import { catchError, defer, from, of } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Logger } from '../../platform/platform';
import type { SessionStore } from '../../storage/sessionStore';
import { isThenable } from './isThenable';

/**
 * What an integrator's async `setSessionData(open, Cookie, CookieOptions)` returns (`contract.md`
 * §14.5), as one value: a plain value or a Promise's result; `undefined` when there is no callback,
 * or when it throws or rejects (logged as a warning under `label`). Shared by Nexus v3 async mode
 * and GMS over CometD async mode.
 *
 * @example
 * readSetSessionData(callbacks?.setSessionData, store, logger, '[webchat-rx nexus-v3] transport.async').pipe(map(storedToken));
 */
export function readSetSessionData(callback: unknown, store: SessionStore, logger: Logger, label: string): Observable<unknown> {
  return defer(() => {
    if (typeof callback !== 'function') return of(undefined);
    // contract §16: the WebChat open state value (a boolean), not the cookie name.
    const stored: unknown = callback(store.get('open') === 'true', store.cookie, store.cookieOptions);
    return isThenable(stored) ? from(stored) : of(stored);
  }).pipe(
    catchError((error: unknown) => {
      logger.warn(`${label}.setSessionData failed`, error);
      return of(undefined);
    }),
  );
}
