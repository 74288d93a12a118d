/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds or an HTTP date
 * (`contract.md` §13.4). `undefined` when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
