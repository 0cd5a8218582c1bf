import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK } from 'jose';
import { OIDC_CLIENT_ID } from './oidc-provider.ts';
import { PasswordQueue } from './password-queue.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import {
  bearer,
  createKey,
  demoToken,
  get,
  json,
  secureToken,
  secureTwoFactorToken,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';
import { totpCode } from './two-factor.ts';

/**
 * The OpenAPI document against the server: real requests provoke each documented status of each
 * operation, and every body is validated (Ajv) against the schema the document gives for it.
 */

const ISSUER = 'http://localhost/oidc';
type Method = 'get' | 'post';
interface OpenApiDocument {
  servers: { url: string }[];
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  paths: Record<
    string,
    Partial<Record<Method, { operationId?: string; responses: Record<string, unknown> }>>
  >;
}

let server: TestServer;
let document: OpenApiDocument;
let ajv: Ajv;
let signingKey: JWK;
let queue: PasswordQueue;
/** `POST /api/apikey 201`: every documented response that a request here provoked. */
const provoked = new Set<string>();
const validators = new Map<string, ValidateFunction>();

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  signingKey = { ...(await exportJWK(privateKey)), kid: 'contract-key' };
  queue = new PasswordQueue(1, 0);
  server = await startTestServer({ oidc: { issuer: ISSUER, signingKey }, passwordQueue: queue });
  document = (await get(server.app, '/swagger/v1/swagger.json')).json();
  ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: `.default` is the plugin under both Node's and ts-jest's interop.
  addFormats.default(ajv);
  ajv.addSchema(document, 'openapi.json');
});
afterAll(() => server.close());

function pointer(...segments: string[]): string {
  return segments
    .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
}

/** The documented response for the status: its own entry, else the `4XX`/`5XX` range. */
function documentedStatus(method: Method, path: string, status: number): string {
  const responses = document.paths[path]?.[method]?.responses;
  if (!responses) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
  const key = [String(status), `${String(status)[0]}XX`].find((k) => k in responses);
  if (!key) throw new Error(`${method.toUpperCase()} ${path} does not document ${status}`);
  return key;
}

function validatorFor(method: Method, path: string, status: string): ValidateFunction {
  const ref = `openapi.json#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`;
  const cached = validators.get(ref);
  if (cached) return cached;
  const validate = ajv.compile({ $ref: ref });
  validators.set(ref, validate);
  return validate;
}

/** Sends a request to a documented operation and checks the answer against the document. */
async function call(
  method: Method,
  path: string,
  options: { url?: string; payload?: unknown; headers?: InjectOptions['headers'] } = {},
): Promise<LightMyRequestResponse> {
  const response = await server.app.inject({
    method: method.toUpperCase() as 'GET' | 'POST',
    url: options.url ?? path,
    ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    headers: options.headers ?? {},
  });
  const status = documentedStatus(method, path, response.statusCode);
  const validate = validatorFor(method, path, status);
  const body: unknown = response.json();
  if (!validate(body))
    throw new Error(
      `${method.toUpperCase()} ${path} ${response.statusCode}: ${ajv.errorsText(validate.errors)} in ${response.body}`,
    );
  provoked.add(`${method.toUpperCase()} ${path} ${status}`);
  return response;
}

async function mintIdToken(sub: string): Promise<string> {
  const now = Math.floor(server.clock.now() / 1000);
  const claims = { iss: ISSUER, aud: OIDC_CLIENT_ID, sub, auth_time: now };
  return new SignJWT({ ...claims, nonce: `n-${Math.random()}` })
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .setProtectedHeader({ alg: 'RS256', kid: 'contract-key' })
    .sign(await importJWK(signingKey, 'RS256'));
}

/** Occupies the server's one-slot hashing queue until the returned function is called. */
function fillHashingQueue(): () => Promise<void> {
  let release: (() => void) | undefined;
  const busy = queue.run(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
      }),
  );
  return async () => {
    release?.();
    await busy;
  };
}

function operations(): [Method, string][] {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    (Object.keys(byMethod) as Method[]).map((method): [Method, string] => [method, path]),
  );
}

/** A documented path with its `{id}` filled in. */
function withId(path: string, id: number | string): string {
  return path.replace('{id}', String(id));
}

