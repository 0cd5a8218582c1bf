import { createHash } from 'node:crypto';
import { request } from 'node:http';
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import type { JWK } from 'jose';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { createFakeClock } from './clock.ts';
import type { FakeClock } from './clock.ts';
import { OIDC_CLIENT_ID } from './oidc-provider.ts';
import { PasswordQueue } from './password-queue.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import { buildServer } from './server.ts';
import {
  HoldingQueue,
  bearer,
  createKey,
  get,
  json,
  login,
  post,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';

// `inject` sends `Host: localhost:80`, which is this issuer's host.
const ISSUER = 'http://localhost/oidc';
const PANEL_LOGIN = 'http://localhost/login';
const DEV_SERVER_LOGIN = 'http://localhost:4200/login';
const VERIFIER = 'a-pkce-code-verifier-that-is-long-enough-to-be-valid-1234567890';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let signingKey: JWK;
let server: TestServer;
let clock: FakeClock;
beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key' };
});
beforeEach(async () => {
  // The provider stamps tokens with the real time; the API checks them against this clock.
  clock = createFakeClock(Date.now());
  server = await startTestServer({
    clock,
    oidc: { issuer: ISSUER, redirectUris: [DEV_SERVER_LOGIN], signingKey },
  });
});
afterEach(() => server.close());

const authorizeParams: Record<string, string> = {
  response_type: 'code',
  client_id: OIDC_CLIENT_ID,
  redirect_uri: PANEL_LOGIN,
  scope: 'openid email profile',
  state: 'state-123',
  nonce: 'nonce-456',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
};

/** A browser's cookies for one host, enough for the provider's interaction cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      const expired = cookie.expires !== undefined && cookie.expires.getTime() < Date.now();
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function location(response: LightMyRequestResponse): URL {
  return new URL(response.headers['location'] as string, ISSUER);
}

async function browserGet(jar: CookieJar, url: string | URL, headers = {}) {
  const { pathname, search } = new URL(url, ISSUER);
  return jar.store(
    await server.app.inject({
      method: 'GET',
      url: pathname + search,
      headers: { cookie: jar.header, ...headers },
    }),
  );
}

function postForm(url: string, fields: Record<string, string>, cookie = '') {
  return server.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

/** Opens the provider's sign-in page for an authorization request; returns its form's URL. */
async function openSignInPage(jar: CookieJar, params = authorizeParams) {
  const started = await browserGet(jar, `/oidc/auth?${new URLSearchParams(params)}`);
  expect(started.statusCode).toBe(303);
  const signInPage = await browserGet(jar, location(started));
  expect(signInPage.statusCode).toBe(200);
  return { formUrl: location(started).pathname, page: signInPage };
}

/** Types e-mail and password into the provider's form; returns the redirect back to the panel. */
async function signInAtProvider(
  email: string,
  password: string,
  params = authorizeParams,
  jar = new CookieJar(),
) {
  const { formUrl } = await openSignInPage(jar, params);
  const submitted = jar.store(await postForm(formUrl, { email, password }, jar.header));
  expect(submitted.statusCode).toBe(303);
  // No consent page: the panel is first-party, so the provider goes straight back to it.
  const resumed = await browserGet(jar, location(submitted));
  expect(resumed.statusCode).toBe(303);
  return location(resumed);
}

function redeem(code: string, verifier = VERIFIER, redirectUri = PANEL_LOGIN) {
  return postForm('/oidc/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: OIDC_CLIENT_ID,
    code_verifier: verifier,
  });
}

async function idTokenFor(email: string, password: string, nonce = 'nonce-456'): Promise<string> {
  const callback = await signInAtProvider(email, password, { ...authorizeParams, nonce });
  const tokens = await redeem(callback.searchParams.get('code') as string);
  expect(tokens.statusCode).toBe(200);
  return tokens.json().id_token;
}

