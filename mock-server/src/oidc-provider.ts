import type { AddressInfo } from 'node:net';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';
import { deleteExpired } from './clock.ts';
import type { Clock } from './clock.ts';
import { randomToken } from './crypto.ts';
import { ApiError, failure, parseId } from './http.ts';
import { INTERACTION_TTL_SECONDS, SignInStarts, createAgeBoundAdapter } from './oidc-storage.ts';
import type { StartLimits } from './oidc-storage.ts';
import type { Store, User } from './store.ts';

/** The OAuth client id the panel is registered with. */
export const OIDC_CLIENT_ID = 'paradarum-panel';
const MOUNT_PATH = '/oidc';
const SCOPE = 'openid email profile';
const WRONG_CREDENTIALS = 'Wrong e-mail or password.';
const INVALID_INTERACTION = 'This sign-in has expired or is not valid. Start again.';

export interface OidcOptions {
  /**
   * The issuer exactly as the browser sees it (`http://localhost:4200/oidc` behind `ng serve`).
   * Default: `/oidc` on the loopback address the server listens on; off on other interfaces.
   */
  issuer?: string;
  /** Redirect URIs accepted besides `<issuer origin>/login`. */
  redirectUris?: string[];
  /** RS256 private JWK to sign ID tokens with; generated per start when unset. */
  signingKey?: JWK;
  /** Sign-ins that may be started per 10 minutes (tests set small ones). */
  pendingSignIns?: StartLimits;
}

/** panva's oidc-provider mounted at `/oidc`, for the panel's single sign-on to work offline. */
export interface OidcProvider {
  routes: FastifyPluginAsync<{
    headers: Record<string, string>;
    /** Login's first factor (auth.ts), so the form counts toward the API's lockout. */
    checkCredentials: (email: string, password: string) => Promise<User>;
  }>;
  /**
   * The user id and sign-in time (`auth_time`, seconds) of an ID token this provider issued to the
   * panel, or null (see mock-server/README.md).
   */
  verifyIdToken(
    idToken: string,
    nonce: string | undefined,
    log: FastifyBaseLogger,
  ): Promise<{ userId: number; authTime: number } | null>;
}

