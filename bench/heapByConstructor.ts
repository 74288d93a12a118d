import { readFileSync, unlinkSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';

/** Objects of one kind in a heap snapshot: how many and their self size in bytes. */
export interface HeapKind {
  count: number;
  size: number;
}

/**
 * Takes a heap snapshot of this process (written to a temporary file, read, deleted) and sums the
 * self size of its nodes by kind: `object:<constructor>`, `closure:<function name>` (`closure:` for
 * anonymous ones), `object:system / Context` (closure scopes), and the bare V8 types (`array` for
 * element backing stores, `string`, `code`, …).
 */
export function heapByConstructor(): Map<string, HeapKind> {
  const file = writeHeapSnapshot();
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  unlinkSync(file);
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const kinds = new Map<string, HeapKind>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const t = types[snapshot.nodes[i + type]];
    const key = t === 'object' || t === 'closure' || t === 'hidden' || t === 'native' ? `${t}:${snapshot.strings[snapshot.nodes[i + name]].slice(0, 60)}` : t;
    const kind = kinds.get(key) ?? { count: 0, size: 0 };
    kind.count++;
    kind.size += snapshot.nodes[i + size];
    kinds.set(key, kind);
  }
  return kinds;
}

/** What `after` holds more than `before`, per unit (`per` sessions), largest first. */
export function heapGrowth(before: Map<string, HeapKind>, after: Map<string, HeapKind>, per: number): Array<{ kind: string } & HeapKind> {
  return [...after]
    .map(([kind, a]) => ({ kind, count: (a.count - (before.get(kind)?.count ?? 0)) / per, size: (a.size - (before.get(kind)?.size ?? 0)) / per }))
    .sort((x, y) => y.size - x.size);
}
