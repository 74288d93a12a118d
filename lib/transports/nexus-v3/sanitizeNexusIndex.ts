/**
 * The numeric value of a Nexus message `index` (`wire-nexus-v3.md` §7): a number as-is; a string
 * with its **first** `-` removed, then parsed. `undefined` when nothing numeric is left. The raw
 * value is what goes back to the server in `index=`; this one is only for ordering and dedupe.
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
