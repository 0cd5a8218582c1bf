import type { Writable } from 'node:stream';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountRoutes } from './account.ts';
import type { AppContext } from './app-context.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { authRoutes, authenticate, checkCredentials, recheckAuthorization } from './auth.ts';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { randomToken } from './crypto.ts';
import { ApiError, sendFailure } from './http.ts';
import { Lockout } from './lockout.ts';
import { createOidcProvider } from './oidc-provider.ts';
import type { OidcOptions } from './oidc-provider.ts';
import { PasswordQueue } from './password-queue.ts';
import { propertyRoutes } from './properties.ts';
import { registerSharedSchemas } from './schemas.ts';
import { seedData, seedGeneratedProperties } from './seed.ts';
import { registerCompression } from './compression.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { registerStaticFiles } from './static-files.ts';
import { Store } from './store.ts';
import { createTokenService } from './tokens.ts';

export const BODY_LIMIT_BYTES = 64 * 1024;
/** ASP.NET refuses HS256 keys under 256 bits; so does the mock, rather than sign with a guessable one. */
export const MIN_JWT_SECRET_BYTES = 32;

/** Why a configured JWT secret is refused, or null when it is long enough. */
export function jwtSecretProblem(secret: string): string | null {
  const bytes = Buffer.byteLength(secret, 'utf8');
  return bytes >= MIN_JWT_SECRET_BYTES
    ? null
    : `The JWT secret must be at least ${MIN_JWT_SECRET_BYTES} bytes long (this one has ${bytes}); ` +
        'set a longer --jwt-secret / JWT_SECRET, or leave both unset for a random one per start.';
}

export interface ServerOptions {
  /** The JSON data file; created and seeded when missing. */
  dbFile: string;
  /** A built panel to serve (Angular's `dist/<project>/browser`). */
  staticDir?: string;
  /** Give the demo account this many generated properties (idempotent). */
  seedProperties?: number;
  /** TOTP steps accepted either side of now. */
  totpWindow?: number;
  /** HS256 secret for session JWTs (at least 32 bytes); random per start when unset. */
  jwtSecret?: string;
  /** The identity provider at /oidc: issuer, extra redirect URIs. */
  oidc?: OidcOptions;
  clock?: Clock;
  /** The bounded queue every password hash goes through (tests pass one they can fill). */
  passwordQueue?: PasswordQueue;
  logLevel?: string;
  /** Where log lines go (stdout by default); tests capture it. */
  logStream?: Writable;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

/** Turns a Fastify route pattern (`/api/property/:id`) into a case-insensitive matcher. */
function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`, 'i');
}

const EMPTY_BODY = 'The request body is empty; send a JSON object.';

/** Fastify's own errors by code, as the status and message the client gets. */
const FRAMEWORK_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.`,
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the body as application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, EMPTY_BODY],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The request body does not match its Content-Length.'],
  FST_ERR_BAD_URL: [400, 'The URL is not valid (check its percent-encoding).'],
  // A path segment over the router's limit cannot be an id or any known path: like an unknown path.
  FST_ERR_MAX_PARAM_LENGTH: [404, 'Not found.'],
};

/**
 * Every error as an envelope, including the router's own (`frameworkErrors`), which Fastify would
 * otherwise answer in its own JSON shape. Messages never echo the body (it may hold a password).
 */
function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ApiError)
    return sendFailure(reply, error.statusCode, error.message, error.headers);
  if (error.validation) {
    // A POST with no body at all reaches validation as `undefined`: "body must be object" would
    // not tell the client what is wrong.
    const message = request.body === undefined ? EMPTY_BODY : `Invalid request: ${error.message}.`;
    return sendFailure(reply, 400, message);
  }
  const known = FRAMEWORK_ERRORS[error.code];
  if (known) return sendFailure(reply, known[0], known[1]);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return sendFailure(reply, error.statusCode, 'The request was not accepted.');
  request.log.error({ err: error }, 'request failed');
  return sendFailure(reply, 500, 'Something went wrong on the server.');
}

