import { createHash } from 'node:crypto';

/**
 * What a secret (a GMS `secureKey`, a Nexus `clientToken`, a Cloud JWT, an `Authorization` value)
 * looks like in a recorded request: a short digest, never the value. Equal secrets give equal
 * digests, so a test can still check that the client sent back the key the server handed out,
 * by comparing `redactSecret(key)` with what was recorded.
 *
 * @example
 * redactSecret('K1'); // 'secret:sha256:…' (12 hex digits)
 * redactSecret('');   // '' (an empty key, as sent on Request Chat, is no secret)
 *
 * @param value The secret in clear.
 */
export function redactSecret(value: string): string {
  if (value === '') return '';
  return `secret:sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;
}
