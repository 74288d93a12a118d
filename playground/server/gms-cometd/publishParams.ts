import type { GmsParams } from '../gms-v2/gmsOperations';

/**
 * The {@link GmsParams} of a CometD publish `data` (wire-gms-v2 §11): plain JSON, `userData` a
 * nested object. Numbers and booleans read as `String(v)`, objects as JSON (as on the REST wire, §2).
 *
 * @example
 * publishParams({ operation: 'sendMessage', message: 'hi', userData: { TimeZone: 60 } }).userData(); // { TimeZone: '60' }
 */
export function publishParams(data: unknown): GmsParams {
  const record = isRecord(data) ? data : {};
  return {
    field: (name) => asText(record[name]),
    userData() {
      const nested = record.userData;
      const out: Record<string, string> = {};
      if (!isRecord(nested)) return out;
      for (const [key, value] of Object.entries(nested)) {
        const text = asText(value);
        if (text !== undefined) out[key] = text;
      }
      return out;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
