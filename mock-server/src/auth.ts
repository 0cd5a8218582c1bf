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
import type { Account, ApiKey, UnknownEmailLockout, User } from './store.ts';
import { consumeSecondFactor } from './two-factor.ts';

const CHALLENGE_LIFETIME_MS = 5 * 60_000;
const MAX_WRONG_CODES = 5;

const INVALID_CREDENTIALS = 'Invalid username or password.';
const EXPIRED_CHALLENGE = 'The sign-in has expired. Sign in again.';
const NOT_ACCEPTED = 'The identity provider sign-in was not accepted.';

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

/**
 * The user's session version: raised by a password change or by turning two-factor off, which
 * ends every session, and every sign-in, that started before.
 */
export function sessionVersionOf(user: User): number {
  return user.sessionVersion ?? 0;
}

/**
 * A first factor accepted while the user's sessions were at `sessionVersion`. A session opened
 * from it carries that version (`sv` of the JWT, or the TwoFactorToken's), and none is opened once
 * the version has moved: a sign-in whose check began before a password change or 2FA off cannot
 * outlive that change, however the requests interleave.
 */
export interface SignInGrant {
  readonly user: User;
  readonly sessionVersion: number;
}

/**
 * Whether a sign-in at `authTime` (whole seconds, as an ID token's `auth_time`) began after the
 * user's sessions last ended. A sign-in in the same second as the change is refused: it may have
 * begun before it.
 */
function signedInAfterSessionsEnded(user: User, authTime: number): boolean {
  return !user.sessionsEndedAt || authTime * 1000 > Date.parse(user.sessionsEndedAt);
}

/** Whether a password change or 2FA off was applied since the grant's check began. */
export function grantOutdated(grant: SignInGrant): boolean {
  return sessionVersionOf(grant.user) !== grant.sessionVersion;
}

/** A password sign-in waiting for its second factor. */
interface TwoFactorChallenge {
  userId: number;
  /** The grant's: a password change or 2FA off voids the challenge. */
  sessionVersion: number;
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
  if (!claims || !user || !account || claims.sessionVersion !== sessionVersionOf(user))
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
  return principal.sessionVersion === sessionVersionOf(principal.user);
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

/**
 * Writes the lockout fields a settled attempt changed: a user's, or an unknown e-mail's entry
 * (both are in the data file). Either is one record in one journal line, so a wrong password and
 * an unknown e-mail cost the same write.
 */
function persistLockout(ctx: AppContext, name: User | UnknownEmailLockout): Promise<void> {
  return ctx.store.mutate((_, changed) => {
    if ('emailHash' in name) changed('unknownEmailLockouts', [name]);
    else changed('users', [name]);
  });
}

/**
 * The first factor of `Auth/Login` and of the identity provider's form, so both count toward one
 * lockout: a grant for the user whose e-mail and password match, or 401 (the same for an unknown
 * e-mail), 429 when locked, 503 when the hashing queue is full. A two-factor user's failures are
 * cleared only by the second factor. A password change or 2FA off applied while the password was
 * hashed makes it a wrong password: it was checked against the hash of before.
 */
export async function checkCredentials(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<SignInGrant> {
  const user = findUserByEmail(ctx, email);
  const name = user ?? ctx.lockout.forUnknownEmail(email);
  // Counted before the hash starts: parallel guesses beyond the allowance are never tried.
  const attempt = ctx.lockout.reserve(name);
  // Read in the same step as the hash it is checked against.
  const grant = user && { user, sessionVersion: sessionVersionOf(user) };
  const matches = await checkPassword(ctx, attempt, password, user?.passwordHash ?? null);
  if (!grant || !matches || grantOutdated(grant)) {
    const locked = attempt.fail();
    await persistLockout(ctx, name);
    throw locked ? ctx.lockout.lockedOutError(name) : new ApiError(401, INVALID_CREDENTIALS);
  }
  // Refused if the failures that arrived before it locked the account while it was hashed.
  attempt.succeed(!user.twoFactorEnabled);
  if (!user.twoFactorEnabled) await persistLockout(ctx, user);
  return grant;
}

/** `Auth/Login`, `Auth/2fa/verify` and `Auth/ExternalLogin`. */
export const authRoutes: RoutePlugin = async (app, ctx) => {
  const challenges = new Map<string, TwoFactorChallenge>();
  const { lockout } = ctx;

  /**
   * A JWT carrying the grant's session version, or `refusal` when a password change or 2FA off
   * was applied since the grant's check began (checked once the token is signed, so no working
   * token is answered after the change).
   */
  async function issueSession(grant: SignInGrant, refusal: string) {
    const token = await ctx.tokens.issue(grant.user, grant.sessionVersion);
    if (grantOutdated(grant)) throw new ApiError(401, refusal);
    return success({ Token: token, Message: 'Success' });
  }

  /** After the first factor: either the session or a TwoFactorToken (failures reset only after the second factor). */
  async function completeFirstFactor(grant: SignInGrant, refusal: string) {
    const { user } = grant;
    if (!user.twoFactorEnabled) return issueSession(grant, refusal);
    if (grantOutdated(grant)) throw new ApiError(401, refusal);
    deleteExpired(challenges, ctx.clock);
    const twoFactorToken = randomToken();
    challenges.set(sha256Hex(twoFactorToken), {
      userId: user.id,
      sessionVersion: grant.sessionVersion,
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
        INVALID_CREDENTIALS,
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
      // A password change or 2FA off since the password step voids it, before any code is tried.
      if (!challenge || !user || challenge.sessionVersion !== sessionVersionOf(user)) {
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
      return issueSession({ user, sessionVersion: challenge.sessionVersion }, EXPIRED_CHALLENGE);
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
      const signedIn = await ctx.oidc.verifyIdToken(idToken, nonce, request.log);
      const user = signedIn && ctx.store.data.users.find((u) => u.id === signedIn.userId);
      // An ID token carries a time, not a session version: its sign-in (auth_time, when the form's
      // password check began) must come after the last password change or 2FA off.
      if (!signedIn || !user || !signedInAfterSessionsEnded(user, signedIn.authTime))
        throw new ApiError(401, NOT_ACCEPTED);
      lockout.assertNotLockedOut(user);
      return completeFirstFactor({ user, sessionVersion: sessionVersionOf(user) }, NOT_ACCEPTED);
    },
  );
};
