import { createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The session identity a Nexus `clientToken` carries, and nothing else (wire-nexus-v3 §5). */
export interface NexusClaims {
  sessionId: string;
  transportId: string;
  participantId: string;
}

export interface NexusTokens {
  sign(claims: NexusClaims): string;
  /** The claims of a token this playground signed; `null` for anything else. */
  verify(token: string | undefined): NexusClaims | null;
}

/**
 * Signs and checks Nexus client tokens: HS256 JWTs whose payload is exactly
 * `{sessionId, transportId, participantId}` — no `iat`, no `exp` (wire-nexus-v3 §5, §13: seen
 * samples have none; whether real tokens expire is UNCONFIRMED).
 *
 * @example
 * const tokens = nexusTokens();
 * const token = tokens.sign({ sessionId: 's', transportId: 't', participantId: 'p' });
 * tokens.verify(token); // { sessionId: 's', transportId: 't', participantId: 'p' }
 */
export function nexusTokens(): NexusTokens {
  // A KeyObject, made once: jsonwebtoken turns a string secret into a key on every call, first
  // trying (and failing) to read it as a public key — most of a page request's time (bench figure 3).
  // (A Buffer secret fails jsonwebtoken's checks across Node realms, jest's vm context.)
  const secret = createSecretKey(randomBytes(32));
  return {
    sign: (claims) =>
      jwt.sign({ sessionId: claims.sessionId, transportId: claims.transportId, participantId: claims.participantId }, secret, {
        algorithm: 'HS256',
        noTimestamp: true,
      }),
    verify(token) {
      if (!token) return null;
      try {
        const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
        if (typeof payload !== 'object' || payload === null) return null;
        const { sessionId, transportId, participantId } = payload as Record<string, unknown>;
        if (typeof sessionId !== 'string' || typeof transportId !== 'string' || typeof participantId !== 'string') return null;
        return { sessionId, transportId, participantId };
      } catch {
        return null;
      }
    },
  };
}
