import type { KeyValueStorage } from '../platform/platform';

/** In-memory storage: the default in Node, and what tests share between two service instances. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { dump(): Record<string, string> } {
  const values = new Map<string, string>(Object.entries(initial));
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, String(value)),
    remove: (name) => void values.delete(name),
    dump: () => Object.fromEntries(values),
  };
}