/**
 * The OpenAPI document, built by @fastify/swagger from the routes' own schemas (so it cannot drift
 * from what they accept and answer). Like the real API's, it declares only the Bearer scheme:
 * X-API-Key works on every protected endpoint but is documented by hand (api-contract.md).
 * Untagged routes (the identity provider, the static panel) are not part of the API.
 */
async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Paradarum API', version: 'v1' },
      // Relative: the paths are on the host that served this document.
      servers: [{ url: '/', description: 'The server this document was fetched from.' }],
      security: [{ Bearer: [] }],
      components: {
        securitySchemes: {
          Bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'The JWT from POST /api/Auth/Login (data.Token).',
          },
        },
      },
    },
    hideUntagged: true,
    // Components named after the shared schemas' $id (`ApiKey`), not `def-0`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  registerSharedSchemas(app);
}

/** The mock Paradarum API as a Fastify instance; call `listen()` or use `inject()`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const secretProblem =
    options.jwtSecret === undefined ? null : jwtSecretProblem(options.jwtSecret);
  if (secretProblem) throw new Error(secretProblem);
  const store = await Store.open(options.dbFile, seedData);
  const extraProperties = options.seedProperties ?? 0;
  if (extraProperties > 0)
    await store.mutate((data, changed) => {
      const before = data.properties.length;
      seedGeneratedProperties(data, extraProperties);
      changed('properties', data.properties.slice(before));
    });

  const ctx: AppContext = {
    store,
    clock,
    totpWindow: options.totpWindow ?? 1,
    tokens: createTokenService(options.jwtSecret ?? randomToken(), clock),
    oidc: createOidcProvider(store, clock, options.oidc ?? {}, () => app.server.address()),
    lockout: new Lockout(clock, store),
    passwordQueue: options.passwordQueue ?? new PasswordQueue(),
  };

  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'warn',
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.body', 'res.body'],
        censor: '[redacted]',
      },
    },
    routerOptions: { caseSensitive: false },
    frameworkErrors: handleError,
    bodyLimit: BODY_LIMIT_BYTES,
    // Without this, Ajv would turn `"password": 123` into "123" instead of answering 400.
    ajv: { customOptions: { coerceTypes: false } },
  });

  await registerCompression(app);
  await registerOpenApi(app);

  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, pattern: routePattern(route.url) });
  });

  app.addHook('onSend', async (request, reply) => {
    // A route that set one of them on purpose keeps it (the identity provider's sign-in form
    // widens form-action to the redirect origins).
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!reply.hasHeader(name)) reply.header(name, value);
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler(handleError);
  // The API takes JSON only; Fastify's default text/plain parser would let a text body through
  // to validation ("body must be object") instead of a clear 415.
  app.removeContentTypeParser('text/plain');

  const spaFallback = options.staticDir ? await registerStaticFiles(app, options.staticDir) : null;
  app.setNotFoundHandler(async (request, reply) => {
    const servedIndex = spaFallback?.(request, reply);
    if (servedIndex) return servedIndex;
    const path = pathOf(request);
    const allowed = [
      ...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method)),
    ].sort();
    // A route that sends its request here (`callNotFound`) has the method: that is a plain 404.
    if (allowed.length > 0 && !allowed.includes(request.method))
      return sendFailure(reply, 405, 'Method not allowed.', { Allow: allowed.join(', ') });
    return sendFailure(reply, 404, 'Not found.');
  });

  await app.register(authRoutes, ctx);
  await app.register(async (protectedScope) => {
    protectedScope.decorateRequest('principal');
    protectedScope.addHook('onRequest', authenticate(ctx));
    protectedScope.addHook('preHandler', recheckAuthorization);
    await protectedScope.register(accountRoutes, ctx);
    await protectedScope.register(apiKeyRoutes, ctx);
    await protectedScope.register(propertyRoutes, ctx);
  });
  await app.register(ctx.oidc.routes, {
    headers: SECURITY_HEADERS,
    checkCredentials: async (email, password) =>
      (await checkCredentials(ctx, email, password)).user,
  });
  app.get('/swagger/v1/swagger.json', { schema: { hide: true } }, async () => app.swagger());
  app.addHook('onClose', () => store.close());
  return app;
}
