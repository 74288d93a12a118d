import type { NexusSessionIds } from './nexusWire';

/**
 * The session identity inside a `clientToken` (`wire-nexus-v3.md` §5): the JWT's middle part,
 * base64url-decoded and parsed, without verifying the signature (the client has no key).
 * `undefined` when the token is malformed or lacks `sessionId`/`participantId`.
 *
 * @example
 * decodeClientToken(reply.data.clientToken)
 * // { sessionId: 'af78…', transportId: 'b3ee…', participantId: '198d…' }
 *
 * @param token The HS256 JWT returned by create / resume.
 */
export function decodeClientToken(token: unknown): NexusSessionIds | undefined {
  if (typeof token !== 'string') return undefined;
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const payload: unknown = JSON.parse(base64UrlToText(part));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { sessionId, transportId, participantId } = payload as Record<string, unknown>;
    if (!isId(sessionId) || !isId(participantId)) return undefined;
    return { sessionId: String(sessionId), participantId: String(participantId), transportId: isId(transportId) ? String(transportId) : '' };
  } catch {
    return undefined;
  }
}

function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

function base64UrlToText(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
