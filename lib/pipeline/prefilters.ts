/** The built-in prefilter: hides the `{start:123456789}` markers of the GMS chat start (`contract.md` §10 step 4). */
export const builtInPrefilters: readonly RegExp[] = [/\{start:[0-9]{9}\}/];

/** Whether `value` is a RegExp (also one from another realm, e.g. an iframe). */
export function isRegExp(value: unknown): value is RegExp {
  return value instanceof RegExp || Object.prototype.toString.call(value) === '[object RegExp]';
}

/** `addPrefilter`'s `filters`: a RegExp or a non-empty array of them; anything else is `null` (R-FILTERS). */
export function readFilters(value: unknown): RegExp[] | null {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isRegExp)) return null;
  return list as RegExp[];
}

/** Persisted form of the custom prefilters: a JSON array of `"/source/flags"` strings (§14.1, product format). */
export function serializeFilters(filters: readonly RegExp[]): string {
  return JSON.stringify(filters.map(String));
}

/** Reads what {@link serializeFilters} wrote; anything unreadable is skipped. */
export function deserializeFilters(text: string | null | undefined): RegExp[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry) => {
      const match = typeof entry === 'string' ? /^\/(.*)\/([a-z]*)$/s.exec(entry) : null;
      if (!match) return [];
      try {
        return [new RegExp(match[1], match[2])];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** A `Message` whose text matches a prefilter is hidden: side effects only (§10 step 4). */
export function isPrefiltered(type: string, text: string, filters: readonly RegExp[]): boolean {
  if (type !== 'Message') return false;
  for (const filter of filters) {
    // A global or sticky RegExp keeps `lastIndex` between calls; without the reset it would alternate.
    filter.lastIndex = 0;
    if (filter.test(text)) return true;
  }
  return false;
}
