/**
 * A table lookup that finds only the table's own keys: a wire value such as `constructor` or
 * `toString` must not find `Object.prototype`'s functions (issue 6, hostile server).
 *
 * @example
 * ownValue({ Agent: 'Agent' }, 'constructor'); // undefined
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
