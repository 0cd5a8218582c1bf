import type { LightMyRequestResponse } from 'fastify';
import { createFakeClock } from './clock.ts';
import { FAILURE_MEMORY_MS, LOCKOUT_MS, Lockout } from './lockout.ts';
import { PasswordQueue } from './password-queue.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import {
  TEST_START_MS,
  bearer,
  createKey,
  demoToken,
  get,
  json,
  login,
  post,
  secureToken,
  secureTwoFactorToken,
  HoldingQueue,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';
import { totpCode } from './two-factor.ts';

/**
 * Every limit under requests that arrive all at once (inject runs them concurrently): the check
 * and the count it depends on must be one step, so parallel requests cannot slip past it.
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const statuses = (responses: LightMyRequestResponse[]) =>
  responses.map((r) => r.statusCode).sort((a, b) => a - b);
const count = (responses: LightMyRequestResponse[], status: number) =>
  responses.filter((r) => r.statusCode === status).length;
const verify = (twoFactorToken: string, code: string) =>
  post(server.app, '/api/Auth/2fa/verify', { twoFactorToken, code });
const NEW_PASSWORD = 'A-brand-new-password-1';
const changePassword = (
  headers: Record<string, string>,
  currentPassword: string = DEMO_USER.password,
  newPassword = NEW_PASSWORD,
) => post(server.app, '/api/account/password', { currentPassword, newPassword }, headers);
/** Everything a client can observe of a response except its Date header. */
const observable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.body,
  headers: { ...response.headers, date: undefined },
});

describe('parallel sign-in guesses', () => {
  it('voids a TwoFactorToken after 5 wrong codes even when 200 arrive at once, and the right one sent last fails', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    const right = totpCode(SECURE_USER.totpSecret, server.clock.now());
    const responses = await Promise.all([
      ...Array.from({ length: 200 }, (_, n) => verify(twoFactorToken, String(n).padStart(6, '9'))),
      verify(twoFactorToken, right),
    ]);
    expect(count(responses, 200)).toBe(0);
    // Four plain refusals; the fifth locks (429); everything after finds the token void or the
    // user locked.
    expect(responses.filter((r) => json(r).message === 'Invalid two-factor code.')).toHaveLength(4);
    expect((await verify(twoFactorToken, right)).statusCode).toBe(401);
    const locked = await login(server.app, SECURE_USER.email, SECURE_USER.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(200);
  });

  it('tries at most the remaining allowance of 20 parallel wrong passwords, and locks', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => login(server.app, DEMO_USER.email, 'wrong-password')),
    );
    // 5 tried (4 refused, the fifth locks), 15 refused before any hash.
    expect(statuses(responses)).toEqual([...Array(4).fill(401), ...Array(16).fill(429)]);
    for (const response of responses.filter((r) => r.statusCode === 429))
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(429);
  });

  it('refuses the right password sent last after 200 parallel wrong ones, and keeps the lock', async () => {
    const responses = await Promise.all([
      ...Array.from({ length: 200 }, () => login(server.app, DEMO_USER.email, 'wrong-password')),
      login(server.app, DEMO_USER.email, DEMO_USER.password),
    ]);
    expect(count(responses, 200)).toBe(0);
    expect(count(responses, 401)).toBeLessThanOrEqual(4);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(429);
  });

  it('answers 20 parallel guesses for an unknown e-mail exactly like for a real one', async () => {
    const burst = (username: string) =>
      Promise.all(Array.from({ length: 20 }, () => login(server.app, username, 'wrong-password')));
    const known = await burst(DEMO_USER.email);
    const unknown = await burst('nobody@paradarum.test');
    expect(statuses(unknown)).toEqual(statuses(known));
    expect(unknown.map(observable).sort(byBody)).toEqual(known.map(observable).sort(byBody));
  });

  it('never lets a success clear failures that arrived before it', async () => {
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => login(server.app, DEMO_USER.email, 'wrong-password')),
      login(server.app, DEMO_USER.email, DEMO_USER.password),
    ]);
    expect(statuses(responses)).toEqual([200, 401, 401, 401, 401]);
    // The four failures still count, whatever order the hashes finished in: one more locks.
    expect((await login(server.app, DEMO_USER.email, 'wrong-password')).statusCode).toBe(429);
  });
});

