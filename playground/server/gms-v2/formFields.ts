/**
 * Reading GMS form bodies (urlencoded or multipart, both parsed flat: `userData[k]` stays one key).
 */

/** One form field as a string (the first value when repeated); `undefined` when absent. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/**
 * The `prefix[key]=value` fields of a form as a map (`userData[TimeZone]=-480` →
 * `{TimeZone: '-480'}`, wire-gms-v2 §2). Urlencoded bodies arrive flat (keys taken literally);
 * multer nests multipart ones (`{userData: {TimeZone: '-480'}}`): both are read.
 */
export function bracketFields(body: unknown, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  const nested = (body as Record<string, unknown>)[prefix];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    for (const key of Object.keys(nested)) {
      const value = formField(nested, key);
      if (value !== undefined) out[key] = value;
    }
  }
  const open = `${prefix}[`;
  for (const key of Object.keys(body)) {
    if (!key.startsWith(open) || !key.endsWith(']')) continue;
    const value = formField(body, key);
    if (value !== undefined) out[key.slice(open.length, -1)] = value;
  }
  return out;
}
