import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

const string = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const integer = { type: 'integer', format: 'int32' };

function object(properties: Record<string, Schema>, required = Object.keys(properties)): Schema {
  return { type: 'object', properties, required };
}

function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The `{ succeeded, message, data }` envelope around `data`. */
function envelope(data: Schema): Schema {
  return object({
    succeeded: { type: 'boolean' },
    message: string,
    data: { ...data, nullable: true },
  });
}

function response(description: string, data: Schema = { type: 'object' }): Schema {
  return { description, content: { 'application/json': { schema: envelope(data) } } };
}

function operation(
  tag: string,
  summary: string,
  ok: Schema,
  options: { body?: Schema; status?: string; anonymous?: boolean; idParameter?: boolean } = {},
): Schema {
  return {
    tags: [tag],
    summary,
    ...(options.anonymous ? { security: [] } : {}),
    ...(options.idParameter
      ? { parameters: [{ name: 'id', in: 'path', required: true, schema: integer }] }
      : {}),
    ...(options.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: options.body } },
          },
        }
      : {}),
    responses: {
      [options.status ?? '200']: ok,
      '400': response('Invalid input; the message names the problem.'),
      // The anonymous operations are the sign-in ones: refused credentials and the lockout.
      ...(options.anonymous
        ? {
            '401': response('Sign-in refused.'),
            '429': response('Locked out after 5 failures; see Retry-After (seconds).'),
          }
        : { '401': response('Missing, invalid or expired credentials.') }),
      ...(options.idParameter
        ? { '404': response("Unknown id, or another account's (not revealed).") }
        : {}),
    },
  };
}

const codeBody = object({ code: string });
const signInResult = response(
  'Signed in (`Token`) or a second factor is needed (`RequiresTwoFactor`, `TwoFactorToken`).',
  ref('SignInResult'),
);
const recoveryCodes = response(
  'Ten new recovery codes, shown once.',
  object({ recoveryCodes: { type: 'array', items: string, minItems: 10, maxItems: 10 } }),
);

/**
 * The OpenAPI document of the API. Like the real one it declares only the Bearer scheme: X-API-Key
 * works on every protected endpoint but is documented by hand.
 */
export const openApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Paradarum API', version: 'v1' },
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
    schemas: {
      SignInResult: object(
        {
          Token: string,
          Message: string,
          RequiresTwoFactor: { type: 'boolean' },
          TwoFactorToken: string,
        },
        [],
      ),
      Account: object({
        id: integer,
        name: string,
        email: string,
        twoFactorEnabled: { type: 'boolean' },
        recoveryCodesLeft: integer,
        createdAt: dateTime,
      }),
      ApiKey: object({
        id: integer,
        name: string,
        prefix: string,
        createdAt: dateTime,
        lastUsedAt: nullableDateTime,
        revokedAt: nullableDateTime,
      }),
      Property: object({
        id: integer,
        name: string,
        hostname: string,
        originUrl: string,
        createdAt: dateTime,
        lastPurgedAt: nullableDateTime,
      }),
      Purge: object({
        id: integer,
        propertyId: integer,
        type: { type: 'string', enum: ['all', 'url'] },
        urls: { type: 'array', items: string },
        requestedBy: string,
        createdAt: dateTime,
      }),
    },
  },
  paths: {
    '/api/Auth/Login': {
      post: operation('Auth', 'Sign in with e-mail and password.', signInResult, {
        anonymous: true,
        body: object({ username: string, password: string }),
      }),
    },
    '/api/Auth/2fa/verify': {
      post: operation('Auth', 'Complete a sign-in with a TOTP or recovery code.', signInResult, {
        anonymous: true,
        body: object({ twoFactorToken: string, code: string }),
      }),
    },
    '/api/Auth/ExternalLogin': {
      post: operation(
        'Auth',
        'Sign in with an ID token of the configured OpenID Connect provider.',
        signInResult,
        { anonymous: true, body: object({ idToken: string }) },
      ),
    },
    '/api/account': {
      get: operation('Account', 'The signed-in account.', response('The account.', ref('Account'))),
    },
    '/api/account/2fa/setup': {
      post: operation(
        'Account',
        'Start two-factor setup: a new pending secret.',
        response('The pending secret.', object({ sharedKey: string, authenticatorUri: string })),
      ),
    },
    '/api/account/2fa/enable': {
      post: operation(
        'Account',
        'Confirm the pending secret with a code and turn two-factor on.',
        recoveryCodes,
        { body: codeBody },
      ),
    },
    '/api/account/2fa/disable': {
      post: operation(
        'Account',
        'Turn two-factor off (TOTP or recovery code).',
        response('Two-factor is off.', ref('Account')),
        { body: codeBody },
      ),
    },
    '/api/account/2fa/recovery-codes': {
      post: operation(
        'Account',
        'Replace the recovery codes (TOTP or recovery code).',
        recoveryCodes,
        { body: codeBody },
      ),
    },
    '/api/account/password': {
      post: operation('Account', 'Change the password.', response('Password changed.'), {
        body: object({ currentPassword: string, newPassword: { type: 'string', minLength: 12 } }),
      }),
    },
    '/api/apikey': {
      get: operation(
        'API keys',
        "The account's API keys, newest first.",
        response('The keys.', { type: 'array', items: ref('ApiKey') }),
      ),
      post: operation(
        'API keys',
        'Create a key; the raw key is in this response only.',
        response('The new key.', { allOf: [ref('ApiKey'), object({ key: string })] }),
        {
          status: '201',
          body: object({ name: { type: 'string', minLength: 1, maxLength: 64 } }),
        },
      ),
    },
    '/api/apikey/{id}/revoke': {
      post: operation(
        'API keys',
        'Revoke a key (idempotent).',
        response('The revoked key.', ref('ApiKey')),
        { idParameter: true },
      ),
    },
    '/api/property': {
      get: operation(
        'Properties',
        "The account's properties.",
        response('The properties.', { type: 'array', items: ref('Property') }),
      ),
    },
    '/api/property/{id}': {
      get: operation('Properties', 'One property.', response('The property.', ref('Property')), {
        idParameter: true,
      }),
    },
    '/api/property/{id}/purge': {
      get: operation(
        'Properties',
        'Purge history, newest first (at most 100).',
        response('The purges.', { type: 'array', items: ref('Purge') }),
        { idParameter: true },
      ),
      post: operation(
        'Properties',
        'Purge the cache of a property.',
        response('The purge record.', ref('Purge')),
        {
          idParameter: true,
          body: object(
            {
              type: { type: 'string', enum: ['all', 'url'] },
              urls: {
                type: 'array',
                items: { type: 'string', format: 'uri' },
                minItems: 1,
                maxItems: 100,
              },
            },
            ['type'],
          ),
        },
      ),
    },
  },
};

export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/swagger/v1/swagger.json', async () => openApiDocument);
}