const byBody = (a: { body: string }, b: { body: string }) => a.body.localeCompare(b.body);

describe('the password hashing queue', () => {
  it('answers 503 with Retry-After when full, identically for a real and an unknown user', async () => {
    await server.close();
    const queue = new PasswordQueue(1, 1);
    server = await startTestServer({ passwordQueue: queue });
    const opened: ((value: boolean) => void)[] = [];
    const gate = new Promise<boolean>((resolve) => opened.push(resolve));
    const release = () => opened.forEach((resolve) => resolve(true));
    // One hash running, one waiting: the queue is full.
    const held = [queue.run(() => gate), queue.run(() => gate)];
    const [known, unknown] = await Promise.all([
      login(server.app, DEMO_USER.email, DEMO_USER.password),
      login(server.app, 'nobody@paradarum.test', DEMO_USER.password),
    ]);
    expect(known.statusCode).toBe(503);
    expect(known.headers['retry-after']).toBe('1');
    expect(observable(unknown)).toEqual(observable(known));
    release();
    await Promise.all(held);
    // Nothing was counted for a request that was never tried.
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(200);
  });

  it('runs at most its concurrency at once and refuses at once past its waiting room', async () => {
    const queue = new PasswordQueue(2, 3);
    let running = 0;
    let mostRunning = 0;
    const task = async () => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return true;
    };
    // run() refuses synchronously; as a rejection, allSettled can count it.
    const submit = () => {
      try {
        return queue.run(task);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, submit));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    expect(mostRunning).toBe(2);
    // Emptied again: room for a full load.
    const again = await Promise.allSettled(Array.from({ length: 5 }, submit));
    expect(again.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('keeps a flood of sign-ins from queueing: most of 60 parallel ones get 503 at once', async () => {
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        login(server.app, `flood-${n}@example.test`, 'wrong-password'),
      ),
    );
    expect(count(flood, 503)).toBeGreaterThan(0);
    for (const response of flood.filter((r) => r.statusCode === 503))
      expect(response.headers['retry-after']).toBe('1');
    // 36 scrypt hashes on a shared machine.
  }, 30_000);
});

describe('the lockout of unknown e-mails', () => {
  it('survives a flood of 20,000 other unknown e-mails, and its memory is bounded by time', () => {
    const clock = createFakeClock(TEST_START_MS);
    const stored = { unknownEmailLockouts: [] };
    const touched: number[] = [];
    const lockout = new Lockout(clock, {
      data: stored,
      touch: (_, record) => touched.push(record.id),
    });
    const fail = (email: string) => lockout.reserve(lockout.forUnknownEmail(email)).fail();
    for (let n = 0; n < 5; n++) fail('ghost@example.test');
    for (let n = 0; n < 20_000; n++) fail(`flood-${n}@example.test`);
    expect(() => lockout.reserve(lockout.forUnknownEmail('ghost@example.test'))).toThrow(
      expect.objectContaining({ statusCode: 429 }),
    );
    clock.advance(LOCKOUT_MS);
    // Lock over; still remembered until the failure memory ends, like a real user's count.
    expect(lockout.unknownEmailCount).toBe(20_001);
    expect(stored.unknownEmailLockouts).toHaveLength(20_001);
    clock.advance(FAILURE_MEMORY_MS);
    fail('late@example.test');
    expect(lockout.unknownEmailCount).toBe(1);
    // Each removal declared, to reach the data file with a later write.
    expect(touched).toEqual(Array.from({ length: 20_001 }, (_, i) => i + 1));
    expect(stored.unknownEmailLockouts).toEqual([
      expect.objectContaining({
        failedSignIns: 1,
        emailHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
  });
});

describe('wrong codes and passwords on the account endpoints', () => {
  it('count toward the sign-in lockout with an API key: 20 parallel wrong codes on 2fa/disable', async () => {
    const token = await secureToken(server.app, server.clock);
    const { key } = await createKey(server.app, token);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(server.app, '/api/account/2fa/disable', { code: 'BBBBB-BBBBB' }, { 'x-api-key': key }),
      ),
    );
    expect(statuses(responses)).toEqual([...Array(4).fill(400), ...Array(16).fill(429)]);
    const right = await post(
      server.app,
      '/api/account/2fa/disable',
      { code: SECURE_USER.recoveryCodes[0] },
      { 'x-api-key': key },
    );
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toMatch(/^\d+$/);
    expect((await login(server.app, SECURE_USER.email, SECURE_USER.password)).statusCode).toBe(429);
    expect(json(await get(server.app, '/api/account', bearer(token))).data.twoFactorEnabled).toBe(
      true,
    );
  });

  it('count wrong codes on 2fa/recovery-codes and 2fa/enable toward the same lockout', async () => {
    const secure = await secureToken(server.app, server.clock);
    for (let n = 0; n < 2; n++)
      expect(
        (
          await post(
            server.app,
            '/api/account/2fa/recovery-codes',
            { code: '000000' },
            bearer(secure),
          )
        ).statusCode,
      ).toBe(400);
    const demo = await demoToken(server.app);
    await post(server.app, '/api/account/2fa/setup', {}, bearer(demo));
    const enables = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(server.app, '/api/account/2fa/enable', { code: '000000' }, bearer(demo)),
      ),
    );
    expect(statuses(enables)).toEqual([...Array(4).fill(400), ...Array(6).fill(429)]);
    for (let n = 0; n < 3; n++)
      expect(
        (
          await post(
            server.app,
            '/api/account/2fa/recovery-codes',
            { code: '000000' },
            bearer(secure),
          )
        ).statusCode,
      ).toBe(n < 2 ? 400 : 429);
  });

  it('count wrong current passwords: of 20 parallel tries at most the allowance is hashed', async () => {
    const token = await demoToken(server.app);
    const change = (currentPassword: string) => changePassword(bearer(token), currentPassword);
    const responses = await Promise.all(Array.from({ length: 20 }, () => change('wrong-password')));
    expect(statuses(responses)).toEqual([...Array(4).fill(400), ...Array(16).fill(429)]);
    expect((await change(DEMO_USER.password)).statusCode).toBe(429);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(429);
  });
});

