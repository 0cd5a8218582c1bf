import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deleteExpired, isoNow } from './clock.ts';
import {
  constantTimeEqual,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from './crypto.ts';
import { ApiError, stringFields, success } from './http.ts';
import type { AppContext } from './server.ts';
import type { Account, User } from './store.ts';
import { consumeSecondFactor } from './two-factor.ts';

/** ASP.NET Identity's defaults. */
const LOCKOUT_THRESHOLD = 5;
const LOCKOUT_MS = 5 * 60_000;
const CHALLENGE_LIFETIME_MS = 5 * 60_000;
const MAX_WRONG_CODES = 5;

const INVALID_CREDENTIALS = 'Invalid username or password.';
const EXPIRED_CHALLENGE = 'The sign-in has expired. Sign in again.';

/** Who a protected request acts for; resolved from the API key or the JWT, never sent by the client. */
export interface Principal {
  user: User;
  account: Account;
  /** `user:<email>` or `key:<prefix>`, as purge records show it. */
  requestedBy: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/** What the lockout rule needs of a sign-in name: a stored user, or an unknown e-mail's memory. */
type Lockable = Pick<User, 'failedSignIns' | 'lockoutEnd'>;

/** Bounds the memory that unknown e-mails can take; past it the oldest are forgotten. */
const MAX_UNKNOWN_USER_LOCKOUTS = 10_000;

/** A password sign-in waiting for its second factor. */
interface TwoFactorChallenge {
  userId: number;
  expiresAt: number;
  wrongCodes: number;
}

/** `error="invalid_token"` only when a Bearer token was sent and refused, as ASP.NET's JwtBearer does. */
function unauthorized(tokenRefused: boolean): ApiError {
  return new ApiError(401, 'Unauthorized.', {
    'WWW-Authenticate': tokenRefused ? 'Bearer error="invalid_token"' : 'Bearer',
  });
}

function findUserByEmail(ctx: AppContext, email: string): User | undefined {
  const wanted = email.trim().toLowerCase();
  return ctx.store.data.users.find((user) => user.email.toLowerCase() === wanted);
}

function principalFor(ctx: AppContext, user: User, requestedBy: string): Principal | null {
  const account = ctx.store.data.accounts.find((a) => a.id === user.accountId);
  return account ? { user, account, requestedBy } : null;
}

async function principalFromApiKey(ctx: AppContext, rawKey: string): Promise<Principal> {
  const hash = sha256Hex(rawKey);
  // Compare against every active key so the time taken does not reveal a partial match.
  const key = ctx.store.data.apiKeys.filter(
    (k) => k.revokedAt === null && constantTimeEqual(k.hash, hash),
  )[0];
  const owner = key && ctx.store.data.users.find((user) => user.accountId === key.accountId);
  const principal = owner && principalFor(ctx, owner, `key:${key.prefix}`);
  if (!principal) throw unauthorized(false);
  await ctx.store.mutate(() => {
    key.lastUsedAt = isoNow(ctx.clock);
  });
  return principal;
}

async function principalFromAuthorization(
  ctx: AppContext,
  authorization: string,
): Promise<Principal> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  // Another scheme (Basic, ...) is no Bearer token at all: JwtBearer ignores it and challenges plainly.
  if (!token) throw unauthorized(false);
  const claims = await ctx.tokens.verify(token);
  const user =
    claims &&
    ctx.store.data.users.find((u) => u.id === claims.userId && u.accountId === claims.accountId);
  const principal = user && principalFor(ctx, user, `user:${user.email}`);
  if (!principal) throw unauthorized(true);
  return principal;
}

/** onRequest hook of every protected endpoint: either scheme satisfies it; X-API-Key wins when both are sent. */
export function authenticate(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') {
      request.principal = await principalFromApiKey(ctx, apiKey);
    } else if (request.headers.authorization) {
      request.principal = await principalFromAuthorization(ctx, request.headers.authorization);
    } else {
      throw unauthorized(false);
    }
  };
}

