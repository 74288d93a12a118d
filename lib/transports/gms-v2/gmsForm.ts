import type { FormField } from '../../platform/platform';

/**
 * `userData[<key>]=<value>` form fields (`wire-gms-v2.md` §2): strings as is, numbers and booleans
 * through `String`, objects JSON-stringified (product rule); `undefined`/`null` left out.
 */
export function userDataFields(userData: Record<string, unknown>, prefix = 'userData'): FormField[] {
  const fields: FormField[] = [];
  for (const [key, value] of Object.entries(userData)) {
    if (value === undefined || value === null) continue;
    fields.push([`${prefix}[${key}]`, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  return fields;
}
