import type { RawBatch, RawItem } from '../transport';
import type { NexusMessage } from './nexusWire';

/** A message the cursor points at: its dedupe key and the raw `index` to send back in `index=` (§7). */
export interface NexusMark {
  key: string;
  raw: string | number;
}

/** The session's view of its transcript, by opaque index (see {@link nexusCursor}). */
export interface NexusCursor {
  /** The last message new to this session, in server order: polls resume with `index=<its raw index>`. */
  readonly last: NexusMark | undefined;
  /** The first message of the oldest page seen: history asks for the page ending there. */
  readonly oldest: NexusMark | undefined;
  /**
   * Takes in a delivered batch (a poll, a read, a replay, a history page): returns its items new to
   * this session, in the server's order, and moves `last` (not for history) and `oldest`.
   */
  track(batch: RawBatch): RawItem[];
  /**
   * The items of a history page older than `boundary`: those before it in the page (which ends at
   * `boundary` inclusive, §7) that this session has not seen; all unseen ones if the page lacks it.
   */
  olderThan(boundary: NexusMark, items: readonly RawItem[]): RawItem[];
}

/**
 * The Nexus cursor (`wire-nexus-v3.md` §7, `contract.md` §11.2): the index is an opaque string, so
 * nothing here compares indexes. "New" means a key not seen before; "later" means later in the
 * server's reply. A reply that repeats an older message (a retried read, a resume with `index=`)
 * leaves the cursor where it was, and an index of another shape (`"7-2"`, a bare number) is just
 * another key.
 *
 * @example
 * const cursor = nexusCursor();
 * cursor.track({ items: [item('1-0'), item('2-0')] }); // both new
 * cursor.last;                                         // { key: '2-0', raw: '2-0' }
 * cursor.track({ items: [item('2-0'), item('3-0')] }); // [item('3-0')]
 */
export function nexusCursor(): NexusCursor {
  const seen = new Set<string>();
  let last: NexusMark | undefined;
  let oldest: NexusMark | undefined;
  const mark = (item: RawItem): NexusMark => ({ key: String(item.key), raw: rawIndexOf(item) });
  return {
    get last() {
      return last;
    },
    get oldest() {
      return oldest;
    },
    track(batch) {
      const fresh: RawItem[] = [];
      for (const item of batch.items) {
        const key = String(item.key);
        if (seen.has(key)) continue;
        seen.add(key);
        fresh.push(item);
      }
      if (fresh.length === 0) return fresh;
      if (!batch.oldMessages) last = mark(fresh[fresh.length - 1]);
      if (!oldest || batch.oldMessages) oldest = mark(fresh[0]);
      return fresh;
    },
    olderThan(boundary, items) {
      const at = items.findIndex((item) => String(item.key) === boundary.key);
      return (at < 0 ? items : items.slice(0, at)).filter((item) => !seen.has(String(item.key)));
    },
  };
}

/** The raw `index` of an item built by the session (its `raw` is the wire message). */
function rawIndexOf(item: RawItem): string | number {
  const raw = (item.raw as NexusMessage).index;
  return raw === undefined ? String(item.key) : raw;
}
