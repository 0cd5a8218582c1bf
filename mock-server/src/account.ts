import { isoNow } from './clock.ts';
import { hashPassword } from './crypto.ts';
import { badRequest, success } from './http.ts';
import { assertStillAuthorized, checkPassword, sessionVersionOf } from './auth.ts';
import type { Principal } from './auth.ts';
import {
  accountWithToken,
  documented,
  object,
  recoveryCodes as codesData,
  ref,
  stringFields,
} from './schemas.ts';
import type { RoutePlugin } from './schemas.ts';
import type { User } from './store.ts';
import {
  authenticatorUri,
  consumeSecondFactor,
  consumeTotp,
  formatSharedKey,
  generateRecoveryCodes,
  hashRecoveryCodes,
  newTotpSecret,
  recoveryCodesLeft,
} from './two-factor.ts';

const MIN_PASSWORD_LENGTH = 12;
const doc = documented('Account');
/** Wrong codes count toward the sign-in lockout. */
const codeOptions = { body: stringFields('code'), failures: [429 as const] };

function accountView({ account, user }: Principal) {
  return {
    id: account.id,
    name: account.name,
    email: user.email,
    twoFactorEnabled: user.twoFactorEnabled,
    recoveryCodesLeft: recoveryCodesLeft(user),
    createdAt: account.createdAt,
  };
}

function assertTwoFactorEnabled(user: User): void {
  if (!user.twoFactorEnabled) throw badRequest('Two-factor authentication is not enabled.');
}

type CodeOutcome<T> = { ok: true; value: T } | { ok: false; locked: boolean };

