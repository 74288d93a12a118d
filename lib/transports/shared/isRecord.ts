/**
 * Whether a parsed wire value is a plain JSON object (not `null`, not an array): the one check every
 * transport makes before it reads a field of a server's answer, which may be anything (issue 6).
 *
 * @example
 * isRecord({ status: { code: 'INVALID_SESSION' } }) // true
 * isRecord([1, 2]) // false
 *
 * @param value A parsed body, or a field of one.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
