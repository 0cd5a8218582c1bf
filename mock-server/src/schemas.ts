import type { FastifyInstance, FastifySchema } from 'fastify';

/**
 * The JSON schemas of the API's answers. Fastify serialises each response with the schema of its
 * status code (fast-json-stringify writes the declared properties only), so a stored field such as
 * a key's hash cannot reach a client by accident, and @fastify/swagger documents the same schemas.
 */
type Schema = Record<string, unknown>;

const string = { type: 'string' };
const integer = { type: 'integer' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };

/** Responses admit exactly these fields; requests keep tolerating unknown ones. */
export function object(
  properties: Record<string, Schema>,
  required = Object.keys(properties),
): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

const apiKey = {
  id: integer,
  name: string,
  prefix: string,
  createdAt: dateTime,
  lastUsedAt: nullableDateTime,
  revokedAt: nullableDateTime,
};

const account = {
  id: integer,
  name: string,
  email: string,
  twoFactorEnabled: { type: 'boolean' },
  recoveryCodesLeft: integer,
  createdAt: dateTime,
};

/** Shared schemas: one component each in the OpenAPI document, referenced as `Name#`. */
const SHARED = {
  Failure: {
    ...object({
      succeeded: { type: 'boolean', enum: [false] },
      message: string,
      data: { type: 'null' },
    }),
    description: 'Refused; `message` says why in words a user can act on.',
  },
  SignInResult: object(
    {
      Token: string,
      Message: string,
      RequiresTwoFactor: { type: 'boolean' },
      TwoFactorToken: string,
    },
    [],
  ),
  Account: object(account),
  ApiKey: object(apiKey),
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
} satisfies Record<string, Schema>;

export function registerSharedSchemas(app: FastifyInstance): void {
  for (const [$id, schema] of Object.entries(SHARED)) app.addSchema({ $id, ...schema });
}

export function ref(name: keyof typeof SHARED): Schema {
  return { $ref: `${name}#` };
}

export function arrayOf(items: Schema): Schema {
  return { type: 'array', items };
}

/** The new key: its listing entry plus the raw key, the only schema that has `key`. */
export const createdApiKey = object({ ...apiKey, key: string });

/** After 2FA is turned off: the account, and a fresh session token unless the caller used a key. */
export const accountWithToken = object({ ...account, token: string }, Object.keys(account));

export const recoveryCodes = object({
  recoveryCodes: { type: 'array', items: string, minItems: 10, maxItems: 10 },
});

/** What each status may mean; every refusal has the one Failure shape. */
const FAILURES = {
  400: 'Invalid input; the message names the problem.',
  401: 'Missing, invalid or expired credentials, or a refused sign-in.',
  404: "Unknown id, or another account's (not revealed).",
  413: 'The body is larger than 64 KiB.',
  415: 'The body is not application/json.',
  429: 'Locked out after 5 failures; see Retry-After (seconds).',
  503: 'The password-hashing queue is full; see Retry-After (seconds).',
} as const;

type FailureStatus = keyof typeof FAILURES;

const BODY_FAILURES: FailureStatus[] = [400, 413, 415];

export interface RouteOptions {
  /** The success status (200 unless told). */
  status?: number;
  /** The response's description, when the summary does not say it all. */
  description?: string;
  body?: Schema;
  /** The route has an `:id` segment (a positive integer; anything else is an unknown id). */
  id?: boolean;
  /** A sign-in endpoint: no credentials needed. */
  anonymous?: boolean;
  /** Failures beyond what the body, the id and the credentials imply. */
  failures?: FailureStatus[];
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'A positive integer; anything else is 404.' } },
};

/** A route's `{ schema }` (request, each response by status, OpenAPI annotations) within a tag. */
export function documented(tag: string) {
  return (summary: string, data: Schema, options: RouteOptions = {}): { schema: FastifySchema } => {
    const failures = new Set<FailureStatus>([
      ...(options.body ? BODY_FAILURES : []),
      ...(options.anonymous ? [] : [401 as const]),
      ...(options.id ? [404 as const] : []),
      ...(options.failures ?? []),
    ]);
    const failure = (description: string) => ({ ...ref('Failure'), description });
    const ok = object({ succeeded: { type: 'boolean', enum: [true] }, message: string, data });
    return {
      schema: {
        tags: [tag],
        summary,
        ...(options.anonymous ? { security: [] } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.id ? { params: idParams } : {}),
        response: {
          [options.status ?? 200]: { ...ok, description: options.description ?? summary },
          ...Object.fromEntries([...failures].map((status) => [status, failure(FAILURES[status])])),
          '4xx': failure('Any other refusal.'),
          '5xx': failure('An unexpected failure (the cause is not revealed).'),
        },
      },
    };
  };
}