describe('the OpenAPI document against the server', () => {
  it('the validators refuse what the schemas do not allow', async () => {
    // A check that always passed would prove nothing: a key's hash, or a missing field, fails.
    const token = await demoToken(server.app);
    const created = (
      await call('post', '/api/apikey', { payload: { name: 'k' }, headers: bearer(token) })
    ).json();
    const listing = validatorFor('get', '/api/apikey', '200');
    expect(listing(created)).toBe(false);
    expect(listing({ ...created, data: [{ ...created.data, key: undefined, hash: 'ab' }] })).toBe(
      false,
    );
    const { key: _raw, ...entry } = created.data;
    expect(listing({ ...created, data: [entry] })).toBe(true);
    expect(listing({ ...created, data: [{ ...entry, lastUsedAt: 5 }] })).toBe(false);
    expect(
      validatorFor('get', '/api/apikey', '401')({ succeeded: true, message: '', data: {} }),
    ).toBe(false);
  });

  it('serialises only the declared fields: the stored hash and account id stay in', async () => {
    const token = await demoToken(server.app);
    const headers = bearer(token);
    const stored = await createKey(server.app, token);
    expect(stored.key).toMatch(/^pdm_/);
    const listed = json(await call('get', '/api/apikey', { headers })).data;
    for (const entry of listed) {
      expect(Object.keys(entry).sort()).toEqual([
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
      ]);
    }
    expect(JSON.stringify(listed)).not.toContain(stored.key);
  });

  it("passes swagger-parser and Redocly's recommended rules, the license warning aside", () => {
    const checked = spawnSync(
      process.execPath,
      ['--no-warnings=ExperimentalWarning', join(__dirname, 'check-openapi.ts')],
      { input: JSON.stringify(document), encoding: 'utf8' },
    );
    expect(checked.stderr).toBe('');
    const { invalid, problems } = JSON.parse(checked.stdout) as {
      invalid: string | null;
      problems: { rule: string }[];
    };
    expect(invalid).toBeNull();
    // The real API's license is not ours to state.
    expect(problems.filter((problem) => problem.rule !== 'info-license')).toEqual([]);
  });

  it('names every operation, once, and sets servers', () => {
    const names = operations().map(([method, path]) => document.paths[path]?.[method]?.operationId);
    expect(names.every((name) => typeof name === 'string' && /^[a-z][A-Za-z]+$/.test(name))).toBe(
      true,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('answers a sign-in with one of its two shapes: a token, or a two-factor challenge', () => {
    expect(document.components.schemas['SignInResult']).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/SignInToken' },
        { $ref: '#/components/schemas/SignInChallenge' },
      ],
    });
    expect(document.components.schemas['SignInToken']).toMatchObject({
      required: ['Token', 'Message'],
    });
    expect(document.components.schemas['SignInChallenge']).toMatchObject({
      required: ['RequiresTwoFactor', 'TwoFactorToken'],
      properties: { RequiresTwoFactor: { enum: [true] } },
    });
  });

  it('declares only the Bearer scheme and lets the sign-in operations go without it', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['Bearer']);
    expect(JSON.stringify(document)).not.toMatch(/x-api-key|"in":"header"/i);
    for (const path of ['/api/Auth/Login', '/api/Auth/2fa/verify', '/api/Auth/ExternalLogin'])
      expect(document.paths[path]?.post).toMatchObject({ security: [] });
    expect(document.paths['/api/apikey']?.get).not.toHaveProperty('security');
  });

  it('names the raw key in the create response only', () => {
    const withKey = operations().flatMap(([method, path]) =>
      Object.entries(document.paths[path]?.[method]?.responses ?? {})
        .filter(([, response]) => /"key":\{/.test(JSON.stringify(response)))
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    );
    expect(withKey).toEqual(['POST /api/apikey 201']);
  });

  it('answers every protected operation without credentials with the documented 401', async () => {
    const anonymous = ['/api/Auth/Login', '/api/Auth/2fa/verify', '/api/Auth/ExternalLogin'];
    for (const [method, path] of operations())
      if (!anonymous.includes(path))
        expect(
          (
            await call(method, path, {
              url: withId(path, 1),
              payload: method === 'post' ? {} : undefined,
            })
          ).statusCode,
        ).toBe(401);
  });

  it('answers bad bodies with the documented 400, 413 and 415', async () => {
    const token = await demoToken(server.app);
    for (const [method, path] of operations()) {
      if (method !== 'post' || path === '/api/account/2fa/setup' || path.endsWith('/revoke'))
        continue;
      const url = withId(path, 1);
      const headers = bearer(token);
      expect((await call(method, path, { url, payload: {}, headers })).statusCode).toBe(400);
      const huge = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
      const tooLarge = { 'content-type': 'application/json', ...headers };
      expect((await call(method, path, { url, payload: huge, headers: tooLarge })).statusCode).toBe(
        413,
      );
      const text = { 'content-type': 'text/plain', ...headers };
      expect((await call(method, path, { url, payload: 'hi', headers: text })).statusCode).toBe(
        415,
      );
    }
  });

  it('signs in and refuses sign-ins as documented', async () => {
    const login = (username: string, password: string) =>
      call('post', '/api/Auth/Login', { payload: { username, password } });
    expect(json(await login(DEMO_USER.email, DEMO_USER.password)).data.Token).toEqual(
      expect.any(String),
    );
    expect(json(await login(SECURE_USER.email, SECURE_USER.password)).data.RequiresTwoFactor).toBe(
      true,
    );
    expect((await login('nobody@paradarum.test', 'wrong')).statusCode).toBe(401);
    const release = fillHashingQueue();
    expect((await login(DEMO_USER.email, 'wrong')).statusCode).toBe(503);
    await release();
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 5; i++) last = await login('locked@paradarum.test', 'wrong');
    expect(last?.statusCode).toBe(429);

    const verify = (twoFactorToken: string, code: string) =>
      call('post', '/api/Auth/2fa/verify', { payload: { twoFactorToken, code } });
    const code = totpCode(SECURE_USER.totpSecret, server.clock.now());
    expect(json(await verify(await secureTwoFactorToken(server.app), code)).data.Token).toEqual(
      expect.any(String),
    );
    expect((await verify('no-such-token', '000000')).statusCode).toBe(401);

    const external = (idToken: string) =>
      call('post', '/api/Auth/ExternalLogin', { payload: { idToken } });
    expect(json(await external(await mintIdToken('1'))).data.Token).toEqual(expect.any(String));
    expect((await external('not.a.token')).statusCode).toBe(401);

    const challenge = await secureTwoFactorToken(server.app);
    for (let i = 0; i < 5; i++) last = await verify(challenge, '000000');
    expect(last?.statusCode).toBe(429);
    // The secure user is locked out now: the provider's token for them is refused the same way.
    expect((await external(await mintIdToken('2'))).statusCode).toBe(429);
    server.clock.advance(6 * 60_000);
  });

  it('answers the account operations as documented', async () => {
    const demo = bearer(await demoToken(server.app));
    const secure = bearer(await secureToken(server.app, server.clock));
    const now = () => server.clock.now();
    expect((await call('get', '/api/account', { headers: demo })).statusCode).toBe(200);

    const setup = await call('post', '/api/account/2fa/setup', { headers: demo });
    const secret = new URL(json(setup).data.authenticatorUri).searchParams.get('secret') as string;
    expect((await call('post', '/api/account/2fa/setup', { headers: secure })).statusCode).toBe(
      400,
    );
    const enable = (code: string) =>
      call('post', '/api/account/2fa/enable', { payload: { code }, headers: demo });
    expect((await enable('000000')).statusCode).toBe(400);
    expect(json(await enable(totpCode(secret, now()))).data.recoveryCodes).toHaveLength(10);

    server.clock.advance(30_000);
    const codes = (code: string) =>
      call('post', '/api/account/2fa/recovery-codes', { payload: { code }, headers: secure });
    expect((await codes(totpCode(SECURE_USER.totpSecret, now()))).statusCode).toBe(200);
    expect((await codes('000000')).statusCode).toBe(400);

    server.clock.advance(30_000);
    const disable = (code: string, headers: InjectOptions['headers'] = demo) =>
      call('post', '/api/account/2fa/disable', { payload: { code }, headers });
    const off = await disable(totpCode(secret, now()));
    expect(json(off).data).toMatchObject({ twoFactorEnabled: false, token: expect.any(String) });
    const renewed = bearer(json(off).data.token);
    expect((await disable('000000', renewed)).statusCode).toBe(400);

    const password = (
      currentPassword: string,
      newPassword: string,
      headers: InjectOptions['headers'] = renewed,
    ) =>
      call('post', '/api/account/password', { payload: { currentPassword, newPassword }, headers });
    expect((await password(DEMO_USER.password, 'short')).statusCode).toBe(400);
    const key = { 'x-api-key': (await createKey(server.app, json(off).data.token)).key };
    const changed = await password(DEMO_USER.password, 'a-new-long-password-1', key);
    expect(json(changed).data).toBeNull();
    const back = await password('a-new-long-password-1', DEMO_USER.password, key);
    expect(back.statusCode).toBe(200);

    // Wrong codes and wrong current passwords count toward the lockout: the fifth is a 429.
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 5; i++) last = await codes('000000');
    expect(last?.statusCode).toBe(429);
    server.clock.advance(6 * 60_000);
    const fresh = bearer(await secureToken(server.app, server.clock));
    for (let i = 0; i < 5; i++) last = await disable('000000', fresh);
    expect(last?.statusCode).toBe(429);
    server.clock.advance(6 * 60_000);
    for (let i = 0; i < 5; i++) last = await password('wrong-password-123', 'whatever-long-1', key);
    expect(last?.statusCode).toBe(429);
    server.clock.advance(6 * 60_000);
    const anotherDemo = bearer(await demoToken(server.app));
    const setupAgain = await call('post', '/api/account/2fa/setup', { headers: anotherDemo });
    expect(setupAgain.statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      last = await call('post', '/api/account/2fa/enable', {
        payload: { code: '000000' },
        headers: anotherDemo,
      });
    expect(last?.statusCode).toBe(429);
    server.clock.advance(6 * 60_000);
    const release = fillHashingQueue();
    expect((await password(DEMO_USER.password, 'a-new-long-password-2', key)).statusCode).toBe(503);
    await release();
  });

  it('answers the API key and property operations as documented', async () => {
    const headers = bearer(await secureToken(server.app, server.clock));
    expect((await call('get', '/api/apikey', { headers })).statusCode).toBe(200);
    const created = json(await call('post', '/api/apikey', { payload: { name: 'ci' }, headers }));
    const revoke = '/api/apikey/{id}/revoke';
    const revoked = await call('post', revoke, { url: withId(revoke, created.data.id), headers });
    expect(json(revoked).data.revokedAt).toEqual(expect.any(String));
    expect((await call('post', revoke, { url: withId(revoke, 1), headers })).statusCode).toBe(404);
    expect(
      (await call('post', '/api/apikey', { payload: { name: ' ' }, headers })).statusCode,
    ).toBe(400);

    expect((await call('get', '/api/property', { headers })).statusCode).toBe(200);
    for (const path of ['/api/property/{id}', '/api/property/{id}/purge']) {
      expect((await call('get', path, { url: withId(path, 4), headers })).statusCode).toBe(200);
      // Another account's property and a malformed id are both unknown.
      expect((await call('get', path, { url: withId(path, 1), headers })).statusCode).toBe(404);
      expect((await call('get', path, { url: withId(path, 'x'), headers })).statusCode).toBe(404);
    }
    const purge = '/api/property/{id}/purge';
    const purged = await call('post', purge, {
      url: withId(purge, 4),
      payload: { type: 'all' },
      headers,
    });
    expect(json(purged).data.type).toBe('all');
    const elsewhere = { type: 'url', urls: ['https://example.test/'] };
    expect(
      (await call('post', purge, { url: withId(purge, 4), payload: elsewhere, headers }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('post', purge, { url: withId(purge, 1), payload: { type: 'all' }, headers }))
        .statusCode,
    ).toBe(404);
    expect((await call('get', purge, { url: withId(purge, 4), headers })).json().data).toHaveLength(
      1,
    );
  });

  it('provoked every documented response but the catch-all ranges', () => {
    const documented = operations().flatMap(([method, path]) =>
      Object.keys(document.paths[path]?.[method]?.responses ?? {}).map(
        (status) => `${method.toUpperCase()} ${path} ${status}`,
      ),
    );
    const missing = documented.filter((entry) => !provoked.has(entry));
    // 4XX/5XX are the envelope for anything else (a 500 cannot be provoked from outside).
    expect(missing.filter((entry) => !/ [45]XX$/.test(entry))).toEqual([]);
    expect(documented.length).toBeGreaterThan(60);
  });
});