/** An ID token with the given changes, signed with `key` (the provider's own by default). */
async function mintIdToken(changes: Record<string, unknown> = {}, key: JWK = signingKey) {
  const now = Math.floor(clock.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: OIDC_CLIENT_ID,
    sub: '1',
    nonce: `nonce-${now}-${Math.random()}`,
    iat: now,
    auth_time: now,
    exp: now + 600,
    ...changes,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid as string })
    .sign(await importJWK(key, 'RS256'));
}

function externalLogin(idToken: string, nonce?: string) {
  return post(
    server.app,
    '/api/Auth/ExternalLogin',
    nonce === undefined ? { idToken } : { idToken, nonce },
  );
}

describe('the identity provider at /oidc (panva oidc-provider)', () => {
  it('publishes discovery for the configured issuer, with iss in responses and S256 only', async () => {
    const response = await get(server.app, '/oidc/.well-known/openid-configuration');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/auth`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks`,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    // angular-oauth2-oidc's strict validation wants every endpoint under the issuer.
    for (const [name, value] of Object.entries(document))
      if (name.endsWith('_endpoint') || name === 'jwks_uri')
        expect(value).toMatch(new RegExp(`^${ISSUER}/`));
  });

  it('does not answer for another host, so the issuer never follows the Host header', async () => {
    for (const host of ['evil.test', 'evil.test@localhost', 'localhost:4200', 'localhost.'])
      for (const url of ['/oidc/.well-known/openid-configuration', '/oidc/jwks', '/oidc/auth'])
        expect((await get(server.app, url, { host })).statusCode).toBe(404);
    // The control: the issuer's host, with or without its default port, in any case.
    for (const host of ['localhost', 'localhost:80', 'LocalHost'])
      expect((await get(server.app, '/oidc/jwks', { host })).statusCode).toBe(200);
  });

  it('answers a path none of its routes has with the mock 404 envelope', async () => {
    for (const url of ['/oidc/x', '/oidc/token/x']) {
      const response = await get(server.app, url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ succeeded: false, message: 'Not found.', data: null });
    }
  });

  it('answers a path starting with // under /oidc without a 500', async () => {
    // `new URL('//%2f', base)` reads `%2f` as a host and throws: the provider's path is appended.
    for (const url of ['/oidc//%2f', '/oidc//x/.well-known/openid-configuration', '/oidc//'])
      expect((await get(server.app, url)).statusCode).toBeLessThan(500);
  });

  it('publishes the public half of its signing key only', async () => {
    const { keys } = (await get(server.app, '/oidc/jwks')).json();
    expect(keys).toEqual([
      { kty: 'RSA', kid: 'test-key', alg: 'RS256', use: 'sig', n: signingKey.n, e: signingKey.e },
    ]);
  });

  it('signs a user in with e-mail and password and returns code, state and iss to the panel', async () => {
    const callback = await signInAtProvider(DEMO_USER.email, DEMO_USER.password);
    expect(callback.origin + callback.pathname).toBe(PANEL_LOGIN);
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(callback.searchParams.get('iss')).toBe(ISSUER);
    const tokens = (await redeem(callback.searchParams.get('code') as string)).json();
    const jwks = (await get(server.app, '/oidc/jwks')).json();
    const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      audience: OIDC_CLIENT_ID,
    });
    expect(payload).toMatchObject({ sub: '1', email: DEMO_USER.email, nonce: 'nonce-456' });
  });

  it('accepts the configured extra redirect URI, exactly', async () => {
    const callback = await signInAtProvider(DEMO_USER.email, DEMO_USER.password, {
      ...authorizeParams,
      redirect_uri: DEV_SERVER_LOGIN,
    });
    expect(callback.origin + callback.pathname).toBe(DEV_SERVER_LOGIN);
    const code = callback.searchParams.get('code') as string;
    expect((await redeem(code, VERIFIER, DEV_SERVER_LOGIN)).statusCode).toBe(200);
  });

  it.each([
    ['another site', 'https://evil.test/login'],
    ['another path', 'http://localhost/elsewhere'],
    ['another port', 'http://localhost:4201/login'],
    ['a query added', `${PANEL_LOGIN}?next=x`],
  ])('refuses a redirect_uri on %s without redirecting', async (_what, redirectUri) => {
    const response = await get(
      server.app,
      `/oidc/auth?${new URLSearchParams({ ...authorizeParams, redirect_uri: redirectUri })}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['location']).toBeUndefined();
    expect(response.body).toContain('redirect_uri');
  });

  it.each([
    ['missing', { code_challenge: '', code_challenge_method: '' }],
    ['plain', { code_challenge: VERIFIER, code_challenge_method: 'plain' }],
  ])('refuses an authorization request with PKCE %s', async (_what, pkce) => {
    const params = Object.fromEntries(
      Object.entries({ ...authorizeParams, ...pkce }).filter(([, value]) => value !== ''),
    );
    const response = await get(server.app, `/oidc/auth?${new URLSearchParams(params)}`);
    expect(response.statusCode).toBe(303);
    const callback = location(response);
    expect(callback.origin + callback.pathname).toBe(PANEL_LOGIN);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it.each(['/oidc/AUTH', '/oidc/auth/', '/oidc/Auth/.', '/oidc/x/../auth'])(
    'refuses response_mode=form_post at %s, a spelling of /oidc/auth the provider accepts',
    async (path) => {
      const params = new URLSearchParams({ ...authorizeParams, response_mode: 'form_post' });
      const response = await get(server.app, `${path}?${params}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['location']).toBeUndefined();
    },
  );

  it.each([
    ['GET with response_mode=form_post (an inline script)', 'GET', { response_mode: 'form_post' }],
    ['GET with response_mode=fragment', 'GET', { response_mode: 'fragment' }],
    ['POST', 'POST', {}],
  ])('refuses an authorization request by %s', async (_what, method, extra) => {
    const response = await server.app.inject({
      method: method as 'GET' | 'POST',
      url: `/oidc/auth?${new URLSearchParams({ ...authorizeParams, ...extra })}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['location']).toBeUndefined();
    expect(response.body).not.toContain('<script');
  });

  it('redeems a code once, and only with its code_verifier', async () => {
    const callback = await signInAtProvider(DEMO_USER.email, DEMO_USER.password);
    const code = callback.searchParams.get('code') as string;
    expect((await redeem(code, `${VERIFIER}-wrong`)).json().error).toBe('invalid_grant');

    const second = await signInAtProvider(DEMO_USER.email, DEMO_USER.password);
    const secondCode = second.searchParams.get('code') as string;
    expect((await redeem(secondCode)).statusCode).toBe(200);
    const reused = await redeem(secondCode);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toBe('invalid_grant');
  });

  it('shows an accessible sign-in form with no script, under the mock CSP', async () => {
    const { page } = await openSignInPage(new CookieJar());
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toMatch(/<title>Sign in to Paradarum/);
    expect(page.body).toContain('<label for="email">E-mail</label>');
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.body).not.toMatch(/<script|\son\w+=/i);
  });

  it("lets the form's redirects reach exactly the registered redirect origins (form-action)", async () => {
    const jar = new CookieJar();
    const { formUrl, page } = await openSignInPage(jar);
    const wrong = await postForm(
      formUrl,
      { email: DEMO_USER.email, password: 'not-the-password' },
      jar.header,
    );
    const widened = CONTENT_SECURITY_POLICY.replace(
      "form-action 'self'",
      "form-action 'self' http://localhost http://localhost:4200",
    );
    expect(widened).not.toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toBe(widened);
    expect(wrong.headers['content-security-policy']).toBe(widened);
    // Everywhere else, forms post to the origin itself only.
    for (const url of ['/api/account', '/oidc/jwks'])
      expect((await get(server.app, url)).headers['content-security-policy']).toBe(
        CONTENT_SECURITY_POLICY,
      );
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const answer = async (email: string, password: string) => {
      const response = await postForm(formUrl, { email, password }, jar.header);
      return {
        status: response.statusCode,
        location: response.headers['location'],
        body: response.body.replace(email, '<email>'),
      };
    };
    const wrongPassword = await answer(DEMO_USER.email, 'not-the-password');
    expect(wrongPassword).toMatchObject({ status: 401, location: undefined });
    expect(wrongPassword.body).toContain('Wrong e-mail or password.');
    expect(await answer('nobody@paradarum.test', DEMO_USER.password)).toEqual(wrongPassword);
    // The same interaction still signs in with the right password afterwards.
    const right = await postForm(
      formUrl,
      { email: DEMO_USER.email, password: DEMO_USER.password },
      jar.header,
    );
    expect(right.statusCode).toBe(303);
  });

  it.each([
    ['a demo user', DEMO_USER.email],
    ['an unknown e-mail', 'nobody@paradarum.test'],
  ])(
    'tries at most 5 of 20 parallel passwords for %s, then waits 5 minutes',
    async (_who, email) => {
      const jar = new CookieJar();
      const { formUrl } = await openSignInPage(jar);
      const attempt = (password: string) => postForm(formUrl, { email, password }, jar.header);
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(i === 19 ? DEMO_USER.password : `wrong-${i}`)),
      );
      const statuses = guesses.map((response) => response.statusCode);
      // Like Login: four 401s, and the fifth failure locks (429) along with the 15 never tried.
      expect(statuses.filter((status) => status === 401)).toHaveLength(4);
      expect(statuses.filter((status) => status === 429)).toHaveLength(16);
      expect(guesses[19]?.body).toContain('Too many failed sign-in attempts.');
      const locked = await attempt(DEMO_USER.password);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('300');
      clock.advance(5 * 60_000 + 1);
      const after = await attempt(DEMO_USER.password);
      expect(after.statusCode).toBe(email === DEMO_USER.email ? 303 : 401);
    },
  );

  it.each([
    ['the form, then Login', 'form', 'api'],
    ['Login, then the form', 'api', 'form'],
  ])('counts failures at %s toward one lockout', async (_order, first, then) => {
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const tryAt = async (where: string, password: string) =>
      where === 'form'
        ? (await postForm(formUrl, { email: DEMO_USER.email, password }, jar.header)).statusCode
        : (await login(server.app, DEMO_USER.email, password)).statusCode;
    for (let n = 1; n <= 4; n++) expect(await tryAt(first, `wrong-${n}`)).toBe(401);
    expect(await tryAt(then, 'wrong-5')).toBe(429);
    expect(await tryAt(first, DEMO_USER.password)).toBe(429);
  });

  it('answers 503 on the form when the password-hashing queue is full, like Login', async () => {
    await server.close();
    server = await startTestServer({
      clock,
      oidc: { issuer: ISSUER, signingKey },
      passwordQueue: new PasswordQueue(0, 0),
    });
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const fields = { email: DEMO_USER.email, password: DEMO_USER.password };
    const response = await postForm(formUrl, fields, jar.header);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toContain('The server is busy.');
  });

  it('asks for the password again on the next sign-in in the same browser', async () => {
    const jar = new CookieJar();
    await signInAtProvider(DEMO_USER.email, DEMO_USER.password, authorizeParams, jar);
    // The browser now holds the provider's session cookie, yet it is asked to sign in again.
    const again = await browserGet(jar, `/oidc/auth?${new URLSearchParams(authorizeParams)}`);
    expect(again.statusCode).toBe(303);
    expect(location(again).pathname).toMatch(/^\/oidc\/interaction\//);
    const callback = await signInAtProvider(
      SECURE_USER.email,
      SECURE_USER.password,
      authorizeParams,
      jar,
    );
    const tokens = (await redeem(callback.searchParams.get('code') as string)).json();
    expect(decodeJwt(tokens.id_token)).toMatchObject({ email: SECURE_USER.email });
  });

  it('refuses the sign-in form without the interaction cookie of its browser', async () => {
    const { formUrl } = await openSignInPage(new CookieJar());
    const response = await postForm(formUrl, {
      email: DEMO_USER.email,
      password: DEMO_USER.password,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['location']).toBeUndefined();
  });

  it('keeps urlencoded bodies inside /oidc: the API still answers 415', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/Auth/Login',
      payload: `username=${DEMO_USER.email}&password=${DEMO_USER.password}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('malformed requests to the provider', () => {
  it('never answer 5xx and never sign anyone in', async () => {
    const { formUrl } = await openSignInPage(new CookieJar());
    const paths = ['/oidc/auth', '/oidc/token', '/oidc/jwks', '/oidc/me', formUrl, '/oidc/x'];
    const types = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.constantFrom(...paths),
        fc.dictionary(
          fc.constantFrom(...Object.keys(authorizeParams), 'email', 'password', 'code'),
          fc.string(),
        ),
        fc.constantFrom(...types),
        fc.string(),
        async (method, path, params, type, cookie) => {
          const query = new URLSearchParams(params).toString();
          const response = await server.app.inject({
            method: method as 'GET' | 'POST' | 'PUT' | 'DELETE',
            url: `${path}?${query}`,
            headers: {
              ...(type ? { 'content-type': type } : {}),
              cookie: `_interaction=${encodeURIComponent(cookie)}`,
            },
            ...(method === 'GET' ? {} : { payload: query }),
          });
          expect(response.statusCode).toBeLessThan(500);
          expect(String(response.headers['location'] ?? '')).not.toMatch(/[?&]code=/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('where the provider answers', () => {
  let other: TestServer;
  beforeEach(async () => {
    other = await startTestServer({ oidc: {}, logLevel: 'error' });
  });
  afterEach(() => other.close());

  it('derives its issuer from the loopback address it listens on', async () => {
    const { app } = other;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/oidc/.well-known/openid-configuration`);
    expect(((await response.json()) as { issuer: string }).issuer).toBe(
      `http://127.0.0.1:${port}/oidc`,
    );
    // Reached under another name (DNS rebinding, a LAN alias), it is not there.
    const status = await new Promise((resolve, reject) =>
      request({
        host: '127.0.0.1',
        port,
        path: '/oidc/jwks',
        headers: { host: `localhost:${port}` },
      })
        .on('response', (answer) => resolve(answer.resume().statusCode))
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(404);
  });

  it('is off when not listening on loopback and no issuer is configured', async () => {
    for (const url of ['/oidc/.well-known/openid-configuration', '/oidc/interaction/x']) {
      const response = await get(other.app, url);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ succeeded: false, message: 'Not found.', data: null });
    }
  });

  it('refuses an issuer that is not mounted at /oidc', async () => {
    await expect(
      buildServer({ dbFile: `${other.dbFile}.2`, oidc: { issuer: 'http://localhost/sso' } }),
    ).rejects.toThrow('/oidc');
  });
});

describe('POST /api/Auth/ExternalLogin', () => {
  it('exchanges the ID token for a session JWT, like Login', async () => {
    const response = await externalLogin(await idTokenFor(DEMO_USER.email, DEMO_USER.password));
    expect(response.statusCode).toBe(200);
    const { Token: token, Message } = json(response).data;
    expect(Message).toBe('Success');
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(200);
  });

  it('asks the two-factor user for the second factor', async () => {
    const idToken = await idTokenFor(SECURE_USER.email, SECURE_USER.password);
    expect(json(await externalLogin(idToken, 'nonce-456')).data).toEqual({
      RequiresTwoFactor: true,
      TwoFactorToken: expect.any(String),
    });
  });

  it('accepts a token minted like the provider does (the control for the refusals below)', async () => {
    expect((await externalLogin(await mintIdToken({ nonce: 'n-1' }), 'n-1')).statusCode).toBe(200);
  });

  it.each([
    ['another issuer', { iss: 'http://localhost:4200/oidc' }],
    ['another audience', { aud: 'some-other-client' }],
    ['no nonce', { nonce: undefined }],
    ['an unknown subject', { sub: '999' }],
  ])('refuses a token with %s', async (_what, changes) => {
    const response = await externalLogin(await mintIdToken(changes));
    expect(response.statusCode).toBe(401);
    expect(json(response).message).toBe('The identity provider sign-in was not accepted.');
  });

  it('refuses an expired token', async () => {
    const idToken = await mintIdToken();
    clock.advance(601_000);
    expect((await externalLogin(idToken)).statusCode).toBe(401);
  });

  it('refuses a token signed with another key, or unsigned', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const otherKey = { ...(await exportJWK(privateKey)), kid: 'test-key' };
    expect((await externalLogin(await mintIdToken({}, otherKey))).statusCode).toBe(401);
    const [header, payload] = (await mintIdToken()).split('.');
    expect((await externalLogin(`${header}.${payload}.`)).statusCode).toBe(401);
  });

  it('refuses a token without auth_time: when its sign-in began cannot be told', async () => {
    expect((await externalLogin(await mintIdToken({ auth_time: undefined }))).statusCode).toBe(401);
  });

  it('refuses a nonce other than the one the panel sent, and a replayed token', async () => {
    const idToken = await mintIdToken({ nonce: 'the-nonce' });
    expect((await externalLogin(idToken, 'another-nonce')).statusCode).toBe(401);
    expect((await externalLogin(idToken, 'the-nonce')).statusCode).toBe(200);
    expect((await externalLogin(idToken, 'the-nonce')).statusCode).toBe(401);
  });
});

describe('single sign-on when the password changes', () => {
  const NEW_PASSWORD = 'A-brand-new-password-1';
  const changePassword = (headers: Record<string, string>) =>
    post(
      server.app,
      '/api/account/password',
      { currentPassword: DEMO_USER.password, newPassword: NEW_PASSWORD },
      headers,
    );

  it.each([
    [
      'a session',
      async () =>
        bearer(json(await login(server.app, DEMO_USER.email, DEMO_USER.password)).data.Token),
    ],
    [
      'an API key',
      async () => {
        const token = json(await login(server.app, DEMO_USER.email, DEMO_USER.password)).data.Token;
        return { 'x-api-key': (await createKey(server.app, token)).key };
      },
    ],
  ])('refuses an ID token minted before a change made with %s', async (_credential, credential) => {
    const headers = await credential();
    const idToken = await idTokenFor(DEMO_USER.email, DEMO_USER.password);
    clock.advance(2_000);
    expect((await changePassword(headers)).statusCode).toBe(200);
    const response = await externalLogin(idToken, 'nonce-456');
    expect(response.statusCode).toBe(401);
    expect(json(response).message).toBe('The identity provider sign-in was not accepted.');
    // The control: a sign-in at the provider after the change, with the new password.
    clock.advance(1_000);
    const after = await idTokenFor(DEMO_USER.email, NEW_PASSWORD, 'nonce-after');
    expect((await externalLogin(after)).statusCode).toBe(200);
  });

  it('refuses an ID token minted before two-factor was turned off', async () => {
    const idToken = await idTokenFor(SECURE_USER.email, SECURE_USER.password);
    const first = json(await externalLogin(idToken)).data.TwoFactorToken as string;
    const session = await post(server.app, '/api/Auth/2fa/verify', {
      twoFactorToken: first,
      code: SECURE_USER.recoveryCodes[0],
    });
    const before = await idTokenFor(SECURE_USER.email, SECURE_USER.password, 'nonce-before');
    clock.advance(2_000);
    const disabled = await post(
      server.app,
      '/api/account/2fa/disable',
      { code: SECURE_USER.recoveryCodes[1] },
      bearer(json(session).data.Token),
    );
    expect(disabled.statusCode).toBe(200);
    // Without the second factor now, it would have answered a session.
    expect((await externalLogin(before)).statusCode).toBe(401);
  });

  it('signs nobody in at the form when its password check is in flight as the change answers', async () => {
    await server.close();
    const queue = new HoldingQueue();
    server = await startTestServer({
      clock,
      oidc: { issuer: ISSUER, redirectUris: [DEV_SERVER_LOGIN], signingKey },
      passwordQueue: queue,
    });
    const headers = bearer(
      json(await login(server.app, DEMO_USER.email, DEMO_USER.password)).data.Token,
    );
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const held = queue.holdNext();
    const submitted = postForm(
      formUrl,
      { email: DEMO_USER.email, password: DEMO_USER.password },
      jar.header,
    );
    await held.started;
    expect((await changePassword(headers)).statusCode).toBe(200);
    held.release();
    const response = await submitted;
    expect(response.statusCode).toBe(401);
    expect(response.headers['location']).toBeUndefined();
    expect(response.body).toContain('Wrong e-mail or password.');
  });
});

describe('pending sign-ins under a flood of anonymous starts', () => {
  const start = (remoteAddress: string) =>
    server.app.inject({
      method: 'GET',
      url: `/oidc/auth?${new URLSearchParams(authorizeParams)}`,
      remoteAddress,
    });

  /** Finishes the sign-in at `formUrl` and redeems its code: what a user who took their time does. */
  async function finish(jar: CookieJar, formUrl: string) {
    const fields = { email: DEMO_USER.email, password: DEMO_USER.password };
    const submitted = jar.store(await postForm(formUrl, fields, jar.header));
    expect(submitted.statusCode).toBe(303);
    const callback = location(await browserGet(jar, location(submitted)));
    expect(callback.origin + callback.pathname).toBe(PANEL_LOGIN);
    return (await redeem(callback.searchParams.get('code') as string)).statusCode;
  }

  it('keeps a pending sign-in through 2,100 starts from one address, refusing that address past its share', async () => {
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const statuses = new Map<number, number>();
    for (let n = 0; n < 2_100; n++) {
      const { statusCode } = await start('203.0.113.7');
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 303: 100, 429: 2_000 });
    // Spelled as the provider also accepts it, a start is counted all the same.
    for (const path of ['/oidc/AUTH', '/oidc/auth/', '/oidc/x/../auth'])
      expect(
        (
          await server.app.inject({
            url: `${path}?${new URLSearchParams(authorizeParams)}`,
            remoteAddress: '203.0.113.7',
          })
        ).statusCode,
      ).toBe(429);
    const refused = await start('203.0.113.7');
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.headers['location']).toBeUndefined();
    expect(refused.body).toContain('Too many sign-ins were started from your address.');
    expect(await finish(jar, formUrl)).toBe(200);
    // Its share comes back as its starts age out of the interaction's 10 minutes.
    clock.advance(600_000);
    expect((await start('203.0.113.7')).statusCode).toBe(303);
  }, 60_000);

  it('keeps a pending sign-in through 2,100 starts from 2,100 addresses', async () => {
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    for (let n = 0; n < 2_100; n++)
      expect((await start(`10.0.${n >> 8}.${n & 255}`)).statusCode).toBe(303);
    expect(await finish(jar, formUrl)).toBe(200);
  }, 60_000);

  it('refuses new starts past the overall bound instead of dropping pending ones', async () => {
    await server.close();
    server = await startTestServer({
      clock,
      oidc: { issuer: ISSUER, signingKey, pendingSignIns: { perClient: 5, overall: 20 } },
    });
    const jar = new CookieJar();
    const { formUrl } = await openSignInPage(jar);
    const answers = [];
    for (let n = 0; n < 30; n++) answers.push((await start(`10.1.0.${n}`)).statusCode);
    expect(answers).toEqual([...Array(19).fill(303), ...Array(11).fill(503)]);
    expect(await finish(jar, formUrl)).toBe(200);
  });
});
