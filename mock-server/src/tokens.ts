import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from './clock.ts';
import type { User } from './store.ts';

const TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** ASP.NET JwtBearer's default ClockSkew. */
const CLOCK_SKEW_SECONDS = 5 * 60;

export interface TokenClaims {
  userId: number;
  accountId: number;
  /** The user's `sessionVersion` when the token was issued (`sv`; 0 when absent). */
  sessionVersion: number;
}

/**
 * The panel's session JWTs: HS256 only, `sub`, `email`, `account`, `iat`, `exp` = iat + 24 h, and
 * `sv`, the user's session version: raising it ends every older session at once, without the
 * 1-second granularity of `iat` getting in the way of a token issued in the same second.
 */
export interface TokenService {
  /**
   * A token of `user` carrying `sessionVersion`: the version the sign-in (or the change that
   * renewed the session) saw, never one read later, so a change applied meanwhile ends it too.
   */
  issue(user: User, sessionVersion: number): Promise<string>;
  /** The claims of a valid token, or null for anything expired, malformed, unsigned or tampered with. */
  verify(token: string): Promise<TokenClaims | null>;
}

/** Verified tokens remembered; past it the oldest is dropped (it is only verified again). */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenService(secret: string, clock: Clock): TokenService {
  const key = new TextEncoder().encode(secret);
  /**
   * Signature and claims checks of a token already verified are not repeated: a session sends the
   * same token on every request. Keyed by the whole token, so any altered byte misses; expiry is
   * checked again on every hit; revocation (sessionVersion) is the caller's check, never cached.
   */
  const verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();

  async function verifyFully(
    token: string,
  ): Promise<{ claims: TokenClaims; expiresAtMs: number } | null> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(clock.now()),
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const userId = Number(payload.sub);
      const accountId = payload['account'];
      const sessionVersion = payload['sv'] ?? 0;
      if (!Number.isInteger(userId) || typeof accountId !== 'number') return null;
      if (typeof sessionVersion !== 'number') return null;
      // A token with nbf would need it checked on every hit too; ours never carry one.
      if (payload.nbf !== undefined)
        return { claims: { userId, accountId, sessionVersion }, expiresAtMs: 0 };
      return {
        claims: { userId, accountId, sessionVersion },
        expiresAtMs: ((payload.exp as number) + CLOCK_SKEW_SECONDS) * 1000,
      };
    } catch {
      return null;
    }
  }

  return {
    issue(user, sessionVersion) {
      const issuedAt = Math.floor(clock.now() / 1000);
      return new SignJWT({ email: user.email, account: user.accountId, sv: sessionVersion })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(String(user.id))
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
        .sign(key);
    },
    async verify(token) {
      const cached = verified.get(token);
      if (cached) {
        if (clock.now() < cached.expiresAtMs) return cached.claims;
        verified.delete(token);
        return null;
      }
      const result = await verifyFully(token);
      if (!result) return null;
      if (result.expiresAtMs > clock.now()) {
        if (verified.size >= VERIFIED_CACHE_SIZE)
          verified.delete(verified.keys().next().value as string);
        verified.set(token, result);
      }
      return result.claims;
    },
  };
}
