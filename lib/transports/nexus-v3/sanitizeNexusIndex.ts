/**
 * The numeric value of a Nexus message `index` (`wire-nexus-v3.md` §7): a number as-is; a string
 * with its **first** `-` removed, then parsed, as the shipped client does. `undefined` when nothing
 * numeric is left. It is only the public `index` of a normalized message (`contract.md` §9.1): never
 * an order or a dedupe key (`'1-10'` and `'11-0'` both give 110) — the transport keys by the raw
 * index (`nexusIndexKey`), keeps the server's order, and sends the raw value back in `index=`.
 *
 * @example
 * sanitizeNexusIndex(7)        // 7
 * sanitizeNexusIndex('12-3')   // 123
 * sanitizeNexusIndex('1-2-3')  // 12 (only the first `-` goes; parsing stops at the second)
 * sanitizeNexusIndex('abc')    // undefined
 *
 * @param raw The `index` of a message as the server sent it.
 */
export function sanitizeNexusIndex(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  // Parsed like the shipped client's parseInt/parseFloat: the leading number counts, the rest is ignored.
  const value = parseFloat(raw.replace('-', ''));
  return Number.isFinite(value) ? value : undefined;
}