describe('ending other sessions', () => {
  it('a password change: older JWTs get 401, the fresh data.token works, API keys keep working', async () => {
    const caller = await demoToken(server.app);
    const other = await demoToken(server.app);
    const { key } = await createKey(server.app, caller);
    const response = await changePassword(bearer(caller));
    expect(response.statusCode).toBe(200);
    const fresh = json(response).data.token as string;
    // Issued in the same second as the ended ones: still valid.
    expect((await get(server.app, '/api/account', bearer(fresh))).statusCode).toBe(200);
    for (const ended of [caller, other]) {
      const refused = await get(server.app, '/api/account', bearer(ended));
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    expect((await get(server.app, '/api/account', { 'x-api-key': key })).statusCode).toBe(200);
  });

  it('a password change with an API key: every JWT ends, no token in the answer', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    const response = await changePassword({ 'x-api-key': key });
    expect(response.statusCode).toBe(200);
    expect(json(response).data?.token).toBeUndefined();
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(401);
  });

  it('turning 2FA off: older JWTs get 401, the answer carries a fresh token', async () => {
    const caller = await secureToken(server.app, server.clock);
    const response = await post(
      server.app,
      '/api/account/2fa/disable',
      { code: SECURE_USER.recoveryCodes[2] },
      bearer(caller),
    );
    expect(response.statusCode).toBe(200);
    expect((await get(server.app, '/api/account', bearer(caller))).statusCode).toBe(401);
    const fresh = json(response).data.token as string;
    expect(json(await get(server.app, '/api/account', bearer(fresh))).data.twoFactorEnabled).toBe(
      false,
    );
  });

  it('survives a restart: an ended JWT stays refused', async () => {
    const caller = await demoToken(server.app);
    await changePassword(bearer(caller));
    await server.app.close();
    const restarted = await server.restart();
    expect((await get(restarted, '/api/account', bearer(caller))).statusCode).toBe(401);
  });
});

