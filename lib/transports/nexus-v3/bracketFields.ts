import type { FormField } from '../../platform/platform';

/**
 * Form fields for `value` under the bracket key `name` (`wire-nexus-v3.md` §3), the way jQuery's
 * `$.param` writes nested data: objects become `name[key]`, arrays of scalars `name[]`, arrays of
 * objects `name[i][key]`; `null` becomes an empty value, `undefined` and functions are skipped.
 *
 * @example
 * bracketFields('data[userData]', { orderId: 'A-1', tags: ['x', 'y'] })
 * // [['data[userData][orderId]', 'A-1'], ['data[userData][tags][]', 'x'], ['data[userData][tags][]', 'y']]
 *
 * @param name The key of `value`, e.g. `data[text]` or `data[userData]`.
 * @param value Any JSON-like value.
 */
export function bracketFields(name: string, value: unknown): FormField[] {
  if (value === undefined || typeof value === 'function') return [];
  if (value === null) return [[name, '']];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => bracketFields(isNested(item) ? `${name}[${i}]` : `${name}[]`, item));
  }
  if (value instanceof Date) return [[name, value.toISOString()]];
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => bracketFields(`${name}[${key}]`, item));
  }
  return [[name, String(value)]];
}

function isNested(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}