/** `Auth/Login`, `Auth/2fa/verify` and `Auth/ExternalLogin`. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const challenges = new Map<string, TwoFactorChallenge>();
  // Unknown users still cost one scrypt, so timing does not tell them from wrong passwords.
  const dummyPasswordHash = hashPassword(randomToken());

  // Unknown e-mails are locked out too (in memory only), so a 429 never tells who has an account.
  const unknownUserLockouts = new Map<string, Lockable>();

  function assertNotLockedOut(user: Lockable): void {
    const remainingMs = user.lockoutEnd ? Date.parse(user.lockoutEnd) - ctx.clock.now() : 0;
    if (remainingMs > 0) {
      const seconds = Math.ceil(remainingMs / 1000);
      throw new ApiError(
        429,
        `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
        { 'Retry-After': String(seconds) },
      );
    }
  }

  /**
   * Counts a failed password or code; the fifth in a row locks the account (and answers 429).
   * An unknown e-mail's count lives in memory, but it goes through the same data-file write as a
   * real user's so the answer takes as long and does not tell the two apart.
   */
  async function failSignIn(user: Lockable, error: ApiError): Promise<never> {
    await ctx.store.mutate(() => {
      user.failedSignIns += 1;
      if (user.failedSignIns >= LOCKOUT_THRESHOLD) {
        user.failedSignIns = 0;
        user.lockoutEnd = new Date(ctx.clock.now() + LOCKOUT_MS).toISOString();
      }
    });
    assertNotLockedOut(user);
    throw error;
  }

  function unknownUserLockout(username: string): Lockable {
    const key = username.trim().toLowerCase();
    let lockout = unknownUserLockouts.get(key);
    if (!lockout) {
      lockout = { failedSignIns: 0, lockoutEnd: null };
      if (unknownUserLockouts.size >= MAX_UNKNOWN_USER_LOCKOUTS) {
        unknownUserLockouts.delete(unknownUserLockouts.keys().next().value as string);
      }
      unknownUserLockouts.set(key, lockout);
    }
    return lockout;
  }

  async function issueSession(user: User) {
    if (user.failedSignIns !== 0 || user.lockoutEnd !== null) {
      await ctx.store.mutate(() => {
        user.failedSignIns = 0;
        user.lockoutEnd = null;
      });
    }
    return success({ Token: await ctx.tokens.issue(user), Message: 'Success' });
  }

  /** After the first factor: either the session or a TwoFactorToken (failures reset only after the second factor). */
  function completeFirstFactor(user: User) {
    if (!user.twoFactorEnabled) return issueSession(user);
    deleteExpired(challenges, ctx.clock);
    const twoFactorToken = randomToken();
    challenges.set(sha256Hex(twoFactorToken), {
      userId: user.id,
      expiresAt: ctx.clock.now() + CHALLENGE_LIFETIME_MS,
      wrongCodes: 0,
    });
    return success({ RequiresTwoFactor: true, TwoFactorToken: twoFactorToken });
  }

  app.post<{ Body: { username: string; password: string } }>(
    '/api/Auth/Login',
    { schema: { body: stringFields('username', 'password') } },
    async (request) => {
      const { username, password } = request.body;
      const user = findUserByEmail(ctx, username);
      if (!user) {
        const lockout = unknownUserLockout(username);
        assertNotLockedOut(lockout);
        await verifyPassword(password, await dummyPasswordHash);
        return failSignIn(lockout, new ApiError(401, INVALID_CREDENTIALS));
      }
      assertNotLockedOut(user);
      if (!(await verifyPassword(password, user.passwordHash))) {
        return failSignIn(user, new ApiError(401, INVALID_CREDENTIALS));
      }
      // Parallel guesses all pass the check above before any of them fails: checking again once the
      // slow hash is done refuses a right guess that finishes after the others locked the account.
      assertNotLockedOut(user);
      return completeFirstFactor(user);
    },
  );

  app.post<{ Body: { twoFactorToken: string; code: string } }>(
    '/api/Auth/2fa/verify',
    { schema: { body: stringFields('twoFactorToken', 'code') } },
    async (request) => {
      const challengeKey = sha256Hex(request.body.twoFactorToken);
      const challenge = challenges.get(challengeKey);
      const user =
        challenge && challenge.expiresAt > ctx.clock.now()
          ? ctx.store.data.users.find((u) => u.id === challenge.userId)
          : undefined;
      if (!challenge || !user) {
        challenges.delete(challengeKey);
        throw new ApiError(401, EXPIRED_CHALLENGE);
      }
      assertNotLockedOut(user);
      // Check, consume and retire the challenge with no await in between: parallel tries cannot reuse a code.
      const accepted = await ctx.store.mutate(() => {
        const matched = consumeSecondFactor(
          user,
          request.body.code,
          ctx.clock.now(),
          ctx.totpWindow,
        );
        if (matched) challenges.delete(challengeKey);
        return matched;
      });
      if (!accepted) {
        challenge.wrongCodes += 1;
        if (challenge.wrongCodes >= MAX_WRONG_CODES) challenges.delete(challengeKey);
        return failSignIn(user, new ApiError(401, 'Invalid two-factor code.'));
      }
      return issueSession(user);
    },
  );

  const externalLoginBody = stringFields('idToken', 'nonce');
  app.post<{ Body: { idToken: string; nonce?: string } }>(
    '/api/Auth/ExternalLogin',
    // `nonce` (optional): the one the panel sent to the provider; the token must carry it.
    { schema: { body: { ...externalLoginBody, required: ['idToken'] } } },
    async (request) => {
      const { idToken, nonce } = request.body;
      const userId = await ctx.oidc.verifyIdToken(idToken, nonce, request.log);
      const user = ctx.store.data.users.find((u) => userId !== null && u.id === userId);
      if (!user) throw new ApiError(401, 'The identity provider sign-in was not accepted.');
      assertNotLockedOut(user);
      return completeFirstFactor(user);
    },
  );
}