/** `/api/account`: the signed-in user's account, two-factor settings and password. */
export const accountRoutes: RoutePlugin = async (app, ctx) => {
  /** Replaces the recovery codes; the raw codes are returned once and only their hashes are kept. */
  function replaceRecoveryCodes(user: User): string[] {
    const codes = generateRecoveryCodes();
    user.recoveryCodes = hashRecoveryCodes(codes);
    return codes;
  }

  /**
   * Checks a code and applies `apply` in one synchronous step, counted by the sign-in lockout:
   * a wrong code is a failure like a wrong sign-in code (the fifth → 429), whichever credential the
   * caller used, so a leaked key or session cannot guess a TOTP. Persisted before answering.
   */
  async function withCode<T>(
    principal: Principal,
    check: (user: User) => boolean,
    apply: (user: User) => T,
    wrongCode: string,
  ): Promise<T> {
    const { user } = principal;
    const outcome = await ctx.store.mutate((_, changed): CodeOutcome<T> => {
      assertStillAuthorized(principal);
      changed('users', [user]);
      const attempt = ctx.lockout.reserve(user);
      if (!check(user)) return { ok: false, locked: attempt.fail() };
      attempt.succeed(true);
      return { ok: true, value: apply(user) };
    });
    if (outcome.ok) return outcome.value;
    throw outcome.locked ? ctx.lockout.lockedOutError(user) : badRequest(wrongCode);
  }

  /**
   * The caller's fresh token after `endOtherSessions` (none for a key), at the version that call
   * answered: a later change by someone else ends this session too.
   */
  async function renewedSession(
    principal: Principal,
    sessionVersion: number,
  ): Promise<{ token?: string }> {
    return principal.apiKey
      ? {}
      : { token: await ctx.tokens.issue(principal.user, sessionVersion) };
  }

  /**
   * Ends every session of `user`, and every sign-in still in flight (see `SignInGrant` in
   * auth.ts); returns the new session version.
   */
  function endOtherSessions(user: User): number {
    user.sessionVersion = sessionVersionOf(user) + 1;
    user.sessionsEndedAt = isoNow(ctx.clock);
    return user.sessionVersion;
  }

  const WRONG_ACTIVE_CODE =
    'The code is not valid. Enter a current authenticator code or an unused recovery code.';

  const current = doc('getAccount', 'The signed-in account.', ref('Account'));
  app.get('/api/account', current, async (request) => success(accountView(request.principal)));

  const setup = doc(
    'setUpTwoFactor',
    'Start two-factor setup: a new pending secret.',
    object({ sharedKey: { type: 'string' }, authenticatorUri: { type: 'string' } }),
    { failures: [400] },
  );
  app.post('/api/account/2fa/setup', setup, async (request) => {
    const { user } = request.principal;
    if (user.twoFactorEnabled)
      throw badRequest(
        'Two-factor authentication is already enabled. Disable it first to set up a new authenticator.',
      );
    const secret = newTotpSecret();
    await ctx.store.mutate((_, changed) => {
      assertStillAuthorized(request.principal);
      user.pendingTotpSecret = secret;
      changed('users', [user]);
    });
    return success({
      sharedKey: formatSharedKey(secret),
      authenticatorUri: authenticatorUri(user.email, secret),
    });
  });

  const enable = doc(
    'enableTwoFactor',
    'Confirm the pending secret with a code; answers 10 recovery codes.',
    codesData,
    codeOptions,
  );
  app.post('/api/account/2fa/enable', enable, async (request) => {
    const { user } = request.principal;
    const pending = user.pendingTotpSecret;
    if (user.twoFactorEnabled) throw badRequest('Two-factor authentication is already enabled.');
    if (!pending) throw badRequest('Start the two-factor setup first.');
    const recoveryCodes = await withCode(
      request.principal,
      (u) => consumeTotp(u, pending, request.body.code, ctx.clock.now(), ctx.totpWindow),
      (u) => {
        u.twoFactorEnabled = true;
        u.totpSecret = pending;
        u.pendingTotpSecret = null;
        return replaceRecoveryCodes(u);
      },
      'The code is not valid. Enter the current code from your authenticator app.',
    );
    return success({ recoveryCodes });
  });

  const disable = doc(
    'disableTwoFactor',
    'Turn two-factor off (TOTP or recovery code); ends every other session.',
    accountWithToken,
    { ...codeOptions, description: 'The account, and a fresh session token for a JWT caller.' },
  );
  app.post('/api/account/2fa/disable', disable, async (request) => {
    const { user } = request.principal;
    assertTwoFactorEnabled(user);
    const sessionVersion = await withCode(
      request.principal,
      (u) =>
        u.twoFactorEnabled &&
        consumeSecondFactor(u, request.body.code, ctx.clock.now(), ctx.totpWindow),
      (u) => {
        u.twoFactorEnabled = false;
        u.totpSecret = null;
        u.lastTotpStep = null;
        u.recoveryCodes = [];
        return endOtherSessions(u);
      },
      WRONG_ACTIVE_CODE,
    );
    return success(
      {
        ...accountView(request.principal),
        ...(await renewedSession(request.principal, sessionVersion)),
      },
      'Two-factor authentication is off.',
    );
  });

  app.post(
    '/api/account/2fa/recovery-codes',
    doc(
      'replaceRecoveryCodes',
      'Replace the recovery codes (TOTP or recovery code).',
      codesData,
      codeOptions,
    ),
    async (request) => {
      const { user } = request.principal;
      assertTwoFactorEnabled(user);
      const recoveryCodes = await withCode(
        request.principal,
        (u) =>
          u.twoFactorEnabled &&
          consumeSecondFactor(u, request.body.code, ctx.clock.now(), ctx.totpWindow),
        replaceRecoveryCodes,
        WRONG_ACTIVE_CODE,
      );
      return success({ recoveryCodes });
    },
  );

  app.post(
    '/api/account/password',
    doc(
      'changePassword',
      'Change the password; ends every other session.',
      // A fresh session token for the caller, none (null) for an API key.
      {
        type: ['object', 'null'],
        properties: { token: { type: 'string' } },
        additionalProperties: false,
      } as const,
      { body: stringFields('currentPassword', 'newPassword'), failures: [429, 503] },
    ),
    async (request) => {
      const { principal } = request;
      const { user } = principal;
      const { currentPassword, newPassword } = request.body;
      if (newPassword.length < MIN_PASSWORD_LENGTH)
        throw badRequest(
          `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
        );
      assertStillAuthorized(principal);
      // Counted before the hash starts, like a sign-in: parallel guesses beyond the allowance are
      // never tried.
      const attempt = ctx.lockout.reserve(user);
      // Read with the hash: a change applied from now on makes it the old password.
      const versionChecked = sessionVersionOf(user);
      if (!(await checkPassword(ctx, attempt, currentPassword, user.passwordHash))) {
        const locked = attempt.fail();
        await ctx.store.mutate((_, changed) => changed('users', [user]));
        throw locked
          ? ctx.lockout.lockedOutError(user)
          : badRequest('The current password is incorrect.');
      }
      attempt.succeed(true);
      // The cleared count reaches the file even if the change stops below (a 400, a full queue).
      ctx.store.touch('users', user);
      if (newPassword === currentPassword)
        throw badRequest('The new password must differ from the current one.');
      const passwordHash = await ctx.passwordQueue.run(() => hashPassword(newPassword));
      const sessionVersion = await ctx.store.mutate((_, changed) => {
        // A parallel change (or revoke) applied meanwhile wins; this one is refused, not merged.
        // A key outlives a change: its caller then checked what is now the old password.
        assertStillAuthorized(principal);
        if (sessionVersionOf(user) !== versionChecked)
          throw badRequest('The current password is incorrect.');
        user.passwordHash = passwordHash;
        changed('users', [user]);
        return endOtherSessions(user);
      });
      const session = await renewedSession(principal, sessionVersion);
      return success(session.token ? session : null, 'Password changed.');
    },
  );
};
