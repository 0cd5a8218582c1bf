import { readFileSync } from 'node:fs';
import {
  bearer,
  createKey,
  demoToken,
  get,
  json,
  post,
  secureToken,
  startTestServer,
} from './test-support.ts';
import type { TestServer } from './test-support.ts';
import { DEMO_USER } from './seed.ts';

let server: TestServer;
let token: string;
beforeEach(async () => {
  server = await startTestServer();
  token = await demoToken(server.app);
});
afterEach(() => server.close());

const purge = (id: number | string, body: object, headers = bearer(token)) =>
  post(server.app, `/api/property/${id}/purge`, body, headers);

describe('GET /api/property', () => {
  it("lists the demo account's seeded properties only", async () => {
    const response = await get(server.app, '/api/property', bearer(token));
    const properties = json(response).data;
    expect(properties.map((p: { hostname: string }) => p.hostname)).toEqual([
      'www.demo-media.test',
      'cdn.demo-media.test',
      'blog.demo-media.test',
    ]);
    expect(properties[0]).toEqual({
      id: 1,
      name: expect.any(String),
      hostname: 'www.demo-media.test',
      originUrl: expect.stringMatching(/^https:\/\//),
      createdAt: expect.any(String),
      lastPurgedAt: null,
    });
  });

  it('gives one property', async () => {
    expect(json(await get(server.app, '/api/property/2', bearer(token))).data.hostname).toBe(
      'cdn.demo-media.test',
    );
  });

  it('gives the secure account its own, different properties', async () => {
    const ids = json(
      await get(server.app, '/api/property', bearer(await secureToken(server.app, server.clock))),
    ).data.map((p: { id: number }) => p.id);
    expect(ids).toEqual([4, 5]);
  });
});

describe.each([
  ['GET /api/property/{id}', (id: string) => get(server.app, `/api/property/${id}`, bearer(token))],
  ['POST /api/property/{id}/purge', (id: string) => purge(id, { type: 'all' })],
  [
    'GET /api/property/{id}/purge',
    (id: string) => get(server.app, `/api/property/${id}/purge`, bearer(token)),
  ],
])('%s', (_endpoint, call) => {
  it.each([
    ["another account's property", '4'],
    ['an unknown id', '999'],
    ['zero', '0'],
    ['a negative id', '-1'],
    ['a non-integer id', '1.5'],
    ['a non-numeric id', 'x'],
    ['an id beyond any integer type', '99999999999999999999'],
  ])('answers 404 Property not found. for %s, never revealing existence', async (_case, id) => {
    const response = await call(id);
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({
      succeeded: false,
      message: 'Property not found.',
      data: null,
    });
  });

  it('answers an id too long for the router with a 404 envelope', async () => {
    const response = await call('1'.repeat(200));
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({ succeeded: false, message: 'Not found.', data: null });
  });
});

describe('POST /api/property/{id}/purge', () => {
  it('purges everything, records who asked and updates lastPurgedAt', async () => {
    const response = await purge(1, { type: 'all' });
    expect(response.statusCode).toBe(200);
    const record = json(response).data;
    expect(record).toEqual({
      id: expect.any(Number),
      propertyId: 1,
      type: 'all',
      urls: [],
      requestedBy: `user:${DEMO_USER.email}`,
      createdAt: new Date(server.clock.now()).toISOString(),
    });
    expect(json(await get(server.app, '/api/property/1', bearer(token))).data.lastPurgedAt).toBe(
      record.createdAt,
    );
  });

  it('purges URLs on the property host with an API key, recorded as key:<prefix>', async () => {
    const { key, prefix } = await createKey(server.app, token);
    const urls = [
      'https://www.demo-media.test/a.css',
      'http://WWW.demo-media.test/b?x=1',
      'https://www.demo-media.test:443/explicit-default-port',
    ];
    const record = json(await purge(1, { type: 'url', urls }, { 'x-api-key': key } as never)).data;
    expect(record).toMatchObject({
      type: 'url',
      // Stored as normalised: lower-case host, default port dropped.
      urls: [
        'https://www.demo-media.test/a.css',
        'http://www.demo-media.test/b?x=1',
        'https://www.demo-media.test/explicit-default-port',
      ],
      requestedBy: `key:${prefix}`,
    });
  });

  it.each([
    ['an unknown type', { type: 'everything' }, /type/],
    ['an empty URL list', { type: 'url', urls: [] }, /between 1 and 100/],
    ['a missing URL list', { type: 'url' }, /between 1 and 100/],
    [
      'over 100 URLs',
      {
        type: 'url',
        urls: Array.from({ length: 101 }, (_, n) => `https://www.demo-media.test/${n}`),
      },
      /between 1 and 100/,
    ],
    [
      'a URL on another host',
      { type: 'url', urls: ['https://cdn.demo-media.test/x'] },
      /cdn\.demo-media\.test/,
    ],
    ['a relative URL', { type: 'url', urls: ['/x'] }, /"\/x"/],
    ['a non-http URL', { type: 'url', urls: ['ftp://www.demo-media.test/x'] }, /ftp/],
    ['URLs that are not strings', { type: 'url', urls: [1] }, /urls/],
    ['URLs nested in arrays', { type: 'url', urls: [['https://www.demo-media.test/x']] }, /urls/],
    [
      'a URL list that is not an array',
      { type: 'url', urls: 'https://www.demo-media.test/x' },
      /urls/,
    ],
    ['a type that is not a string', { type: 1 }, /type/],
  ])('answers 400 for %s', async (_case, body, message) => {
    const response = await purge(1, body);
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(message);
    expect(json(await get(server.app, '/api/property/1/purge', bearer(token))).data).toEqual([]);
  });
});

describe('GET /api/property/{id}/purge', () => {
  it('lists the purges newest first, at most 100', async () => {
    for (let n = 0; n < 102; n++) {
      server.clock.advance(1000);
      await purge(2, { type: 'url', urls: [`https://cdn.demo-media.test/${n}`] });
    }
    await purge(3, { type: 'all' });
    const history = json(await get(server.app, '/api/property/2/purge', bearer(token))).data;
    expect(history).toHaveLength(100);
    expect(history[0].urls).toEqual(['https://cdn.demo-media.test/101']);
    expect(history[99].urls).toEqual(['https://cdn.demo-media.test/2']);
  });
});

describe('purge URLs are stored as they are checked', () => {
  it('stores the normalised form without the fragment, duplicates merged, and echoes it back', async () => {
    const response = await purge(1, {
      type: 'url',
      urls: [
        'https://www.demo-media.test/a#top',
        'https://www.demo-media.test/a',
        'HTTPS://WWW.DEMO-MEDIA.TEST/a#bottom',
        'https://www.demo-media.test/./b/../c?q=1#x',
      ],
    });
    expect(response.statusCode).toBe(200);
    const expected = ['https://www.demo-media.test/a', 'https://www.demo-media.test/c?q=1'];
    expect(json(response).data.urls).toEqual(expected);
    expect(
      json(await get(server.app, '/api/property/1/purge', bearer(token))).data[0].urls,
    ).toEqual(expected);
  });

  it.each([
    ['a backslash trick', 'https://www.demo-media.test\\@evil.example/x', /backslash/],
    ['a backslash in the path', 'https://www.demo-media.test/a\\b', /backslash/],
    ['a tab', 'https://www.demo-media.test/a\tb', /control/],
    ['a newline', 'https://www.demo-media.test/a\nb', /control/],
    ['a NUL', 'https://www.demo-media.test/a\u0000', /control/],
    ['a C1 control', 'https://www.demo-media.test/a\u0085', /control/],
    ['userinfo', 'https://user:secret@www.demo-media.test/x', /user name or password/],
    ['an empty userinfo', 'https://@www.demo-media.test/x', /user name or password/],
    ['a full-width host', 'https://ｗｗｗ.demo-media.test/x', /non-ASCII/],
    ['a full-width dot', 'https://www．demo-media.test/x', /non-ASCII/],
    ['a percent-encoded host', 'https://www%2Edemo-media.test/x', /non-ASCII or encoded/],
    ['a Cyrillic look-alike', 'https://www.dеmo-media.test/x', /non-ASCII|not on/],
  ])('refuses %s with a 400 naming the line', async (_case, url, message) => {
    const response = await purge(1, {
      type: 'url',
      urls: ['https://www.demo-media.test/fine', url],
    });
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/^URL 2 \(/);
    expect(json(response).message).toMatch(message);
    // Named JSON-quoted: no raw control character is echoed back.
    expect(json(response).message).not.toMatch(/\p{Cc}/u);
    expect(json(await get(server.app, '/api/property/1/purge', bearer(token))).data).toEqual([]);
  });
});

describe('purge record retention', () => {
  it('never deletes an acknowledged record because of later ones: 150 kept, 100 listed', async () => {
    for (let n = 0; n < 150; n++) {
      server.clock.advance(1000);
      expect((await purge(1, { type: 'all' })).statusCode).toBe(200);
    }
    expect(json(await get(server.app, '/api/property/1/purge', bearer(token))).data).toHaveLength(
      100,
    );
    await server.app.close();
    const stored = JSON.parse(readFileSync(server.dbFile, 'utf8')).purges;
    expect(stored.filter((p: { propertyId: number }) => p.propertyId === 1)).toHaveLength(150);
  });

  it('prunes records older than 90 days', async () => {
    // A key, not a JWT: the clock moves past a session's 24 hours.
    const { key } = await createKey(server.app, token);
    const withKey = { 'x-api-key': key } as never;
    const listed = async () =>
      json(await get(server.app, '/api/property/1/purge', withKey)).data as unknown[];
    await purge(1, { type: 'all' }, withKey);
    server.clock.advance(89 * 24 * 3600_000);
    await purge(1, { type: 'all' }, withKey);
    expect(await listed()).toHaveLength(2);
    server.clock.advance(2 * 24 * 3600_000);
    await purge(1, { type: 'all' }, withKey);
    expect(await listed()).toHaveLength(2);
  });
});
