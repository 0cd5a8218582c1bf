import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { FastifyInstance } from 'fastify';
import { OIDC_CLIENT_ID } from './oidc-provider.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import { bearer, get, json, post, startTestServer } from './test-support.ts';
import type { TestServer } from './test-support.ts';

const REDIRECT_URI = 'http://localhost:4200/auth/callback';
const VERIFIER = 'a-pkce-code-verifier-that-is-long-enough-to-be-valid-1234567890';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const authorizeParams = {
  response_type: 'code',
  client_id: OIDC_CLIENT_ID,
  redirect_uri: REDIRECT_URI,
  scope: 'openid email',
  state: 'state-123',
  nonce: 'nonce-456',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
};

function form(app: FastifyInstance, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Runs the authorization code flow for `email` and returns the token endpoint's answer. */
async function signInAtProvider(email: string, verifier = VERIFIER) {
  const approved = await form(server.app, '/oidc/authorize', { ...authorizeParams, email });
  expect(approved.statusCode).toBe(302);
  const callback = new URL(approved.headers['location'] as string);
  expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
  expect(callback.searchParams.get('state')).toBe('state-123');
  return form(server.app, '/oidc/token', {
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code') as string,
    redirect_uri: REDIRECT_URI,
    client_id: OIDC_CLIENT_ID,
    code_verifier: verifier,
  });
}

describe('mock OpenID Connect provider', () => {
  it('publishes a discovery document on its own origin', async () => {
    const document = (await get(server.app, '/oidc/.well-known/openid-configuration')).json();
    expect(document).toMatchObject({
      issuer: 'http://localhost:80/oidc',
      jwks_uri: 'http://localhost:80/oidc/jwks',
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('renders a sign-in page with a button per demo user', async () => {
    const response = await get(
      server.app,
      `/oidc/authorize?${new URLSearchParams(authorizeParams)}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('Sign in to Paradarum (mock identity provider)');
    expect(response.body).toContain(`value="${DEMO_USER.email}"`);
    expect(response.body).toContain(`value="${SECURE_USER.email}"`);
  });

  it('refuses an authorization request without PKCE', async () => {
    const { code_challenge, ...withoutPkce } = authorizeParams;
    expect(
      (await get(server.app, `/oidc/authorize?${new URLSearchParams(withoutPkce)}`)).statusCode,
    ).toBe(400);
  });

  it('issues an RS256 ID token for the panel with the nonce and e-mail, verifiable with its JWKS', async () => {
    const tokens = (await signInAtProvider(DEMO_USER.email)).json();
    const jwks = (await get(server.app, '/oidc/jwks')).json();
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), {
      issuer: 'http://localhost:80/oidc',
      audience: OIDC_CLIENT_ID,
      currentDate: new Date(server.clock.now()),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ email: DEMO_USER.email, nonce: 'nonce-456' });
  });

  it('refuses a wrong code_verifier and a reused code', async () => {
    expect((await signInAtProvider(DEMO_USER.email, 'wrong-verifier')).statusCode).toBe(400);
    const approved = await form(server.app, '/oidc/authorize', {
      ...authorizeParams,
      email: DEMO_USER.email,
    });
    const code = new URL(approved.headers['location'] as string).searchParams.get('code') as string;
    const exchange = () =>
      form(server.app, '/oidc/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: OIDC_CLIENT_ID,
        code_verifier: VERIFIER,
      });
    expect((await exchange()).statusCode).toBe(200);
    expect((await exchange()).json().error).toBe('invalid_grant');
  });
});

describe('POST /api/Auth/ExternalLogin', () => {
  it('exchanges the ID token for a session JWT, like Login', async () => {
    const { id_token: idToken } = (await signInAtProvider(DEMO_USER.email)).json();
    const response = await post(server.app, '/api/Auth/ExternalLogin', { idToken });
    expect(response.statusCode).toBe(200);
    const token = json(response).data.Token;
    expect(json(response).data.Message).toBe('Success');
    expect(decodeJwt(token).email).toBe(DEMO_USER.email);
    expect((await get(server.app, '/api/account', bearer(token))).statusCode).toBe(200);
  });

  it('asks the 2FA user for the second factor', async () => {
    const { id_token: idToken } = (await signInAtProvider(SECURE_USER.email)).json();
    expect(json(await post(server.app, '/api/Auth/ExternalLogin', { idToken })).data).toEqual({
      RequiresTwoFactor: true,
      TwoFactorToken: expect.any(String),
    });
  });

  it('refuses a tampered, expired or foreign ID token', async () => {
    const { id_token: idToken } = (await signInAtProvider(DEMO_USER.email)).json();
    const [header, payload, signature] = idToken.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(idToken), email: SECURE_USER.email })).toString('base64url')}.${signature}`;
    expect(
      (await post(server.app, '/api/Auth/ExternalLogin', { idToken: forged })).statusCode,
    ).toBe(401);
    expect(
      (await post(server.app, '/api/Auth/ExternalLogin', { idToken: `${header}.${payload}.` }))
        .statusCode,
    ).toBe(401);
    const otherOrigin = await server.app.inject({
      method: 'POST',
      url: '/api/Auth/ExternalLogin',
      payload: { idToken },
      headers: { host: 'evil.test' },
    });
    expect(otherOrigin.statusCode).toBe(401);
    server.clock.advance(11 * 60_000);
    expect((await post(server.app, '/api/Auth/ExternalLogin', { idToken })).statusCode).toBe(401);
  });
});
