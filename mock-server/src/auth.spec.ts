import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { FAILURE_MEMORY_MS } from './lockout.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import { Store } from './store.ts';
import {
  bearer,
  demoToken,
  get,
  json,
  login,
  post,
  secureToken,
  secureTwoFactorToken,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCode } from './two-factor.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

/** Everything a client can observe of a response except its Date header. */
const observable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.body,
  headers: { ...response.headers, date: undefined },
});
const verify = (twoFactorToken: string, code: string) =>
  post(server.app, '/api/Auth/2fa/verify', { twoFactorToken, code });
const currentCode = () => totpCode(SECURE_USER.totpSecret, server.clock.now());

describe('POST /api/Auth/Login', () => {
  it('answers the seed shape with a JWT for a user without 2FA', async () => {
    const response = await login(server.app, DEMO_USER.email, DEMO_USER.password);
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      succeeded: true,
      message: '',
      data: { Token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/), Message: 'Success' },
    });
  });

  it('asks for the second factor when 2FA is on', async () => {
    const response = await login(server.app, SECURE_USER.email, SECURE_USER.password);
    expect(json(response).data).toEqual({
      RequiresTwoFactor: true,
      TwoFactorToken: expect.any(String),
    });
    // At least 128 random bits.
    expect(
      Buffer.from(json(response).data.TwoFactorToken, 'base64url').length,
    ).toBeGreaterThanOrEqual(16);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await login(server.app, 'nobody@paradarum.test', 'Paradarum-demo-1');
    const wrong = await login(server.app, DEMO_USER.email, 'wrong-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
    expect(observable(unknown)).toEqual(observable(wrong));
    expect(json(wrong).message).toBe('Invalid username or password.');
  });

  it('locks the account for 5 minutes after 5 failures, refusing the right password with Retry-After', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(server.app, DEMO_USER.email, 'wrong')).statusCode).toBe(401);
    }
    expect((await login(server.app, DEMO_USER.email, 'wrong')).statusCode).toBe(429);
    const locked = await login(server.app, DEMO_USER.email, DEMO_USER.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('300');
    expect(json(locked).succeeded).toBe(false);
    server.clock.advance(5 * 60_000);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(200);
  });

  it('locks out an unknown e-mail exactly like a real one, so a 429 reveals no account', async () => {
    // Five failures, five more during the lockout (which must not extend it), then after it ends.
    const answers = async (email: string) => {
      const attempt = async () => observable(await login(server.app, email, 'wrong-password'));
      const seen = [];
      for (let n = 1; n <= 5; n++) seen.push(await attempt());
      server.clock.advance(60_000);
      for (let n = 1; n <= 5; n++) seen.push(await attempt());
      server.clock.advance(4 * 60_000);
      seen.push(await attempt());
      return seen;
    };
    const known = await answers(DEMO_USER.email);
    const unknown = await answers('Nobody@Paradarum.test');
    expect(known.map((response) => response.status)).toEqual([
      401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 401,
    ]);
    expect(known[9]?.headers['retry-after']).toBe('240');
    expect(unknown).toEqual(known);
  });

  // After a crash, only what each failure's write declared is on disk.
  it.each(['a clean stop', 'a crash'])(
    'keeps the lockouts and counts of known and unknown e-mails alike across %s',
    async (stop) => {
      const fail = (app: FastifyInstance, email: string) => login(app, email, 'wrong-password');
      const pairs = [
        [DEMO_USER.email, 'nobody@paradarum.test'],
        [SECURE_USER.email, 'ghost@paradarum.test'],
      ] as const;
      // The first pair locked, the second three failures in.
      for (const [times, emails] of [
        [5, pairs[0]],
        [3, pairs[1]],
      ] as const)
        for (const email of emails) for (let n = 0; n < times; n++) await fail(server.app, email);
      await (stop === 'a crash' ? server.crash() : server.app.close());
      server.clock.advance(60_000);
      const restarted = await server.restart();
      for (const [known, unknown] of pairs) {
        const answers = async (email: string) => {
          const seen = [];
          for (let n = 0; n < 2; n++) seen.push(observable(await fail(restarted, email)));
          return seen;
        };
        const knownAnswers = await answers(known);
        expect(await answers(unknown)).toEqual(knownAnswers);
      }
      // Both locked: the lock had 4 minutes left; both counted on: the fifth failure locks.
      const locked = await fail(restarted, 'nobody@paradarum.test');
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('240');
      expect((await fail(restarted, 'ghost@paradarum.test')).headers['retry-after']).toBe('300');
    },
  );

  it('starts on a data file from before unknown e-mails were stored, and locks them out', async () => {
    await server.app.close();
    const { unknownEmailLockouts, ...older } = JSON.parse(readFileSync(server.dbFile, 'utf8'));
    expect(unknownEmailLockouts).toEqual([]);
    writeFileSync(server.dbFile, JSON.stringify(older));
    const restarted = await server.restart();
    const statuses = [];
    for (let n = 0; n < 5; n++)
      statuses.push((await login(restarted, 'nobody@paradarum.test', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('takes an expired unknown e-mail out of the data file with the next write, whoever signs in', async () => {
    const sha256 = (email: string) => createHash('sha256').update(email).digest('hex');
    await login(server.app, 'old@paradarum.test', 'wrong-password');
    server.clock.advance(FAILURE_MEMORY_MS);
    await login(server.app, 'new@paradarum.test', 'wrong-password');
    server.clock.advance(FAILURE_MEMORY_MS);
    // A known e-mail's sign-in expires them too (the same work either way).
    await login(server.app, DEMO_USER.email, 'wrong-password');
    await server.crash();
    const onDisk = await Store.open(server.dbFile, () => Promise.reject(new Error('no seed')));
    const stored = onDisk.data.unknownEmailLockouts.map((entry) => entry.emailHash);
    await onDisk.close();
    expect(stored).not.toContain(sha256('old@paradarum.test'));
    expect(stored).not.toContain(sha256('new@paradarum.test'));
  });

  it('keeps no unknown e-mail in the data file, only its SHA-256', async () => {
    await login(server.app, 'Someone.Secret@example.test', 'wrong-password');
    await server.app.close();
    const file = readFileSync(server.dbFile, 'utf8');
    expect(file.toLowerCase()).not.toContain('someone.secret');
    expect(file).toContain(
      createHash('sha256').update('someone.secret@example.test').digest('hex'),
    );
  });

  it('refuses a right password whose check finishes after parallel wrong guesses locked the account', async () => {
    const guesses = Array.from({ length: 20 }, () =>
      login(server.app, DEMO_USER.email, 'wrong-password'),
    );
    const right = login(server.app, DEMO_USER.email, DEMO_USER.password);
    await Promise.all(guesses);
    const response = await right;
    expect(response.statusCode).toBe(429);
    expect(json(response).data).toBeNull();
  });

  it('resets the failure count after a successful sign-in', async () => {
    for (let attempt = 1; attempt <= 4; attempt++)
      await login(server.app, DEMO_USER.email, 'wrong');
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(200);
    expect((await login(server.app, DEMO_USER.email, 'wrong')).statusCode).toBe(401);
  });
});

describe('POST /api/Auth/2fa/verify', () => {
  it('exchanges a TOTP code for a JWT that works on protected endpoints', async () => {
    const response = await verify(await secureTwoFactorToken(server.app), currentCode());
    expect(response.statusCode).toBe(200);
    expect(json(response).data).toEqual({ Token: expect.any(String), Message: 'Success' });
    expect(
      (await get(server.app, '/api/account', bearer(json(response).data.Token))).statusCode,
    ).toBe(200);
  });

  it('ignores spaces in a TOTP code', async () => {
    const code = currentCode();
    const spaced = ` ${code.slice(0, 3)} ${code.slice(3)} `;
    expect((await verify(await secureTwoFactorToken(server.app), spaced)).statusCode).toBe(200);
  });

  it('refuses a code of an earlier step once a later one was accepted', async () => {
    server.clock.advance(30_000);
    expect((await verify(await secureTwoFactorToken(server.app), currentCode())).statusCode).toBe(
      200,
    );
    const previous = totpCode(SECURE_USER.totpSecret, server.clock.now() - 30_000);
    expect((await verify(await secureTwoFactorToken(server.app), previous)).statusCode).toBe(401);
  });

  it('accepts one step either side by default and more with totpWindow', async () => {
    const twoStepsOld = () => totpCode(SECURE_USER.totpSecret, server.clock.now() - 60_000);
    const oneStepOld = totpCode(SECURE_USER.totpSecret, server.clock.now() - 30_000);
    expect((await verify(await secureTwoFactorToken(server.app), twoStepsOld())).statusCode).toBe(
      401,
    );
    expect((await verify(await secureTwoFactorToken(server.app), oneStepOld)).statusCode).toBe(200);
    await server.app.close();
    const wider = await server.restart({ totpWindow: 2 });
    server.clock.advance(90_000);
    const response = await post(wider, '/api/Auth/2fa/verify', {
      twoFactorToken: await secureTwoFactorToken(wider),
      code: twoStepsOld(),
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a TOTP code presented a second time', async () => {
    const code = currentCode();
    expect((await verify(await secureTwoFactorToken(server.app), code)).statusCode).toBe(200);
    const replay = await verify(await secureTwoFactorToken(server.app), code);
    expect(replay.statusCode).toBe(401);
  });

  it('makes the TwoFactorToken single-use', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    expect((await verify(twoFactorToken, currentCode())).statusCode).toBe(200);
    server.clock.advance(30_000);
    expect((await verify(twoFactorToken, currentCode())).statusCode).toBe(401);
  });

  it('expires the TwoFactorToken after 5 minutes', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    server.clock.advance(5 * 60_000);
    expect((await verify(twoFactorToken, currentCode())).statusCode).toBe(401);
  });

  it('voids the TwoFactorToken after 5 wrong codes', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    const wrong = currentCode() === '000000' ? '111111' : '000000';
    const statuses = [];
    for (let attempt = 1; attempt <= 5; attempt++)
      statuses.push((await verify(twoFactorToken, wrong)).statusCode);
    // The fifth wrong code also locks the user (429); a still-valid token would answer 429 too.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const afterwards = await verify(twoFactorToken, currentCode());
    expect(afterwards.statusCode).toBe(401);
    expect(json(afterwards).message).toBe('The sign-in has expired. Sign in again.');
  });

  it('counts wrong codes toward the login lockout', async () => {
    const wrong = currentCode() === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++)
      await verify(await secureTwoFactorToken(server.app), wrong);
    expect((await login(server.app, SECURE_USER.email, SECURE_USER.password)).statusCode).toBe(429);
  });

  it('accepts a seeded recovery code once, case-insensitively', async () => {
    const [code] = SECURE_USER.recoveryCodes;
    expect(
      (await verify(await secureTwoFactorToken(server.app), code.toLowerCase())).statusCode,
    ).toBe(200);
    expect((await verify(await secureTwoFactorToken(server.app), code)).statusCode).toBe(401);
  });

  it('lets exactly one of 20 parallel tries of one recovery code succeed', async () => {
    // One after another: parallel password checks beyond the lockout allowance are not even tried.
    const tokens: string[] = [];
    for (let n = 0; n < 20; n++) tokens.push(await secureTwoFactorToken(server.app));
    const code = SECURE_USER.recoveryCodes[1];
    const statuses = (await Promise.all(tokens.map((token) => verify(token, code)))).map(
      (r) => r.statusCode,
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  });

  it('never accepts the TwoFactorToken as a Bearer token', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    expect((await get(server.app, '/api/account', bearer(twoFactorToken))).statusCode).toBe(401);
  });
});

describe('protected endpoints', () => {
  it('answer 401 with WWW-Authenticate: Bearer when no credentials are sent', async () => {
    const response = await get(server.app, '/api/property');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(json(response)).toEqual({ succeeded: false, message: 'Unauthorized.', data: null });
  });

  it('answer another Authorization scheme with a plain Bearer challenge', async () => {
    const response = await get(server.app, '/api/account', { authorization: 'Basic ZGVtbzp4' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuse an API key sent as a Bearer token, saying the token is invalid', async () => {
    const { key } = json(
      await post(server.app, '/api/apikey', { name: 'k' }, bearer(await demoToken(server.app))),
    ).data;
    const response = await get(server.app, '/api/property', bearer(key));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('refuse an expired JWT and accept one within the 5-minute skew', async () => {
    const token = await demoToken(server.app);
    server.clock.advance(24 * 3600_000 + 4 * 60_000);
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(200);
    server.clock.advance(60_000);
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(401);
  });

  it('accept the JWT of a 2FA sign-in', async () => {
    const response = await get(
      server.app,
      '/api/account',
      bearer(await secureToken(server.app, server.clock)),
    );
    expect(json(response).data.email).toBe(SECURE_USER.email);
  });
});
