import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { InjectOptions } from 'fastify';
import { Writable } from 'node:stream';
import { PasswordQueue } from './password-queue.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import {
  bearer,
  createKey,
  demoToken,
  get,
  json,
  login,
  post,
  secureToken,
  secureTwoFactorToken,
  startTestServer,
} from './test-support.ts';
import { totpCode } from './two-factor.ts';
import type { TestServer } from './test-support.ts';

let server: TestServer;
afterEach(() => server.close());

describe('routing', () => {
  beforeEach(async () => {
    server = await startTestServer();
  });

  it('matches paths case-insensitively', async () => {
    const response = await login(server.app, DEMO_USER.email, DEMO_USER.password);
    const lower = await post(server.app, '/api/auth/login', {
      username: DEMO_USER.email,
      password: DEMO_USER.password,
    });
    const upper = await get(server.app, '/API/ACCOUNT', bearer(json(response).data.Token));
    expect(lower.statusCode).toBe(200);
    expect(upper.statusCode).toBe(200);
  });

  it('answers an unknown path with a 404 envelope', async () => {
    const response = await get(server.app, '/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({ succeeded: false, message: 'Not found.', data: null });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await server.app.inject({ method: 'DELETE', url: '/api/property/1/purge' });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, POST');
    expect(json(response).succeeded).toBe(false);
  });

  it('sends the security headers and no-store on API responses', async () => {
    const response = await get(server.app, '/api/account');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('bad input', () => {
  let token: string;
  beforeEach(async () => {
    server = await startTestServer();
    token = await demoToken(server.app);
  });

  const asJson = { 'content-type': 'application/json' };
  const login = (payload: string, headers: Record<string, string> = asJson): InjectOptions => ({
    method: 'POST',
    url: '/api/Auth/Login',
    payload,
    headers,
  });
  const asDemo = (request: InjectOptions): InjectOptions => ({
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${token}` },
  });

  it.each<[string, () => InjectOptions, number, RegExp]>([
    [
      'malformed JSON',
      () => login('{"username": "demo@paradarum.test", "password": '),
      400,
      /not valid JSON/,
    ],
    [
      'a wrong field type',
      () => login('{"username": "demo@paradarum.test", "password": 12345}'),
      400,
      /password must be string/,
    ],
    ['a missing field', () => login('{"username": "demo@paradarum.test"}'), 400, /password/],
    ['a JSON array instead of an object', () => login('[]'), 400, /body must be object/],
    ['an empty JSON body', () => login(''), 400, /empty/],
    ['no body at all', () => ({ method: 'POST', url: '/api/Auth/Login' }), 400, /empty/],
    [
      'no body on a protected endpoint',
      () => asDemo({ method: 'POST', url: '/api/property/1/purge' }),
      400,
      /empty/,
    ],
    [
      'a number for a key name',
      () => asDemo({ method: 'POST', url: '/api/apikey', payload: { name: 42 } }),
      400,
      /name must be string/,
    ],
    [
      'an array for a key name',
      () => asDemo({ method: 'POST', url: '/api/apikey', payload: { name: ['a'] } }),
      400,
      /name must be string/,
    ],
    [
      'a text/plain body',
      () => login('hello', { 'content-type': 'text/plain' }),
      415,
      /application\/json/,
    ],
    [
      'a form body',
      () => login('username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      /application\/json/,
    ],
    [
      'a 1 MiB body',
      () => login(JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) })),
      413,
      /64 KiB/,
    ],
    ['an unknown path', () => ({ method: 'GET', url: '/api/nothing-here' }), 404, /^Not found\.$/],
    [
      'a known path with the wrong method',
      () => asDemo({ method: 'DELETE', url: '/api/property/1' }),
      405,
      /not allowed/,
    ],
    [
      'a badly percent-encoded path',
      () => asDemo({ method: 'GET', url: '/api/property/%E0%A4%A' }),
      400,
      /URL/,
    ],
  ])(
    'answers %s with an envelope and leaves the data file byte-for-byte unchanged',
    async (_case, request, status, message) => {
      const before = readFileSync(server.dbFile);
      const response = await server.app.inject(request());
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(json(response)).toEqual({ succeeded: false, message: expect.any(String), data: null });
      expect(json(response).message).toMatch(message);
      await server.app.close();
      expect(readFileSync(server.dbFile).equals(before)).toBe(true);
    },
  );
});

describe('a failure inside the server', () => {
  it('answers 500 with an envelope that does not reveal the cause', async () => {
    /** A hashing queue that breaks: an unexpected error, not a refusal. */
    class BrokenQueue extends PasswordQueue {
      override run<T>(): Promise<T> {
        return Promise.reject(new Error('scrypt exploded at /secret/path'));
      }
    }
    server = await startTestServer({ logLevel: 'silent', passwordQueue: new BrokenQueue() });
    const response = await login(server.app, DEMO_USER.email, DEMO_USER.password);
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(json(response)).toEqual({
      succeeded: false,
      message: 'Something went wrong on the server.',
      data: null,
    });
  });
});

describe('a change that cannot be saved (the disk fails)', () => {
  beforeEach(async () => {
    server = await startTestServer({ logLevel: 'silent' });
  });
  afterEach(() => jest.restoreAllMocks());

  /** Every fsync of the journal fails (EIO) until the returned function is called. */
  async function failWrites(): Promise<() => void> {
    const probe = await open(`${server.dbFile}.probe`, 'w');
    await probe.close();
    const datasync = jest
      .spyOn(Object.getPrototypeOf(probe), 'datasync')
      .mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    return () => datasync.mockRestore();
  }

  const UNSAVED = {
    succeeded: false,
    message: 'The change could not be saved, so it was not made. Try again later.',
    data: null,
  };

  it('answers 503 to a revoke, and the key keeps working, then and after a restart', async () => {
    const token = await demoToken(server.app);
    const { id, key } = await createKey(server.app, token);
    const fixDisk = await failWrites();
    const revoke = await post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token));
    expect(revoke.statusCode).toBe(503);
    expect(revoke.headers['content-type']).toMatch(/^application\/json/);
    expect(json(revoke)).toEqual(UNSAVED);
    expect((await get(server.app, '/api/account', { 'x-api-key': key })).statusCode).toBe(200);
    const listed = json(await get(server.app, '/api/apikey', bearer(token))).data;
    expect(listed.find((k: { id: number }) => k.id === id).revokedAt).toBeNull();
    fixDisk();
    await server.app.close();
    const restarted = await server.restart();
    expect((await get(restarted, '/api/account', { 'x-api-key': key })).statusCode).toBe(200);
  });

  it('answers 503 to a password change, and the old password still signs in', async () => {
    const token = await demoToken(server.app);
    const fixDisk = await failWrites();
    const change = await post(
      server.app,
      '/api/account/password',
      { currentPassword: DEMO_USER.password, newPassword: 'a-new-long-password' },
      bearer(token),
    );
    expect(change.statusCode).toBe(503);
    expect(json(change)).toEqual(UNSAVED);
    // No session ended either.
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(200);
    fixDisk();
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(200);
    expect((await login(server.app, DEMO_USER.email, 'a-new-long-password')).statusCode).toBe(401);
  });

  it('answers 503 to a purge, which is not recorded', async () => {
    const token = await demoToken(server.app);
    const fixDisk = await failWrites();
    const purge = await post(server.app, '/api/property/1/purge', { type: 'all' }, bearer(token));
    expect(purge.statusCode).toBe(503);
    fixDisk();
    const property = json(await get(server.app, '/api/property/1', bearer(token))).data;
    expect(property.lastPurgedAt).toBeNull();
    expect(json(await get(server.app, '/api/property/1/purge', bearer(token))).data).toEqual([]);
  });

  it('still counts wrong passwords: the account locks, and the right one is refused', async () => {
    const fixDisk = await failWrites();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++)
      answers.push((await login(server.app, DEMO_USER.email, 'wrong-password')).statusCode);
    // Each count failed to reach the file (503), but none was forgotten.
    expect(answers).toEqual([503, 503, 503, 503, 503, 429]);
    expect((await login(server.app, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(429);
    fixDisk();
    await server.app.close();
    // Written with the first write that worked (at the latest the clean stop).
    const users = JSON.parse(readFileSync(server.dbFile, 'utf8')).users;
    expect(users[0].lockoutEnd).toEqual(expect.any(String));
  });

  it('locks an unknown e-mail exactly like a known one while writes fail, and after a restart', async () => {
    const fixDisk = await failWrites();
    const emails = [DEMO_USER.email, 'nobody@paradarum.test'];
    const answers = async (app: typeof server.app) => {
      const seen: number[][] = [];
      for (const email of emails) {
        const statuses = [];
        for (let i = 0; i < 6; i++)
          statuses.push((await login(app, email, 'wrong-password')).statusCode);
        seen.push(statuses);
      }
      return seen;
    };
    expect(await answers(server.app)).toEqual([
      [503, 503, 503, 503, 503, 429],
      [503, 503, 503, 503, 503, 429],
    ]);
    fixDisk();
    await server.app.close();
    const restarted = await server.restart();
    expect(await answers(restarted)).toEqual([Array(6).fill(429), Array(6).fill(429)]);
  });
});

describe('the data file', () => {
  beforeEach(async () => {
    server = await startTestServer();
  });

  it('keeps keys, purges, 2FA settings and password changes across a restart', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    await post(server.app, '/api/property/1/purge', { type: 'all' }, bearer(token));
    const newPassword = 'a-new-long-password';
    await post(
      server.app,
      '/api/account/password',
      { currentPassword: DEMO_USER.password, newPassword },
      bearer(token),
    );
    const secure = await secureToken(server.app, server.clock);
    server.clock.advance(30_000);
    await post(
      server.app,
      '/api/account/2fa/disable',
      { code: SECURE_USER.recoveryCodes[3] },
      bearer(secure),
    );
    await server.app.close();

    const restarted = await server.restart();
    expect((await get(restarted, '/api/account', { 'x-api-key': key })).statusCode).toBe(200);
    expect(
      json(await get(restarted, '/api/property/1/purge', { 'x-api-key': key })).data,
    ).toHaveLength(1);
    expect(
      json(await login(restarted, SECURE_USER.email, SECURE_USER.password)).data.Token,
    ).toEqual(expect.any(String));
    expect((await login(restarted, DEMO_USER.email, newPassword)).statusCode).toBe(200);
    expect((await login(restarted, DEMO_USER.email, DEMO_USER.password)).statusCode).toBe(401);
  });

  it('holds no raw password, recovery code, key or TwoFactorToken', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    const { key: secondKey } = await createKey(server.app, token);
    const regenerated = json(
      await post(
        server.app,
        '/api/account/2fa/recovery-codes',
        { code: SECURE_USER.recoveryCodes[4] },
        bearer(await secureToken(server.app, server.clock)),
      ),
    ).data.recoveryCodes as string[];
    expect(regenerated).toHaveLength(10);
    const twoFactorToken = json(await login(server.app, SECURE_USER.email, SECURE_USER.password))
      .data.TwoFactorToken;
    await server.app.close();
    const file = readFileSync(server.dbFile, 'utf8');
    for (const secret of [
      DEMO_USER.password,
      SECURE_USER.password,
      ...SECURE_USER.recoveryCodes,
      ...regenerated,
      key,
      secondKey,
      twoFactorToken,
      token,
    ]) {
      expect(file).not.toContain(secret);
    }
  });

  it('adds generated properties to the demo account idempotently', async () => {
    await server.app.close();
    for (let run = 0; run < 2; run++) await (await server.restart({ seedProperties: 50 })).close();
    const data = JSON.parse(readFileSync(server.dbFile, 'utf8'));
    expect(data.properties.filter((p: { accountId: number }) => p.accountId === 1)).toHaveLength(
      53,
    );
    expect(new Set(data.properties.map((p: { id: number }) => p.id)).size).toBe(55);
  });
});

describe('GET /swagger/v1/swagger.json', () => {
  beforeEach(async () => {
    server = await startTestServer();
  });

  it('is an OpenAPI 3 document declaring only the Bearer scheme', async () => {
    const response = await get(server.app, '/swagger/v1/swagger.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.components.securitySchemes)).toEqual(['Bearer']);
    expect(document.components.securitySchemes.Bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents exactly the endpoints the server answers under /api', async () => {
    const paths = (await get(server.app, '/swagger/v1/swagger.json')).json().paths as Record<
      string,
      Record<string, unknown>
    >;
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path.replace('{id}', ':id').toLowerCase()}`,
      ),
    );
    const served = servedRoutes(server.app.printRoutes({ commonPrefix: false })).filter((route) =>
      / \/api\//.test(route),
    );
    // The contract's endpoints, no more, no fewer.
    expect(documented.sort()).toEqual([
      'GET /api/account',
      'GET /api/apikey',
      'GET /api/property',
      'GET /api/property/:id',
      'GET /api/property/:id/purge',
      'POST /api/account/2fa/disable',
      'POST /api/account/2fa/enable',
      'POST /api/account/2fa/recovery-codes',
      'POST /api/account/2fa/setup',
      'POST /api/account/password',
      'POST /api/apikey',
      'POST /api/apikey/:id/revoke',
      'POST /api/auth/2fa/verify',
      'POST /api/auth/externallogin',
      'POST /api/auth/login',
      'POST /api/property/:id/purge',
    ]);
    expect(served.sort()).toEqual(documented);
  });
});

/** `METHOD /path` of every route in Fastify's `printRoutes` tree (HEAD left out: it follows GET). */
function servedRoutes(tree: string): string[] {
  const segments: string[] = [];
  return tree.split('\n').flatMap((line) => {
    const match = /^([│├└─ ]*)(\S+)(?: \((.+)\))?$/.exec(line);
    if (!match) return [];
    const [, indent = '', segment = '', methods = ''] = match;
    segments.length = indent.length / 4 - 1;
    segments.push(segment);
    const path = segments.join('');
    return methods
      .split(', ')
      .filter((method) => method !== '' && method !== 'HEAD')
      .map((method) => `${method} ${path}`);
  });
}

describe('logging', () => {
  it('never writes a key, password, JWT, TOTP or recovery code', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({ logLevel: 'trace', logStream });
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    await server.app.inject({ method: 'GET', url: '/api/property', headers: { 'x-api-key': key } });
    await server.app.inject({
      method: 'POST',
      url: '/api/Auth/Login',
      payload: `{"username":"x","password":"${DEMO_USER.password}`,
      headers: { 'content-type': 'application/json' },
    });
    const totp = totpCode(SECURE_USER.totpSecret, server.clock.now());
    const twoFactorToken = await secureTwoFactorToken(server.app);
    const verified = await post(server.app, '/api/Auth/2fa/verify', { twoFactorToken, code: totp });
    const secure = json(verified).data.Token;
    const newPassword = 'a-new-long-password';
    await post(
      server.app,
      '/api/account/password',
      { currentPassword: DEMO_USER.password, newPassword },
      bearer(token),
    );
    await post(
      server.app,
      '/api/account/2fa/disable',
      { code: SECURE_USER.recoveryCodes[5] },
      bearer(secure),
    );

    const log = lines.join('');
    expect(log).toContain('incoming request');
    for (const secret of [
      key,
      token,
      secure,
      totp,
      twoFactorToken,
      newPassword,
      DEMO_USER.password,
      SECURE_USER.password,
      SECURE_USER.recoveryCodes[5],
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
