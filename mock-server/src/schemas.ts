import type { FastifyPluginAsyncJsonSchemaToTs } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import type { JSONSchema } from 'json-schema-to-ts';
import type { AppContext } from './app-context.ts';

/**
 * The JSON schemas of the API's requests and answers, each written once: Fastify validates each
 * request with its schema and serialises each response with the schema of its status code
 * (fast-json-stringify writes the declared properties only, so a stored field such as a key's hash
 * cannot reach a client by accident); @fastify/swagger documents the same schemas; and the route
 * handlers take their request and reply types from them (json-schema-to-ts, through `RoutePlugin`).
 * Everything is `as const`, so that the types follow the literals.
 */

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

/** Responses admit exactly these fields, all required but the `optional` ones. */
export function object<
  const Properties extends Record<string, JSONSchema>,
  const Optional extends keyof Properties & string = never,
>(properties: Properties, optional: readonly Optional[] = []) {
  const required = Object.keys(properties).filter((key) => !optional.includes(key as Optional));
  return {
    type: 'object',
    properties,
    required: required as Exclude<keyof Properties & string, Optional>[],
    additionalProperties: false,
  } as const;
}

const requestString = { type: 'string', maxLength: 4096 } as const;

/** A request body made of required strings; unknown fields are tolerated. */
export function stringFields<const Names extends readonly string[]>(...names: Names) {
  const properties = Object.fromEntries(names.map((name) => [name, requestString]));
  return {
    type: 'object',
    required: names,
    properties: properties as Record<Names[number], typeof requestString>,
  } as const;
}

const apiKey = {
  id: integer,
  name: string,
  prefix: string,
  createdAt: dateTime,
  lastUsedAt: nullableDateTime,
  revokedAt: nullableDateTime,
} as const;

const account = {
  id: integer,
  name: string,
  email: string,
  twoFactorEnabled: { type: 'boolean' },
  recoveryCodesLeft: integer,
  createdAt: dateTime,
} as const;

/** Shared schemas: one component each in the OpenAPI document, referenced with `ref(name)`. */
const SHARED = [
  {
    $id: 'Failure',
    ...object({
      succeeded: { type: 'boolean', enum: [false] },
      message: string,
      data: { type: 'null' },
    }),
    description: 'Refused; `message` says why in words a user can act on.',
  },
  {
    $id: 'SignInToken',
    ...object({ Token: string, Message: string }),
    description: 'Signed in: `Token` is the session JWT (send it as `Authorization: Bearer`).',
  },
  {
    $id: 'SignInChallenge',
    ...object({ RequiresTwoFactor: { type: 'boolean', enum: [true] }, TwoFactorToken: string }),
    description:
      'The password was right and the user has two-factor authentication: complete the sign-in ' +
      'with `TwoFactorToken` and a code at `POST /api/Auth/2fa/verify`.',
  },
  {
    $id: 'SignInResult',
    oneOf: [{ $ref: 'SignInToken#' }, { $ref: 'SignInChallenge#' }],
    description: 'Signed in, or a second factor is required.',
  },
  { $id: 'Account', ...object(account) },
  { $id: 'ApiKey', ...object(apiKey) },
  {
    $id: 'Property',
    ...object({
      id: integer,
      name: string,
      hostname: string,
      originUrl: string,
      createdAt: dateTime,
      lastPurgedAt: nullableDateTime,
    }),
  },
  {
    $id: 'Purge',
    ...object({
      id: integer,
      propertyId: integer,
      type: { type: 'string', enum: ['all', 'url'] },
      urls: { type: 'array', items: string },
      requestedBy: string,
      createdAt: dateTime,
    }),
  },
] as const satisfies readonly (JSONSchema & { $id: string })[];

type SharedName = (typeof SHARED)[number]['$id'];
type SharedSchemas = (typeof SHARED)[number][];

export function registerSharedSchemas(app: FastifyInstance): void {
  for (const schema of SHARED) app.addSchema(schema);
}

