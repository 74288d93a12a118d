/** The `index` / `count` query of `GET messages` (wire-nexus-v3 §7), already parsed. */
export interface NexusMessagesQuery {
  index?: number;
  count?: number;
}

/**
 * Which messages a `GET messages` returns, and where the transport's cursor goes
 * (wire-nexus-v3 §7, UNCONFIRMED semantics the playground defines):
 *
 * | query             | returns                                        | cursor            |
 * |-------------------|------------------------------------------------|-------------------|
 * | none              | after the cursor                               | past them         |
 * | `index=i`         | index ≥ i                                      | past them         |
 * | `count=n`         | the latest n                                   | past them         |
 * | `index=i&count=n` | up to n ending at i inclusive (history paging) | unchanged         |
 *
 * @example
 * selectNexusMessages([{ seq: 1 }, { seq: 2 }, { seq: 3 }], { index: 3, count: 2 }, 3) // { selected: [{seq:2},{seq:3}], cursor: 3 }
 *
 * @param messages The deliverable messages of the session, ascending by `seq`.
 * @param query `index` (a seq) and `count`.
 * @param cursor The last `seq` delivered to this transport.
 */
export function selectNexusMessages<T extends { seq: number }>(messages: readonly T[], query: NexusMessagesQuery, cursor: number): { selected: T[]; cursor: number } {
  const { index, count } = query;
  if (index !== undefined && count !== undefined) {
    return { selected: messages.filter((m) => m.seq <= index).slice(-Math.max(0, count)), cursor };
  }
  let selected: T[];
  if (index !== undefined) selected = messages.filter((m) => m.seq >= index);
  else if (count !== undefined) selected = count > 0 ? messages.slice(-count) : [];
  else selected = messages.filter((m) => m.seq > cursor);
  const last = selected.length > 0 ? selected[selected.length - 1].seq : cursor;
  return { selected, cursor: Math.max(cursor, last) };
}
