import type { FastifyInstance } from 'fastify';
import { hashPassword, verifyPassword } from './crypto.ts';
import { badRequest, stringFields, success } from './http.ts';
import type { Principal } from './auth.ts';
import type { AppContext } from './app-context.ts';
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
const codeBody = { schema: { body: stringFields('code') } };

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

/** `/api/account`: the signed-in user's account, two-factor settings and password. */
export async function accountRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  /** Replaces the recovery codes; the raw codes are returned once and only their hashes are kept. */
  function replaceRecoveryCodes(user: User): string[] {
    const codes = generateRecoveryCodes();
    user.recoveryCodes = hashRecoveryCodes(codes);
    return codes;
  }

  /** Consumes a TOTP or recovery code of the active secret, or answers 400 (not 401: the session is fine). */
  function consumeCodeOrFail(user: User, code: string): void {
    if (!consumeSecondFactor(user, code, ctx.clock.now(), ctx.totpWindow))
      throw badRequest(
        'The code is not valid. Enter a current authenticator code or an unused recovery code.',
      );
  }

  app.get('/api/account', async (request) => success(accountView(request.principal)));

  app.post('/api/account/2fa/setup', async (request) => {
    const { user } = request.principal;
    if (user.twoFactorEnabled)
      throw badRequest(
        'Two-factor authentication is already enabled. Disable it first to set up a new authenticator.',
      );
    const secret = newTotpSecret();
    await ctx.store.mutate(() => {
      user.pendingTotpSecret = secret;
    });
    return success({
      sharedKey: formatSharedKey(secret),
      authenticatorUri: authenticatorUri(user.email, secret),
    });
  });

  app.post<{ Body: { code: string } }>('/api/account/2fa/enable', codeBody, async (request) => {
    const { user } = request.principal;
    const pending = user.pendingTotpSecret;
    if (user.twoFactorEnabled) throw badRequest('Two-factor authentication is already enabled.');
    if (!pending) throw badRequest('Start the two-factor setup first.');
    const recoveryCodes = await ctx.store.mutate(() => {
      if (!consumeTotp(user, pending, request.body.code, ctx.clock.now(), ctx.totpWindow))
        throw badRequest(
          'The code is not valid. Enter the current code from your authenticator app.',
        );
      user.twoFactorEnabled = true;
      user.totpSecret = pending;
      user.pendingTotpSecret = null;
      return replaceRecoveryCodes(user);
    });
    return success({ recoveryCodes });
  });

  app.post<{ Body: { code: string } }>('/api/account/2fa/disable', codeBody, async (request) => {
    const { user } = request.principal;
    assertTwoFactorEnabled(user);
    await ctx.store.mutate(() => {
      consumeCodeOrFail(user, request.body.code);
      user.twoFactorEnabled = false;
      user.totpSecret = null;
      user.lastTotpStep = null;
      user.recoveryCodes = [];
    });
    return success(accountView(request.principal), 'Two-factor authentication is off.');
  });

  app.post<{ Body: { code: string } }>(
    '/api/account/2fa/recovery-codes',
    codeBody,
    async (request) => {
      const { user } = request.principal;
      assertTwoFactorEnabled(user);
      const recoveryCodes = await ctx.store.mutate(() => {
        consumeCodeOrFail(user, request.body.code);
        return replaceRecoveryCodes(user);
      });
      return success({ recoveryCodes });
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/account/password',
    { schema: { body: stringFields('currentPassword', 'newPassword') } },
    async (request) => {
      const { user } = request.principal;
      const { currentPassword, newPassword } = request.body;
      if (newPassword.length < MIN_PASSWORD_LENGTH)
        throw badRequest(
          `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
        );
      if (!(await verifyPassword(currentPassword, user.passwordHash)))
        throw badRequest('The current password is incorrect.');
      const passwordHash = await hashPassword(newPassword);
      await ctx.store.mutate(() => {
        user.passwordHash = passwordHash;
      });
      return success(null, 'Password changed.');
    },
  );
}
