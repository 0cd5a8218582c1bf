import { Secret } from 'otpauth';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import {
  bearer,
  demoToken,
  get,
  json,
  login,
  post,
  secureToken,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';
import { totpCode } from './two-factor.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function account(token: string) {
  return json(await get(server.app, '/api/account', bearer(token))).data;
}

/** Moves to the next TOTP step so a fresh code is not refused as a replay. */
function nextCodeOf(secret: string): string {
  server.clock.advance(30_000);
  return totpCode(secret, server.clock.now());
}

describe('GET /api/account', () => {
  it('describes the demo account', async () => {
    expect(await account(await demoToken(server.app))).toEqual({
      id: 1,
      name: 'Demo Media',
      email: DEMO_USER.email,
      twoFactorEnabled: false,
      recoveryCodesLeft: 0,
      createdAt: expect.any(String),
    });
  });

  it('counts the unused recovery codes of the secure account', async () => {
    expect(await account(await secureToken(server.app, server.clock))).toMatchObject({
      name: 'Secure Shop',
      twoFactorEnabled: true,
      recoveryCodesLeft: 10,
    });
  });
});

describe('two-factor setup', () => {
  it('turns 2FA on with a code of the pending secret, then sign-in asks for it', async () => {
    const token = await demoToken(server.app);
    const setup = json(await post(server.app, '/api/account/2fa/setup', {}, bearer(token))).data;
    expect(setup.sharedKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = setup.sharedKey.replaceAll(' ', '');
    expect(setup.authenticatorUri).toBe(
      `otpauth://totp/Paradarum:demo%40paradarum.test?secret=${secret}&issuer=Paradarum&digits=6`,
    );
    expect((await account(token)).twoFactorEnabled).toBe(false);

    const enabled = await post(
      server.app,
      '/api/account/2fa/enable',
      { code: totpCode(secret, server.clock.now()) },
      bearer(token),
    );
    expect(enabled.statusCode).toBe(200);
    expect(json(enabled).data.recoveryCodes).toHaveLength(10);
    expect(await account(token)).toMatchObject({ twoFactorEnabled: true, recoveryCodesLeft: 10 });
    expect(
      json(await login(server.app, DEMO_USER.email, DEMO_USER.password)).data.RequiresTwoFactor,
    ).toBe(true);
  });

  it('refuses to enable before setup, and to set up again while 2FA is on', async () => {
    const demo = await demoToken(server.app);
    const enable = await post(
      server.app,
      '/api/account/2fa/enable',
      { code: '123456' },
      bearer(demo),
    );
    expect(enable.statusCode).toBe(400);
    expect(json(enable).message).toMatch(/setup/);
    const secure = await secureToken(server.app, server.clock);
    const setup = await post(server.app, '/api/account/2fa/setup', {}, bearer(secure));
    expect(setup.statusCode).toBe(400);
    expect(json(setup).message).toMatch(/already enabled/);
  });

  it('refuses a wrong code when enabling and stays off', async () => {
    const token = await demoToken(server.app);
    await post(server.app, '/api/account/2fa/setup', {}, bearer(token));
    const response = await post(
      server.app,
      '/api/account/2fa/enable',
      { code: totpCode(new Secret().base32, server.clock.now()) },
      bearer(token),
    );
    expect(response.statusCode).toBe(400);
    expect((await account(token)).twoFactorEnabled).toBe(false);
  });

  it('turns 2FA off with a TOTP code', async () => {
    const token = await secureToken(server.app, server.clock);
    const response = await post(
      server.app,
      '/api/account/2fa/disable',
      { code: nextCodeOf(SECURE_USER.totpSecret) },
      bearer(token),
    );
    expect(response.statusCode).toBe(200);
    // Turning 2FA off ends the sessions, this one included; the response carries its successor.
    expect(await account(json(response).data.token)).toMatchObject({
      twoFactorEnabled: false,
      recoveryCodesLeft: 0,
    });
    expect(
      json(await login(server.app, SECURE_USER.email, SECURE_USER.password)).data.Token,
    ).toEqual(expect.any(String));
  });

  it('turns 2FA off with a recovery code, and refuses a wrong code with 400', async () => {
    const token = await secureToken(server.app, server.clock);
    expect(
      (await post(server.app, '/api/account/2fa/disable', { code: 'BBBBB-BBBBB' }, bearer(token)))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await post(
          server.app,
          '/api/account/2fa/disable',
          { code: SECURE_USER.recoveryCodes[9] },
          bearer(token),
        )
      ).statusCode,
    ).toBe(200);
  });

  it('replaces the recovery codes: the old ones stop working', async () => {
    const token = await secureToken(server.app, server.clock);
    const response = await post(
      server.app,
      '/api/account/2fa/recovery-codes',
      { code: nextCodeOf(SECURE_USER.totpSecret) },
      bearer(token),
    );
    const codes = json(response).data.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(codes).not.toContain(SECURE_USER.recoveryCodes[0]);
    expect(
      (
        await post(
          server.app,
          '/api/account/2fa/disable',
          { code: SECURE_USER.recoveryCodes[0] },
          bearer(token),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await post(server.app, '/api/account/2fa/disable', { code: codes[0] }, bearer(token)))
        .statusCode,
    ).toBe(200);
  });
});

describe('POST /api/account/password', () => {
  const change = (token: string, currentPassword: string, newPassword: string) =>
    post(server.app, '/api/account/password', { currentPassword, newPassword }, bearer(token));

  it('changes the password', async () => {
    const token = await demoToken(server.app);
    expect((await change(token, DEMO_USER.password, 'a-new-long-password')).statusCode).toBe(200);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(401);
    expect((await login(server.app, DEMO_USER.email, 'a-new-long-password')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with a clear 400', async () => {
    const response = await change(
      await demoToken(server.app),
      'not-the-password',
      'a-new-long-password',
    );
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toBe('The current password is incorrect.');
  });

  it('refuses a new password shorter than 12 characters', async () => {
    const response = await change(await demoToken(server.app), DEMO_USER.password, 'short-pass1');
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/12 characters/);
  });

  it('refuses a new password equal to the current one, and keeps the session', async () => {
    const token = await demoToken(server.app);
    const response = await change(token, DEMO_USER.password, DEMO_USER.password);
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/differ/);
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(200);
  });

  it('writes the failures a right current password cleared, even when the change stops there', async () => {
    const token = await demoToken(server.app);
    for (let n = 0; n < 4; n++) await change(token, 'not-the-password', 'a-new-long-password');
    // The right current password clears the four failures; the change itself is refused.
    expect((await change(token, DEMO_USER.password, DEMO_USER.password)).statusCode).toBe(400);
    // Any later write carries the cleared count; after a crash only what is on disk counts.
    const created = await post(server.app, '/api/apikey', { name: 'later write' }, bearer(token));
    expect(created.statusCode).toBe(201);
    await server.crash();
    const restarted = await server.restart();
    // With the four failures still on file, this would be the fifth: 429.
    expect((await login(restarted, DEMO_USER.email, 'wrong-password')).statusCode).toBe(401);
  });
});
