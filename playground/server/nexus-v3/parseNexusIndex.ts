/** What {@link parseNexusIndex} makes of the `index` query parameter. */
export type ParsedNexusIndex = { kind: 'absent' } | { kind: 'seq'; seq: number } | { kind: 'invalid' };

/** `"<n>-<m>"` as the playground writes it (`m` is always `0` here), or a plain `"<n>"`. */
const INDEX_SHAPE = /^(\d+)(?:-(\d+))?$/;

/**
 * The transcript `seq` an `index=` query names (wire-nexus-v3 §7). The client sends back the raw
 * index it was given, so the playground takes both of its own formats: `"12-0"` (the default
 * string index) and `"12"` (the `nexusNumericIndex` fault, and the client's `index=0` "from the
 * start"). Anything else — another shape, a negative number, an array from a repeated parameter —
 * is `invalid` (the route answers 400 `INVALID_PARAMETER`).
 *
 * UNCONFIRMED: what the part after the `-` means on a real server, and whether it orders anything.
 * The playground only ever writes `-0`, so it reads `"<n>-<m>"` as seq `n` whatever `m` is.
 *
 * @example
 * parseNexusIndex(undefined) // { kind: 'absent' }
 * parseNexusIndex('12-0')    // { kind: 'seq', seq: 12 }
 * parseNexusIndex('7')       // { kind: 'seq', seq: 7 }
 * parseNexusIndex('x-1')     // { kind: 'invalid' }
 *
 * @param value `req.query.index` as express parsed it.
 */
export function parseNexusIndex(value: unknown): ParsedNexusIndex {
  if (value === undefined) return { kind: 'absent' };
  const match = typeof value === 'string' ? INDEX_SHAPE.exec(value) : null;
  if (!match) return { kind: 'invalid' };
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) ? { kind: 'seq', seq } : { kind: 'invalid' };
}
