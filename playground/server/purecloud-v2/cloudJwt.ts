import { createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** What the guest JWT carries (wire-purecloud-v2 §2.2). */
export interface GuestClaims {
  conv: string;
  did: string;
  sub: string;
  org: string;
}

export interface CloudJwt {
  sign(claims: GuestClaims): string;
  /** The claims of a valid, unexpired token of this playground; `null` otherwise. */
  verify(token: string): GuestClaims | null;
}

/** Issuer of the real guest tokens (§2.2). */
export const GUEST_ISSUER = 'urn:purecloud:webchat';

/**
 * Signs and checks guest JWTs: `{data: {conv, did, sub}, iat, exp, iss: 'urn:purecloud:webchat', org}`
 * (wire-purecloud-v2 §2.2, §9). Real tokens are RS256 with a `kid`; HS256 with a per-playground
 * secret is what §9 allows. `exp` = `iat` + `lifetimeSeconds` (24 h by default).
 *
 * @example
 * const tokens = cloudJwt();
 * const token = tokens.sign({ conv: 'CV', did: 'D', sub: 'ME', org: 'O' });
 * tokens.verify(token); // { conv: 'CV', did: 'D', sub: 'ME', org: 'O' }
 *
 * @param lifetimeSeconds Token lifetime.
 */
export function cloudJwt(lifetimeSeconds = 24 * 60 * 60): CloudJwt {
  // A KeyObject, made once: jsonwebtoken turns a string secret into a key on every call, first
  // trying (and failing) to read it as a public key — most of a page request's time (bench figure 3).
  // (A Buffer secret fails jsonwebtoken's checks across Node realms, jest's vm context.)
  const secret = createSecretKey(randomBytes(32));
  return {
    sign: (claims) =>
      jwt.sign({ data: { conv: claims.conv, did: claims.did, sub: claims.sub }, org: claims.org }, secret, {
        algorithm: 'HS256',
        issuer: GUEST_ISSUER,
        expiresIn: lifetimeSeconds,
      }),
    verify(token) {
      try {
        const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: GUEST_ISSUER });
        if (typeof payload !== 'object' || payload === null) return null;
        const data = (payload as { data?: Record<string, unknown> }).data;
        const org = (payload as { org?: unknown }).org;
        if (!data || typeof data.conv !== 'string' || typeof data.sub !== 'string') return null;
        return { conv: data.conv, did: String(data.did ?? ''), sub: data.sub, org: String(org ?? '') };
      } catch {
        return null;
      }
    },
  };
}
