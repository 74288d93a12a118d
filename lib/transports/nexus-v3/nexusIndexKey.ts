/**
 * The dedupe key of a Nexus message `index` (`wire-nexus-v3.md` §7): the raw string as the server
 * wrote it, a number stringified; `undefined` when there is nothing to key by (absent, empty, not a
 * string or a finite number). The index is opaque: nothing here parses it, so `"12-0"`, `"7-2"`,
 * `"12"` and `12` are all keys, and two indexes are the same message only when they are the same text
 * (`12` and `"12"` are; `"1-10"` and `"11-0"` are not, as they would be after the shipped client's
 * `replace("-", "")`).
 *
 * @example
 * nexusIndexKey('12-0') // '12-0'
 * nexusIndexKey(7)      // '7'
 * nexusIndexKey('')     // undefined
 *
 * @param raw The `index` of a message as the server sent it.
 */
export function nexusIndexKey(raw: unknown): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined;
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}
