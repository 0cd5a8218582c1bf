import type { FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.ts';
import { deleteExpired } from './clock.ts';
import {
  constantTimeEqual,
  hashPassword,
  randomToken,
  sha256Hex,
  verifyPassword,
} from './crypto.ts';
import { ApiError, success } from './http.ts';
import type { Attempt } from './lockout.ts';
import { documented, ref, stringFields } from './schemas.ts';
import type { RoutePlugin } from './schemas.ts';
import type { Account, ApiKey, User } from './store.ts';
import { consumeSecondFactor } from './two-factor.ts';

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
  /** The key the request came with, or null for a session JWT. */
  apiKey: ApiKey | null;
  /** The session version of the JWT (meaningless for a key). */
  sessionVersion: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

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

function accountOf(ctx: AppContext, user: User): Account | undefined {
  return ctx.store.data.accounts.find((a) => a.id === user.accountId);
}

function principalFromApiKey(ctx: AppContext, rawKey: string): Principal {
  const hash = sha256Hex(rawKey);
  // One map lookup by hash, then one constant-time compare: the cost does not grow with the number
  // of keys, and what the lookup's timing could reveal is about the hash, not the key.
  const key = ctx.store.apiKeyByHash(hash);
  if (!key || key.revokedAt !== null || !constantTimeEqual(key.hash, hash))
    throw unauthorized(false);
  const owner = ctx.store.data.users.find((user) => user.accountId === key.accountId);
  const account = owner && accountOf(ctx, owner);
  if (!owner || !account) throw unauthorized(false);
  // Exact in memory at once; the file catches up with the next lazy write (see Store.touch).
  key.lastUsedAt = new Date(ctx.clock.now()).toISOString();
  ctx.store.touch('apiKeys', key);
  return {
    user: owner,
    account,
    requestedBy: `key:${key.prefix}`,
    apiKey: key,
    sessionVersion: 0,
  };
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
  const account = user && accountOf(ctx, user);
  if (!claims || !user || !account || claims.sessionVersion !== (user.sessionVersion ?? 0))
    throw unauthorized(true);
  return {
    user,
    account,
    requestedBy: `user:${user.email}`,
    apiKey: null,
    sessionVersion: claims.sessionVersion,
  };
}

/** Whether the key is still active, or the session not ended (by a password change, 2FA off). */
export function stillAuthorized(principal: Principal): boolean {
  if (principal.apiKey) return principal.apiKey.revokedAt === null;
  return principal.sessionVersion === (principal.user.sessionVersion ?? 0);
}

/**
 * 401 when the request's key was revoked, or its session ended, after it was authenticated.
 * Called synchronously inside each mutation, so nothing is recorded for a key once its revoke has
 * been applied, whatever was in flight.
 */
export function assertStillAuthorized(principal: Principal): void {
  if (!stillAuthorized(principal)) throw unauthorized(principal.apiKey === null);
}

/** onRequest hook of every protected endpoint: either scheme satisfies it; X-API-Key wins when both are sent. */
export function authenticate(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') {
      request.principal = principalFromApiKey(ctx, apiKey);
    } else if (request.headers.authorization) {
      request.principal = await principalFromAuthorization(ctx, request.headers.authorization);
    } else {
      throw unauthorized(false);
    }
  };
}

/** preHandler of every protected endpoint: a revoke or session end during body parsing counts too. */
export async function recheckAuthorization(request: FastifyRequest): Promise<void> {
  assertStillAuthorized(request.principal);
}

/**
 * Checks a password through the bounded hashing queue, counted by the lockout before it runs: 429
 * when locked or when the allowance is already in flight, 503 when the queue is full (the
 * reservation is given back then). `stored` null means no such user: a dummy hash is checked, so
 * timing and answers do not tell.
 */
export async function checkPassword(
  ctx: AppContext,
  attempt: Attempt,
  password: string,
  stored: string | null,
): Promise<boolean> {
  try {
    // `run` throws the 503 synchronously when the queue is full; either way the check never ran.
    return await ctx.passwordQueue.run(async () =>
      verifyPassword(password, stored ?? (await dummyPasswordHash)),
    );
  } catch (error) {
    attempt.cancel();
    throw error;
  }
}

// Unknown users still cost one scrypt, so timing does not tell them from wrong passwords.
const dummyPasswordHash = hashPassword(randomToken());

