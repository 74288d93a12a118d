import type { ChatForm, StartChatOptions } from '../model/commands';
import type { PageInfo } from '../platform/platform';
import { widgetsName } from '../productVersion';

const formFields = ['nickname', 'firstname', 'lastname', 'email', 'subject'] as const;

/** startChat accepts the fields flat and under `form`; a field in `form` wins (`contract.md` §6.2, §16). */
export function readStartForm(options: StartChatOptions): ChatForm {
  const form: ChatForm = {};
  for (const key of formFields) {
    if (typeof options[key] === 'string') form[key] = options[key];
  }
  const nested = options.form;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [key, value] of Object.entries(nested)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      if (value !== undefined) form[key] = value;
    }
  }
  return form;
}

/**
 * startChat's `userData` (§6.2): `undefined`/`null` ⇒ `{}`; a string must `JSON.parse` to a plain
 * object; anything else ⇒ `null` (R-USERDATA).
 */
export function readUserData(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return {};
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return isPlainObject(parsed) ? copyPlain(parsed) : null;
}

/** A plain object: not an array, a Date, a RegExp, a function or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own enumerable keys, without the prototype-pollution keys (`__proto__`, `constructor`, `prototype`). */
export function copyPlain(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    copy[key] = value[key];
  }
  return copy;
}

/**
 * The seven automatic `_genesys_*` keys (§6.2 step 3), always all of them, as the shipped client
 * sends them: `''` where the page has no value (a page opened directly has `document.referrer ===
 * ''`), so routing and scripts that test for a key see it on every start. `_genesys_widgets` names
 * this product and its version.
 *
 * @example
 * automaticUserData({ url: 'https://shop.example.com/', referrer: '' })._genesys_referrer; // ''
 *
 * @param page Where the page is (the platform's `page`).
 */
export function automaticUserData(page: PageInfo): Record<string, string> {
  return {
    _genesys_source: page.source ?? (page.url ? 'web' : ''),
    _genesys_referrer: page.referrer ?? '',
    _genesys_url: page.url ?? '',
    _genesys_pageTitle: page.title ?? '',
    _genesys_browser: page.userAgent ? browserOf(page.userAgent) : '',
    _genesys_OS: page.userAgent ? osOf(page.userAgent) : '',
    _genesys_widgets: widgetsName,
  };
}

// Value formats of browser/OS are UNCONFIRMED (§6.2): the product sends the family name.
function browserOf(ua: string): string {
  if (/Edg\//.test(ua)) return 'Edge';
  if (/OPR\//.test(ua)) return 'Opera';
  if (/Firefox\//.test(ua)) return 'Firefox';
  if (/Chrom(e|ium)\//.test(ua)) return 'Chrome';
  if (/Safari\//.test(ua)) return 'Safari';
  return 'Other';
}

function osOf(ua: string): string {
  if (/Android/.test(ua)) return 'Android';
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'Mac OS';
  if (/Linux/.test(ua)) return 'Linux';
  return 'Other';
}