describe('a sign-in in flight when the password changes', () => {
  let queue: HoldingQueue;
  beforeEach(async () => {
    await server.close();
    queue = new HoldingQueue();
    server = await startTestServer({ passwordQueue: queue });
  });

  it.each([
    ['a session', async () => bearer(await demoToken(server.app))],
    [
      'an API key',
      async () => ({ 'x-api-key': (await createKey(server.app, await demoToken(server.app))).key }),
    ],
  ])(
    'opens no session once a change made with %s has answered, and looks like a wrong password',
    async (_credential, credential) => {
      const headers = await credential();
      const wrongPassword = await login(server.app, DEMO_USER.email, 'not-the-password');
      const held = queue.holdNext();
      const signIn = login(server.app, DEMO_USER.email, DEMO_USER.password);
      // Its check has read the old hash and is hashing the old password.
      await held.started;
      expect((await changePassword(headers)).statusCode).toBe(200);
      held.release();
      const response = await signIn;
      expect(observable(response)).toEqual(observable(wrongPassword));
    },
  );

  it('voids a TwoFactorToken issued before the change', async () => {
    const twoFactorToken = await secureTwoFactorToken(server.app);
    const secure = await secureToken(server.app, server.clock);
    server.clock.advance(30_000);
    const changed = await changePassword(bearer(secure), SECURE_USER.password);
    expect(changed.statusCode).toBe(200);
    const response = await verify(twoFactorToken, SECURE_USER.recoveryCodes[0] as string);
    expect(response.statusCode).toBe(401);
    expect(json(response).message).toBe('The sign-in has expired. Sign in again.');
    // Refused before the code was looked at: it is still unused.
    const fresh = await login(server.app, SECURE_USER.email, NEW_PASSWORD);
    expect(
      (await verify(json(fresh).data.TwoFactorToken, SECURE_USER.recoveryCodes[0] as string))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a change by a key whose password check was in flight when another change answered', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    const held = queue.holdNext();
    const byKey = changePassword(
      { 'x-api-key': key },
      DEMO_USER.password,
      'The-key-holder-password-1',
    );
    await held.started;
    const bySession = await changePassword(
      bearer(token),
      DEMO_USER.password,
      'The-session-password-1',
    );
    expect(bySession.statusCode).toBe(200);
    held.release();
    // The key outlives the change, but what it checked is now the old password.
    expect(json(await byKey)).toMatchObject({ message: 'The current password is incorrect.' });
    expect((await byKey).statusCode).toBe(400);
    expect((await login(server.app, DEMO_USER.email, 'The-session-password-1')).statusCode).toBe(
      200,
    );
    const fresh = json(bySession).data.token as string;
    expect((await get(server.app, '/api/account', bearer(fresh))).statusCode).toBe(200);
  });

  it('leaves no working JWT from sign-ins with the old password sent while the change runs', async () => {
    const caller = await demoToken(server.app);
    let answered = false;
    const change = changePassword(bearer(caller)).then((response) => {
      answered = true;
      return response;
    });
    const signIns: Promise<LightMyRequestResponse>[] = [];
    // One every few milliseconds, from before the change starts hashing until it has answered.
    while (!answered) {
      signIns.push(login(server.app, DEMO_USER.email, DEMO_USER.password));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect((await change).statusCode).toBe(200);
    const tokens = (await Promise.all(signIns))
      .filter((response) => response.statusCode === 200)
      .map((response) => json(response).data.Token as string);
    const working = [];
    for (const token of tokens)
      if ((await get(server.app, '/api/account', bearer(token))).statusCode === 200)
        working.push(token);
    expect({ signIns: signIns.length, working: working.length }).toEqual({
      signIns: signIns.length,
      working: 0,
    });
  });
});

describe('revoking a key while its requests are in flight', () => {
  it('records no purge acknowledged after the revoke is acknowledged', async () => {
    const token = await demoToken(server.app);
    const { id, key } = await createKey(server.app, token);
    let revoked = false;
    const lateSuccesses: number[] = [];
    const purges = Array.from({ length: 60 }, (_, n) =>
      post(server.app, '/api/property/1/purge', { type: 'all' }, { 'x-api-key': key }).then(
        (response) => {
          if (revoked && response.statusCode === 200) lateSuccesses.push(n);
          return response;
        },
      ),
    );
    const revoke = post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token)).then(
      (response) => {
        revoked = true;
        return response;
      },
    );
    const responses = await Promise.all([...purges, revoke]);
    expect((await revoke).statusCode).toBe(200);
    expect(lateSuccesses).toEqual([]);
    const accepted = responses.slice(0, 60).filter((r) => r.statusCode === 200);
    const history = json(await get(server.app, '/api/property/1/purge', bearer(token))).data;
    expect(history).toHaveLength(accepted.length);
    expect((await get(server.app, '/api/account', { 'x-api-key': key })).statusCode).toBe(401);
  });
});
