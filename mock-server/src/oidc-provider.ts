import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { deleteExpired } from './clock.ts';
import type { Clock } from './clock.ts';
import { randomToken } from './crypto.ts';
import type { Store } from './store.ts';

/** The OAuth client id the panel is registered with. */
export const OIDC_CLIENT_ID = 'paradarum-panel';
const CODE_LIFETIME_MS = 60_000;
const ID_TOKEN_LIFETIME_SECONDS = 10 * 60;
const KEY_ID = 'mock-oidc-1';

/** What the authorization endpoint needs from the client (query of GET, form of POST). */
interface AuthorizationRequest {
  response_type?: string;
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  nonce?: string;
  scope?: string;
  code_challenge?: string;
  code_challenge_method?: string;
  login_hint?: string;
  email?: string;
}

interface TokenRequest {
  grant_type?: string;
  code?: string;
  redirect_uri?: string;
  client_id?: string;
  code_verifier?: string;
}

interface IssuedCode {
  email: string;
  userId: number;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  expiresAt: number;
}

interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

/** A minimal OpenID Connect provider (authorization code + PKCE S256) so the panel's SSO works offline. */
export interface OidcProvider {
  routes(app: FastifyInstance): Promise<void>;
  /** The e-mail of a valid ID token this provider issued for `request`'s origin, or null. */
  verifyIdToken(idToken: string, request: FastifyRequest): Promise<string | null>;
}

/** The issuer is the origin the client reached us on, so it matches through a same-origin proxy too. */
function issuerFor(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/oidc`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Why the authorization request cannot be served, or null when it is valid. */
function authorizationProblem(query: AuthorizationRequest): string | null {
  if (query.response_type !== 'code') return 'response_type must be "code".';
  if (query.client_id !== OIDC_CLIENT_ID) return `client_id must be "${OIDC_CLIENT_ID}".`;
  if (!query.redirect_uri || !isHttpUrl(query.redirect_uri))
    return 'redirect_uri must be an absolute http(s) URL.';
  if (!query.code_challenge || query.code_challenge_method !== 'S256')
    return 'PKCE is required: code_challenge with code_challenge_method "S256".';
  return null;
}

function signInPage(query: AuthorizationRequest, emails: string[]): string {
  const hidden = Object.entries(query)
    .filter(([name]) => name !== 'email')
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(String(value))}">`,
    )
    .join('\n      ');
  const buttons = emails
    .map(
      (email) =>
        `<button type="submit" name="email" value="${escapeHtml(email)}">Continue as ${escapeHtml(email)}</button>`,
    )
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Sign in to Paradarum (mock identity provider)</title>
    <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem}</style>
  </head>
  <body>
    <main>
      <h1>Sign in to Paradarum (mock identity provider)</h1>
      <p>Choose a demo user. This provider exists only for development and tests.</p>
      <form method="post" action="/oidc/authorize">
      ${hidden}
      ${buttons}
      </form>
    </main>
  </body>
</html>
`;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function tokenError(reply: FastifyReply, error: string, description: string): FastifyReply {
  return reply
    .code(400)
    .header('Cache-Control', 'no-store')
    .send({ error, error_description: description });
}

export function createOidcProvider(store: Store, clock: Clock): OidcProvider {
  const codes = new Map<string, IssuedCode>();
  let signingKeys: Promise<SigningKeys> | null = null;

  // Generated on first use: most servers (and tests) never need an RSA key pair.
  function keys(): Promise<SigningKeys> {
    signingKeys ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      return {
        privateKey,
        publicKey,
        jwk: { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' },
      };
    })();
    return signingKeys;
  }

  async function routes(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    app.get('/oidc/.well-known/openid-configuration', async (request) => {
      const issuer = issuerFor(request);
      return {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'email', 'profile'],
        claims_supported: ['sub', 'email', 'email_verified', 'nonce'],
        token_endpoint_auth_methods_supported: ['none'],
        code_challenge_methods_supported: ['S256'],
      };
    });

    app.get('/oidc/jwks', async () => ({ keys: [(await keys()).jwk] }));

    app.get<{ Querystring: AuthorizationRequest }>('/oidc/authorize', async (request, reply) => {
      const problem = authorizationProblem(request.query);
      if (problem)
        return reply
          .code(400)
          .type('text/plain; charset=utf-8')
          .send(`Invalid authorization request: ${problem}`);
      const emails = store.data.users.map((user) => user.email);
      return reply
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(signInPage(request.query, emails));
    });

    app.post<{ Body: AuthorizationRequest }>('/oidc/authorize', async (request, reply) => {
      const form = request.body ?? {};
      const user = store.data.users.find((u) => u.email === form.email);
      const problem =
        authorizationProblem(form) ?? (user ? null : 'choose one of the listed users.');
      if (problem || !user)
        return reply
          .code(400)
          .type('text/plain; charset=utf-8')
          .send(`Invalid authorization request: ${problem}`);
      deleteExpired(codes, clock);
      const code = randomToken();
      codes.set(code, {
        email: user.email,
        userId: user.id,
        redirectUri: form.redirect_uri as string,
        codeChallenge: form.code_challenge as string,
        nonce: form.nonce,
        expiresAt: clock.now() + CODE_LIFETIME_MS,
      });
      const target = new URL(form.redirect_uri as string);
      target.searchParams.set('code', code);
      if (form.state !== undefined) target.searchParams.set('state', form.state);
      target.searchParams.set('iss', issuerFor(request));
      return reply.redirect(target.href, 302);
    });

    app.post<{ Body: TokenRequest }>('/oidc/token', async (request, reply) => {
      const form = request.body ?? {};
      if (form.grant_type !== 'authorization_code')
        return tokenError(reply, 'unsupported_grant_type', 'Only authorization_code is supported.');
      const issued = form.code ? codes.get(form.code) : undefined;
      if (form.code) codes.delete(form.code);
      if (
        !issued ||
        issued.expiresAt <= clock.now() ||
        form.client_id !== OIDC_CLIENT_ID ||
        form.redirect_uri !== issued.redirectUri
      ) {
        return tokenError(
          reply,
          'invalid_grant',
          'The code is unknown, used, expired or was issued for another client or redirect_uri.',
        );
      }
      if (!form.code_verifier || s256(form.code_verifier) !== issued.codeChallenge) {
        return tokenError(
          reply,
          'invalid_grant',
          'code_verifier does not match the code_challenge.',
        );
      }
      const now = Math.floor(clock.now() / 1000);
      const idToken = await new SignJWT({
        email: issued.email,
        email_verified: true,
        ...(issued.nonce ? { nonce: issued.nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setIssuer(issuerFor(request))
        .setAudience(OIDC_CLIENT_ID)
        .setSubject(String(issued.userId))
        .setIssuedAt(now)
        .setExpirationTime(now + ID_TOKEN_LIFETIME_SECONDS)
        .sign((await keys()).privateKey);
      return reply.header('Cache-Control', 'no-store').send({
        access_token: randomToken(),
        token_type: 'Bearer',
        expires_in: ID_TOKEN_LIFETIME_SECONDS,
        scope: 'openid email',
        id_token: idToken,
      });
    });
  }

  async function verifyIdToken(idToken: string, request: FastifyRequest): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(idToken, (await keys()).publicKey, {
        algorithms: ['RS256'],
        issuer: issuerFor(request),
        audience: OIDC_CLIENT_ID,
        currentDate: new Date(clock.now()),
      });
      return typeof payload['email'] === 'string' ? payload['email'] : null;
    } catch {
      return null;
    }
  }

  return { routes, verifyIdToken };
}
