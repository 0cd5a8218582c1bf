import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { SignJWT } from 'jose';
import { demoToken, startTestServer } from './test-support.ts';
import type { TestServer } from './test-support.ts';

/**
 * Property-based fuzzing of the whole API with malformed requests: bad JSON, wrong types, wrong
 * content types, huge bodies, unknown and absurd ids, broken percent-encoding, forged, expired
 * and foreign credentials. None may answer 5xx, and none may change the data file. A valid
 * session JWT is only ever combined with requests that cannot be well-formed (GETs, unknown
 * methods, unparsable JSON), so any write would be a defect, not a lucky guess.
 */
const RUNS = 10_000;

let server: TestServer;
let validToken: string;
let foreignToken: string;
let unsignedToken: string;
let expiredToken: string;
let fileBefore: Buffer;

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  validToken = await demoToken(server.app);
  const claims = { sub: '1', email: 'demo@paradarum.test', account: 1 };
  foreignToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('another-secret-another-secret-another'));
  const [header, payload] = validToken.split('.');
  unsignedToken = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  expiredToken = `${header}.${Buffer.from(JSON.stringify({ ...claims, iat: 1, exp: 2 })).toString(
    'base64url',
  )}.${validToken.split('.')[2]}`;
  await server.app.inject({ method: 'GET', url: '/api/account' });
  fileBefore = readFileSync(server.dbFile);
});
afterAll(() => server.close());

const ROUTES = [
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
  '/api/apikey/:id/revoke',
  '/api/property',
  '/api/property/:id',
  '/api/property/:id/purge',
  '/swagger/v1/swagger.json',
  '/api/nothing',
];

const id = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '4',
    '0',
    '-1',
    '01',
    '1e3',
    '99999999999999999999',
    '%00',
    '..',
    '%2e%2e',
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
);

const path = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...ROUTES), id).map(([r, i]) => r.replace(':id', i)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...ROUTES),
        fc.constantFrom('%E0%A4%A', '%', '%zz', '//', '/./', '?x=%'),
      )
      .map(([r, junk]) => r.replace(':id', '1') + junk),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...ROUTES).map((r) => r.replace(':id', '1').toUpperCase()),
  },
);

/** Text that is not JSON at all. */
const unparsable = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"a":',
      '[1,',
      '{"username":"x",}',
      "{'a':1}",
      'NaN',
      '{"a":1}}',
      '\u0000',
    ),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** JSON that parses but can never satisfy a route's schema: every field a route reads has a wrong type. */
const wrongShape = fc.oneof(
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.anything(), { maxLength: 4 })),
  fc
    .record({
      username: notAString,
      password: notAString,
      twoFactorToken: notAString,
      code: notAString,
      idToken: notAString,
      currentPassword: notAString,
      newPassword: notAString,
      name: notAString,
      type: notAString,
      urls: fc.oneof(notAString, fc.array(notAString, { minLength: 1, maxLength: 3 })),
    })
    .map((body) => ({ ...body, type: typeof body.type === 'string' ? 1 : body.type })),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
);

const body = fc.oneof(
  { weight: 4, arbitrary: unparsable.map((text) => ({ text, kind: 'unparsable' as const })) },
  {
    weight: 4,
    arbitrary: wrongShape.map((value) => ({ text: JSON.stringify(value), kind: 'wrong' as const })),
  },
  { weight: 1, arbitrary: fc.constant({ text: undefined, kind: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 64 * 1024 + 1, max: 70 * 1024 })
      .map((size) => ({ text: `{"name":"${'x'.repeat(size)}"}`, kind: 'huge' as const })),
  },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      'application/xml',
      '',
    ),
  },
);

type Credential =
  | 'valid'
  | 'none'
  | 'garbage'
  | 'foreign'
  | 'unsigned'
  | 'expired'
  | 'key'
  | 'bearer-key'
  | 'basic';
/** The valid session often, so requests get past authentication into every handler. */
const credential = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Credential>('valid') },
  {
    weight: 8,
    arbitrary: fc.constantFrom<Credential>(
      'none',
      'garbage',
      'foreign',
      'unsigned',
      'expired',
      'key',
      'bearer-key',
      'basic',
    ),
  },
);

function headersFor(kind: Credential, garbage: string): Record<string, string> {
  switch (kind) {
    case 'valid':
      return { authorization: `Bearer ${validToken}` };
    case 'none':
      return {};
    case 'garbage':
      return { authorization: `Bearer ${garbage || 'x'}` };
    case 'foreign':
      return { authorization: `Bearer ${foreignToken}` };
    case 'unsigned':
      return { authorization: `Bearer ${unsignedToken}` };
    case 'expired':
      return { authorization: `Bearer ${expiredToken}` };
    case 'key':
      return { 'x-api-key': `pdm_${garbage}` };
    case 'bearer-key':
      return { authorization: `Bearer pdm_${garbage || 'x'}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`a:${garbage}`).toString('base64')}` };
  }
}

const request = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
    path,
    body,
    contentType,
    credential,
    garbage: fc
      .string({ unit: 'binary-ascii', maxLength: 40 })
      .map((s) => s.replace(/[^\x21-\x7e]/g, '')),
  })
  // The one session that works may only come with requests that cannot be well-formed.
  .filter(
    (r) =>
      r.credential !== 'valid' ||
      r.method !== 'POST' ||
      (r.body.kind === 'unparsable' && r.contentType === 'application/json'),
  );

describe(`fuzzing with ${RUNS.toLocaleString('en')} malformed requests`, () => {
  it('never answers 5xx, always answers an envelope, and never changes the data file', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const options: InjectOptions = {
          method: r.method as InjectOptions['method'],
          url: r.path,
          headers: {
            ...headersFor(r.credential, r.garbage),
            ...(r.body.text !== undefined ? { 'content-type': r.contentType } : {}),
          },
          ...(r.body.text !== undefined && r.method !== 'GET' && r.method !== 'HEAD'
            ? { payload: r.body.text }
            : {}),
        };
        const response = await server.app.inject(options);
        if (response.statusCode >= 500) return false;
        if (r.method === 'HEAD' || response.statusCode < 400) return true;
        const envelope = response.json();
        return envelope.succeeded === false && typeof envelope.message === 'string';
      }),
      { numRuns: RUNS },
    );
    // Closing writes whatever is pending (lazy changes included) and folds the journal in.
    await server.app.close();
    expect(readFileSync(server.dbFile).equals(fileBefore)).toBe(true);
    const journal = `${server.dbFile}.journal`;
    expect(existsSync(journal) ? readFileSync(journal, 'utf8') : '').toBe('');
  }, 120_000);
});