export function ref<const Name extends SharedName>(name: Name) {
  return { $ref: `${name}#` } as { readonly $ref: `${Name}#` };
}

export function arrayOf<const Items extends JSONSchema>(items: Items) {
  return { type: 'array', items } as const;
}

/**
 * A plugin of routes whose request and reply types come from their schemas (the shared ones
 * resolved by `$ref`), given the `AppContext` as its options.
 */
export type RoutePlugin = FastifyPluginAsyncJsonSchemaToTs<{
  Options: AppContext;
  ValidatorSchemaOptions: { references: SharedSchemas };
  SerializerSchemaOptions: { references: SharedSchemas };
}>;

/** The new key: its listing entry plus the raw key, the only schema that has `key`. */
export const createdApiKey = object({ ...apiKey, key: string });

/** After 2FA is turned off: the account, and a fresh session token unless the caller used a key. */
export const accountWithToken = object({ ...account, token: string }, ['token']);

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

export interface RouteOptions<Body, Status, Id> {
  /** The success status (200 unless told). */
  status?: Status;
  /** The response's description, when the summary does not say it all. */
  description?: string;
  body?: Body;
  /** The route has an `:id` segment (a positive integer; anything else is an unknown id). */
  id?: Id;
  /** A sign-in endpoint: no credentials needed. */
  anonymous?: boolean;
  /** Failures beyond what the body, the id and the credentials imply. */
  failures?: FailureStatus[];
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'A positive integer; anything else is 404.' } },
} as const;

/** The success envelope around `Data`. */
function envelope<const Data extends JSONSchema>(data: Data, description: string) {
  return {
    ...object({ succeeded: { type: 'boolean', enum: [true] }, message: string, data }),
    description,
  } as const;
}

type FailureResponse = ReturnType<typeof ref<'Failure'>> & { readonly description: string };

/** A route's schema, typed as precisely as it is written, so the handler's types follow it. */
interface RouteSchema<Data extends JSONSchema, Body, Status extends number, Id> {
  tags: string[];
  summary: string;
  operationId: string;
  security?: [];
  body: Body;
  params: Id extends true ? typeof idParams : undefined;
  // Each failure status the route documents has the one Failure shape, as `4xx` and `5xx` have.
  response: Record<Status, ReturnType<typeof envelope<Data>>> &
    Record<'4xx' | '5xx', FailureResponse>;
}

/**
 * A route's `{ schema }` within a tag: the request (body, `:id`), each response by status, and
 * the OpenAPI annotations; `operationId` is the name client generators give the operation.
 */
export function documented(tag: string) {
  return <
    const Data extends JSONSchema,
    const Body extends JSONSchema | undefined = undefined,
    const Status extends 200 | 201 = 200,
    const Id extends boolean = false,
  >(
    operationId: string,
    summary: string,
    data: Data,
    options: RouteOptions<Body, Status, Id> = {},
  ): { schema: RouteSchema<Data, Body, Status, Id> } => {
    const failures = new Set<FailureStatus>([
      ...(options.body ? BODY_FAILURES : []),
      ...(options.anonymous ? [] : [401 as const]),
      ...(options.id ? [404 as const] : []),
      ...(options.failures ?? []),
    ]);
    const failure = (description: string) => ({ ...ref('Failure'), description });
    const schema = {
      tags: [tag],
      summary,
      operationId,
      ...(options.anonymous ? { security: [] } : {}),
      ...(options.body ? { body: options.body } : {}),
      ...(options.id ? { params: idParams } : {}),
      response: {
        [options.status ?? 200]: envelope(data, options.description ?? summary),
        ...Object.fromEntries([...failures].map((status) => [status, failure(FAILURES[status])])),
        '4xx': failure('Any other refusal.'),
        '5xx': failure(
          'A failure on the server: 503 when a change could not be saved (it was not made; ' +
            'try again), 500 for anything unexpected (the cause is not revealed).',
        ),
      },
    };
    return { schema: schema as unknown as RouteSchema<Data, Body, Status, Id> };
  };
}
