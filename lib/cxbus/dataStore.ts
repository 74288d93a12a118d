import type { DataEntry } from './types';
import type { PublishMode } from './eventHub';

/** One plugin's data store (`cxbus.md` §10). */
export interface DataStore {
  get(key: string): unknown;
  /** Sets and, on change, publishes the data events; returns the current value. */
  set(key: string, value: unknown): unknown;
  /** `{key: {last, value, time}}`, a copy. */
  snapshot(): Record<string, DataEntry>;
}

/**
 * Creates a plugin's data store. On a change (loose `!=`, as shipped) it publishes, through the
 * owning plugin (so its namespace is prefixed): `data` with the whole store, `data.<key>` with
 * `{last, value, time}`, and quietly `data.<key>:'<value>'` (strings) or `data.<key>:<value>`.
 *
 * @example
 * const store = dataStore((evt, data, mode) => plugin[mode](evt, data), Date.now);
 * store.set('sessionActive', true); // WebChatService.data, WebChatService.data.sessionActive, ...
 *
 * @param publish Publishes an event of the owning plugin (name without its namespace).
 * @param now The clock for `time`.
 */
export function dataStore(publish: (evt: string, data: unknown, mode: PublishMode) => void, now: () => number): DataStore {
  const entries = new Map<string, DataEntry>();
  const snapshot = () => Object.fromEntries([...entries].map(([k, e]) => [k, { ...e }]));
  return {
    get: (key) => entries.get(key)?.value,
    set(key, value) {
      const previous = entries.get(key);
      // cxbus.md §10: a loose comparison, as the shipped store does.
      if (previous && looselyEqual(previous.value, value)) return previous.value;
      const entry: DataEntry = { last: previous?.value, value, time: now() };
      entries.set(key, entry);
      publish('data', snapshot(), 'publish');
      publish(`data.${key}`, { ...entry }, 'publish');
      publish(`data.${key}:${typeof value === 'string' ? `'${value}'` : asText(value)}`, { ...entry }, 'publishDirect');
      return value;
    },
    snapshot,
  };
}

/**
 * `a == b`, except that values without a primitive form (a null-prototype object, a hostile
 * `valueOf`) count as different instead of throwing out of `data()`.
 */
function looselyEqual(a: unknown, b: unknown): boolean {
  try {
    // eslint-disable-next-line eqeqeq
    return a == b;
  } catch {
    return false;
  }
}

/** `String(value)`, or its `[object Tag]` when it has no text form (a null-prototype object). */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
