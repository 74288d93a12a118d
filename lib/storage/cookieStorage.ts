import type { CookieOptions } from '../model/config';
import type { KeyValueStorage } from '../platform/platform';

/**
 * Session cookies as the shipped widgets write them (`contract.md` §14.1): `domain` = `.` + page
 * domain when it contains a dot, `path=/`, `sameSite=strict`, `main.cookieOptions` merged last.
 * Cookies do not work on `localhost`, IP hosts or `file://`: use {@link localStorageStorage} there.
 */
export function cookieStorage(cookieOptions: CookieOptions = {}, doc: Document = document): KeyValueStorage {
  const host = doc.location?.hostname ?? '';
  const defaults: CookieOptions = { path: '/', sameSite: 'strict' };
  if (host.includes('.') && !/^[\d.]+$/.test(host)) defaults.domain = `.${host}`;
  const options = { ...defaults, ...cookieOptions };
  const attributes = (extra: CookieOptions = {}) =>
    Object.entries({ ...options, ...extra })
      .filter(([, v]) => v !== undefined && v !== false)
      .map(([k, v]) => {
        if (k === 'expires') {
          const date = v instanceof Date ? v : new Date(Date.now() + Number(v) * 864e5);
          return `; expires=${date.toUTCString()}`;
        }
        return v === true ? `; ${k}` : `; ${k}=${String(v)}`;
      })
      .join('');
  return {
    get(name) {
      const wanted = encodeURIComponent(name);
      for (const part of doc.cookie ? doc.cookie.split('; ') : []) {
        const eq = part.indexOf('=');
        if (part.slice(0, eq) === wanted) return decodeURIComponent(part.slice(eq + 1));
      }
      return null;
    },
    set(name, value) {
      doc.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}${attributes()}`;
    },
    remove(name) {
      doc.cookie = `${encodeURIComponent(name)}=${attributes({ expires: new Date(0) })}`;
    },
  };
}