interface Setup {
  issuer: URL;
  provider: Provider;
  handle: ReturnType<Provider['callback']>;
  redirectOrigins: string[];
  verify: ReturnType<typeof createLocalJWKSet>;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain HTML with no script and no external style, so the mock's CSP holds on the provider's pages. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · Paradarum mock identity provider</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#1b1b1f}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem;font:inherit;border:1px solid #74777f;border-radius:4px}button{padding:.75rem;font:inherit;border:0;border-radius:20px;background:#3f5f90;color:#fff;cursor:pointer}[role=alert]{color:#ba1a1a;font-weight:600}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

function failedPage(message: string): string {
  return page('Sign-in failed', `<p role="alert">${escapeHtml(message)}</p>`);
}

function signInForm(uid: string, email = '', error = ''): string {
  const invalid = error ? ' aria-invalid="true" aria-describedby="error"' : '';
  return page(
    'Sign in to Paradarum',
    `<p>Mock identity provider for development and tests.</p>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${MOUNT_PATH}/interaction/${escapeHtml(uid)}">
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}"${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** The derived issuer uses the bound address itself, never the Host header a client sends. */
function loopbackIssuer(address: AddressInfo | string | null): string | null {
  if (!address || typeof address === 'string') return null;
  if (address.address === '::1') return `http://[::1]:${address.port}${MOUNT_PATH}`;
  if (/^127\./.test(address.address))
    return `http://${address.address}:${address.port}${MOUNT_PATH}`;
  return null;
}

export function createOidcProvider(
  store: Store,
  clock: Clock,
  options: OidcOptions,
  listeningOn: () => AddressInfo | string | null,
): OidcProvider {
  if (options.issuer !== undefined) {
    const url = URL.parse(options.issuer);
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== MOUNT_PATH)
      throw new Error(`The OpenID issuer must be an http(s) URL ending in ${MOUNT_PATH}.`);
  }
  // Each nonce signs in once, so a captured ID token cannot be replayed while it is unexpired.
  const usedNonces = new Map<string, { expiresAt: number }>();
  const starts = new SignInStarts(clock, options.pendingSignIns);
  // Made on first use: a derived issuer needs the address the server has started listening on.
  let setup: Promise<Setup | null> | null = null;

  async function create(log: FastifyBaseLogger): Promise<Setup | null> {
    const issuerHref = options.issuer ?? loopbackIssuer(listeningOn());
    if (!issuerHref) {
      log.warn('Single sign-on is off: the server is not on loopback and has no --oidc-issuer.');
      return null;
    }
    const issuer = new URL(issuerHref);
    const signingKey = options.signingKey ?? {
      ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey)),
      kid: randomToken().slice(0, 16),
    };
    const { d, p, q, dp, dq, qi, ...publicKey } = signingKey;
    const redirectUris = [`${issuer.origin}/login`, ...(options.redirectUris ?? [])];
    const redirectOrigins = [...new Set(redirectUris.map((uri) => new URL(uri).origin))];
    const provider = new Provider(issuer.href, {
      clients: [
        {
          client_id: OIDC_CLIENT_ID,
          token_endpoint_auth_method: 'none',
          redirect_uris: redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          // When the password check began: the API refuses sign-ins from before a password change.
          require_auth_time: true,
        },
      ],
      // In memory, one per provider (state is lost on restart, which is what a mock wants), bounded
      // by age: a flood of starts is refused (`starts`) rather than pushing pending sign-ins out.
      adapter: createAgeBoundAdapter(),
      jwks: { keys: [{ alg: 'RS256', use: 'sig', ...signingKey }] },
      cookies: { keys: [randomToken()] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: [] },
      conformIdTokenClaims: false,
      // Off: the panel needs none of them, and each widens what a request can ask for.
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: false },
        pushedAuthorizationRequests: { enabled: false },
      },
      pkce: { required: () => true },
      ttl: {
        AuthorizationCode: 60,
        IdToken: 600,
        AccessToken: 600,
        Interaction: INTERACTION_TTL_SECONDS,
        Session: 3600,
        Grant: 3600,
      },
      clientBasedCORS: (_ctx, origin) => redirectOrigins.includes(origin),
      interactions: {
        url: (_ctx, interaction) => `${MOUNT_PATH}/interaction/${interaction.uid}`,
      },
      findAccount: (_ctx, sub) => {
        const user = store.data.users.find((u) => String(u.id) === sub);
        return (
          user && {
            accountId: sub,
            claims: () => ({ sub, email: user.email, email_verified: true }),
          }
        );
      },
      // The panel is a first-party client: its grant is given, never asked for.
      loadExistingGrant: async ({ oidc }) => {
        const grantId = oidc.session?.grantIdFor(OIDC_CLIENT_ID);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const grant = new oidc.provider.Grant({
          clientId: OIDC_CLIENT_ID,
          accountId: oidc.session?.accountId,
        });
        grant.addOIDCScope(SCOPE);
        await grant.save();
        return grant;
      },
      renderError: (ctx, out) => {
        ctx.type = 'html';
        ctx.body = failedPage(out.error_description ?? out.error);
      },
    });
    // A path none of the provider's routes matched gets the mock's 404 envelope, not Koa's text.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.status !== 404 || ctx.body != null) return;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(failure('Not found.'));
      ctx.status = 404;
    });
    provider.on('server_error', (_ctx, error) =>
      log.error({ err: error }, 'identity provider failed'),
    );
    return {
      issuer,
      provider,
      handle: provider.callback(),
      redirectOrigins,
      verify: createLocalJWKSet({ keys: [publicKey] }),
    };
  }

  /** The provider, or null when it is off or the request is not addressed to the issuer's host. */
  async function providerFor(request: FastifyRequest): Promise<Setup | null> {
    const current = await (setup ??= create(request.log));
    if (!current) return null;
    // Compared as sent (no URL parsing, which would read `evil@localhost` as localhost).
    const { host, protocol } = current.issuer;
    const sent = request.host.toLowerCase();
    const defaultPort = protocol === 'https:' ? '443' : '80';
    return sent === host || sent === `${host}:${defaultPort}` ? current : null;
  }

  function sendFailedPage(reply: FastifyReply, status: number, message: string) {
    return reply.code(status).type('text/html; charset=utf-8').send(failedPage(message));
  }

  const routes: OidcProvider['routes'] = async (app, { headers, checkCredentials }) => {
    // The sign-in form: a urlencoded body parsed here only, so /api keeps "JSON or 415".
    await app.register(async (forms) => {
      forms.removeAllContentTypeParsers();
      forms.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) =>
          done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      forms.setErrorHandler(async (error: FastifyError, _request, reply) => {
        const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
        return sendFailedPage(reply, status, INVALID_INTERACTION);
      });

      forms.route<{ Params: { uid: string }; Body: { email?: string; password?: string } }>({
        method: ['GET', 'POST'],
        url: `${MOUNT_PATH}/interaction/:uid`,
        handler: async (request, reply) => {
          const current = await providerFor(request);
          // The mock's own 404, so /oidc answers like any unknown path when it is off.
          if (!current) return reply.callNotFound();
          const interaction = await current.provider.interactionDetails(request.raw, reply.raw);
          if (interaction.uid !== request.params.uid || interaction.prompt.name !== 'login')
            throw Object.assign(new Error('interaction mismatch'), { statusCode: 400 });
          // The sign-in ends in redirects to the panel, which form-action must allow too.
          const formAction = ["'self'", ...current.redirectOrigins].join(' ');
          reply
            .type('text/html; charset=utf-8')
            .header(
              'Content-Security-Policy',
              headers['Content-Security-Policy']?.replace(
                "form-action 'self'",
                `form-action ${formAction}`,
              ),
            );
          if (request.method === 'GET') return reply.send(signInForm(interaction.uid));

          const email = String(request.body?.email ?? '').trim();
          // The sign-in's auth_time: the password is checked against the hash of this moment.
          const checkStartedAt = clock.now();
          let user: User;
          try {
            user = await checkCredentials(email, String(request.body?.password ?? ''));
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            // Login's answer in the form's words: the same 401 for an unknown e-mail, 429 when locked.
            const message = error.statusCode === 401 ? WRONG_CREDENTIALS : error.message;
            return reply
              .code(error.statusCode)
              .headers(error.headers)
              .send(signInForm(interaction.uid, email, message));
          }
          const resume = await current.provider.interactionResult(
            request.raw,
            reply.raw,
            { login: { accountId: String(user.id), ts: Math.floor(checkStartedAt / 1000) } },
            { mergeWithLastSubmission: false },
          );
          return reply.redirect(resume, 303);
        },
      });
    });

    // Everything else is the provider's own Koa app, handed the raw request with the prefix cut.
    await app.register(async (passthrough) => {
      passthrough.removeAllContentTypeParsers();
      passthrough.addContentTypeParser('*', (_request, _payload, done) => done(null));
      passthrough.all(`${MOUNT_PATH}/*`, async (request, reply) => {
        const current = await providerFor(request);
        if (!current) return reply.callNotFound();
        const rest = request.raw.url?.slice(MOUNT_PATH.length) ?? '/';
        // form_post would answer with an inline script: the panel asks for query responses only.
        // Appended, not resolved: `//x` relative to a base would be read as a host (`/oidc//%2f` gave a 500).
        const { pathname, searchParams } = new URL(`http://unused${rest}`);
        // The provider's router ignores case and a trailing slash (`/AUTH/` starts a sign-in too):
        // the checks below see the path as it does.
        const route = pathname.toLowerCase().replace(/\/+$/, '');
        const mode = searchParams.get('response_mode') ?? 'query';
        if (route === '/auth' && (request.method !== 'GET' || mode !== 'query'))
          return sendFailedPage(reply, 400, 'Only GET with response_mode=query is supported.');
        if (route === '/auth') {
          try {
            starts.count(request.ip);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            reply.headers(error.headers);
            return sendFailedPage(reply, error.statusCode, error.message);
          }
        }
        // A fresh provider session per sign-in: the form asks every time, so another user can sign
        // in after the panel's "Sign out" (an account switch would get the library's script page).
        if (route.startsWith('/auth')) {
          const cookies = request.headers.cookie?.split(/;\s*/) ?? [];
          request.raw.headers.cookie = cookies
            .filter((c) => !/^_session(\.sig)?=/.test(c))
            .join('; ');
        }
        reply.hijack();
        for (const [name, value] of Object.entries({ ...headers, 'Cache-Control': 'no-store' }))
          reply.raw.setHeader(name, value);
        Object.assign(request.raw, { originalUrl: `${MOUNT_PATH}${rest}`, url: rest });
        await current.handle(request.raw, reply.raw);
        return reply;
      });
    });
  };

  async function verifyIdToken(
    idToken: string,
    nonce: string | undefined,
    log: FastifyBaseLogger,
  ): Promise<{ userId: number; authTime: number } | null> {
    const current = await (setup ??= create(log));
    if (!current) return null;
    try {
      const { payload } = await jwtVerify(idToken, current.verify, {
        algorithms: ['RS256'],
        issuer: current.issuer.href,
        audience: OIDC_CLIENT_ID,
        currentDate: new Date(clock.now()),
        requiredClaims: ['sub', 'exp', 'nonce', 'auth_time'],
      });
      const tokenNonce = String(payload.nonce);
      const authTime = payload['auth_time'];
      const userId = parseId(payload.sub ?? '');
      if (typeof authTime !== 'number' || userId === null) return null;
      deleteExpired(usedNonces, clock);
      if ((nonce !== undefined && nonce !== tokenNonce) || usedNonces.has(tokenNonce)) return null;
      usedNonces.set(tokenNonce, { expiresAt: (payload.exp as number) * 1000 });
      return { userId, authTime };
    } catch {
      return null;
    }
  }

  return { routes, verifyIdToken };
}
