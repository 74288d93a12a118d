import type { FormField } from '../../platform/platform';

/**
 * `userData[<key>]=<value>` form fields (`wire-gms-v2.md` §2): strings as is, numbers, booleans and
 * bigints through `String`, objects JSON-stringified (product rule); `undefined`/`null` left out,
 * and so are functions and symbols (not data: a function's source must not go on the wire). A value
 * JSON cannot write (a cycle) goes as `String(value)`: a page's odd userData never fails the request.
 */
export function userDataFields(userData: Record<string, unknown>, prefix = 'userData'): FormField[] {
  const fields: FormField[] = [];
  for (const [key, value] of Object.entries(userData)) {
    if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') continue;
    fields.push([`${prefix}[${key}]`, typeof value === 'object' ? jsonOrString(value) : String(value)]);
  }
  return fields;
}

function jsonOrString(value: object): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
