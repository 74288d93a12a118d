import type { RawItem } from '../model/receive';

/**
 * Drops the items whose key was already delivered in this page life and records the new ones
 * (`contract.md` §10 step 2). Repeats inside one batch are dropped too.
 */
export function dedupe(items: readonly RawItem[], seen: Set<string>): RawItem[] {
  const fresh: RawItem[] = [];
  for (const item of items) {
    const key = String(item.key);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(item);
  }
  return fresh;
}
