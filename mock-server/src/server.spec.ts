import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
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
  beforeEach(async () => {
    server = await startTestServer();
  });

  const send = (payload: string, contentType = 'application/json') =>
    server.app.inject({
      method: 'POST',
      url: '/api/Auth/Login',
      payload,
      headers: { 'content-type': contentType },
    });

  it.each([
    ['malformed JSON', '{"username": "demo@paradarum.test", "password": ', 400, /not valid JSON/],
    [
      'a wrong field type',
      '{"username": "demo@paradarum.test", "password": 12345}',
      400,
      /password must be string/,
    ],
    ['a missing field', '{"username": "demo@paradarum.test"}', 400, /password/],
    ['an empty body', '', 400, /empty/],
    [
      'a 1 MiB body',
      JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) }),
      413,
      /64 KiB/,
    ],
  ])(
    'answers %s with an envelope and leaves the data file byte-for-byte unchanged',
    async (_case, payload, status, message) => {
      await server.app.inject({ method: 'GET', url: '/api/account' });
      const before = readFileSync(server.dbFile);
      const response = await send(payload);
      expect(response.statusCode).toBe(status);
      expect(json(response).succeeded).toBe(false);
      expect(json(response).message).toMatch(message);
      await server.app.close();
      expect(readFileSync(server.dbFile).equals(before)).toBe(true);
    },
  );

  it('answers a wrong type on a protected endpoint with 400 and stores nothing', async () => {
    const token = await demoToken(server.app);
    const before = readFileSync(server.dbFile);
    const response = await post(server.app, '/api/apikey', { name: 42 }, bearer(token));
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/name/);
    expect(readFileSync(server.dbFile).equals(before)).toBe(true);
  });
});

describe('the data file', () => {
  beforeEach(async () => {
    server = await startTestServer();
  });

  it('keeps keys, purges and 2FA settings across a restart', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    await post(server.app, '/api/property/1/purge', { type: 'all' }, bearer(token));
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
  });

  it('holds no raw password, recovery code, key or TwoFactorToken', async () => {
    const token = await demoToken(server.app);
    const { key } = await createKey(server.app, token);
    const twoFactorToken = json(await login(server.app, SECURE_USER.email, SECURE_USER.password))
      .data.TwoFactorToken;
    await server.app.close();
    const file = readFileSync(server.dbFile, 'utf8');
    for (const secret of [
      DEMO_USER.password,
      SECURE_USER.password,
      ...SECURE_USER.recoveryCodes,
      key,
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

  it('documents every endpoint the server answers', async () => {
    const paths = Object.keys((await get(server.app, '/swagger/v1/swagger.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/Auth/Login',
        '/api/Auth/2fa/verify',
        '/api/Auth/ExternalLogin',
        '/api/account',
        '/api/account/2fa/setup',
        '/api/account/2fa/enable',
        '/api/account/2fa/disable',
        '/api/account/2fa/recovery-codes',
        '/api/account/password',
        '/api/apikey',
        '/api/apikey/{id}/revoke',
        '/api/property',
        '/api/property/{id}',
        '/api/property/{id}/purge',
      ]),
    );
  });
});

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
    const verified = await post(server.app, '/api/Auth/2fa/verify', {
      twoFactorToken: await secureTwoFactorToken(server.app),
      code: totp,
    });
    const secure = json(verified).data.Token;
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
      DEMO_USER.password,
      SECURE_USER.password,
      SECURE_USER.recoveryCodes[5],
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