/** Writes the lockout fields a settled attempt changed (a stored user's count is in the data file). */
function persistLockout(ctx: AppContext, user: User | undefined): Promise<void> {
  return ctx.store.mutate((_, changed) => changed('users', user ? [user] : []));
}

/**
 * The first factor of `Auth/Login` and of the identity provider's form, so both count toward one
 * lockout: the user whose e-mail and password match, or 401 (the same for an unknown e-mail), 429
 * when locked, 503 when the hashing queue is full. A two-factor user's failures are cleared only
 * by the second factor.
 */
export async function checkCredentials(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<User> {
  const user = findUserByEmail(ctx, email);
  const name = user ?? ctx.lockout.forUnknownEmail(email);
  // Counted before the hash starts: parallel guesses beyond the allowance are never tried.
  const attempt = ctx.lockout.reserve(name);
  const matches = await checkPassword(ctx, attempt, password, user?.passwordHash ?? null);
  if (!user || !matches) {
    const locked = attempt.fail();
    await persistLockout(ctx, user);
    // An unknown e-mail's count lives in memory, but it waits for a write all the same so the
    // answer takes as long.
    if (!user) await ctx.store.sync();
    throw locked ? ctx.lockout.lockedOutError(name) : new ApiError(401, INVALID_CREDENTIALS);
  }
  // Refused if the failures that arrived before it locked the account while it was hashed.
  attempt.succeed(!user.twoFactorEnabled);
  if (!user.twoFactorEnabled) await persistLockout(ctx, user);
  return user;
}

/** `Auth/Login`, `Auth/2fa/verify` and `Auth/ExternalLogin`. */
export const authRoutes: RoutePlugin = async (app, ctx) => {
  const challenges = new Map<string, TwoFactorChallenge>();
  const { lockout } = ctx;

  async function issueSession(user: User) {
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

  const doc = documented('Auth');
  app.post(
    '/api/Auth/Login',
    doc('signIn', 'Sign in with e-mail and password.', ref('SignInResult'), {
      anonymous: true,
      body: stringFields('username', 'password'),
      failures: [401, 429, 503],
    }),
    async (request) =>
      completeFirstFactor(
        await checkCredentials(ctx, request.body.username, request.body.password),
      ),
  );

  app.post(
    '/api/Auth/2fa/verify',
    doc('verifyTwoFactor', 'Complete a sign-in with a TOTP or recovery code.', ref('SignInToken'), {
      anonymous: true,
      body: stringFields('twoFactorToken', 'code'),
      failures: [401, 429],
    }),
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
      // Reserve, check, consume, count and retire the challenge with no await in between: parallel
      // tries can neither reuse a code nor get past the fifth wrong one.
      const attempt = lockout.reserve(user);
      const matched = consumeSecondFactor(user, request.body.code, ctx.clock.now(), ctx.totpWindow);
      let locked = false;
      if (matched) {
        challenges.delete(challengeKey);
        attempt.succeed(true);
      } else {
        challenge.wrongCodes += 1;
        if (challenge.wrongCodes >= MAX_WRONG_CODES) challenges.delete(challengeKey);
        locked = attempt.fail();
      }
      await persistLockout(ctx, user);
      if (locked) throw lockout.lockedOutError(user);
      if (!matched) throw new ApiError(401, 'Invalid two-factor code.');
      return issueSession(user);
    },
  );

  const externalLoginBody = stringFields('idToken', 'nonce');
  app.post(
    '/api/Auth/ExternalLogin',
    // `nonce` (optional): the one the panel sent to the provider; the token must carry it.
    doc(
      'signInWithIdToken',
      'Sign in with an ID token of the identity provider at /oidc.',
      ref('SignInResult'),
      {
        anonymous: true,
        body: { ...externalLoginBody, required: ['idToken'] },
        failures: [401, 429],
      },
    ),
    async (request) => {
      const { idToken, nonce } = request.body;
      const userId = await ctx.oidc.verifyIdToken(idToken, nonce, request.log);
      const user = ctx.store.data.users.find((u) => userId !== null && u.id === userId);
      if (!user) throw new ApiError(401, 'The identity provider sign-in was not accepted.');
      lockout.assertNotLockedOut(user);
      return completeFirstFactor(user);
    },
  );
};
