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

let server: TestServer;
let token: string;
beforeEach(async () => {
  server = await startTestServer();
  token = await demoToken(server.app);
});
afterEach(() => server.close());

const listKeys = async () =>
  json(await get(server.app, '/api/apikey', bearer(token))).data as {
    id: number;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
const withKey = (key: string) => ({ 'x-api-key': key });

describe('POST /api/apikey', () => {
  it('answers 201 with the raw key once and lists the key without it', async () => {
    const response = await post(
      server.app,
      '/api/apikey',
      { name: '  Deploy bot  ' },
      bearer(token),
    );
    expect(response.statusCode).toBe(201);
    const created = json(response).data;
    expect(created).toEqual({
      id: expect.any(Number),
      name: 'Deploy bot',
      prefix: created.key.slice(0, 8),
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(/^pdm_[A-Za-z0-9!@#$%&*]{28}$/),
    });
    const [newest] = await listKeys();
    expect(newest).toEqual({
      id: created.id,
      name: 'Deploy bot',
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it.each([[''], ['   '], ['x'.repeat(65)]])('refuses the name %j with 400', async (name) => {
    const response = await post(server.app, '/api/apikey', { name }, bearer(token));
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/name/);
  });

  it('stores only the hash and prefix, never the raw key', async () => {
    const { key } = await createKey(server.app, token);
    await server.app.close();
    const file = readFileSync(server.dbFile, 'utf8');
    expect(file).not.toContain(key);
    expect(file).not.toContain(key.slice(8));
  });

  it('keeps all of 200 parallel creations, in memory and in the file', async () => {
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, n) => createKey(server.app, token, `parallel ${n}`)),
    );
    expect(new Set(created.map((key) => key.id)).size).toBe(200);
    expect((await listKeys()).length).toBe(201);
    await server.app.close();
    const stored = JSON.parse(readFileSync(server.dbFile, 'utf8')).apiKeys as { name: string }[];
    expect(stored.filter((key) => key.name.startsWith('parallel ')).length).toBe(200);
  });
});

describe('X-API-Key authentication', () => {
  it('accepts a new key and updates its lastUsedAt', async () => {
    const { id, key } = await createKey(server.app, token);
    server.clock.advance(1000);
    const response = await get(server.app, '/api/property', withKey(key));
    expect(response.statusCode).toBe(200);
    expect((await listKeys()).find((k) => k.id === id)?.lastUsedAt).toBe(
      new Date(server.clock.now()).toISOString(),
    );
  });

  it('refuses an unknown key without touching any lastUsedAt', async () => {
    const { id, key } = await createKey(server.app, token);
    const wrong = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    const response = await get(server.app, '/api/property', withKey(wrong));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect((await listKeys()).find((k) => k.id === id)?.lastUsedAt).toBeNull();
  });

  it('refuses a revoked key from then on', async () => {
    const { id, key } = await createKey(server.app, token);
    expect((await post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token))).statusCode).toBe(
      200,
    );
    expect((await get(server.app, '/api/property', withKey(key))).statusCode).toBe(401);
  });

  it('refuses an empty key header like a missing one', async () => {
    expect((await get(server.app, '/api/property', withKey(''))).statusCode).toBe(401);
  });
});

describe('POST /api/apikey/{id}/revoke', () => {
  it('is harmless twice: 200 with the same revokedAt', async () => {
    const { id } = await createKey(server.app, token);
    const first = json(await post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token))).data;
    server.clock.advance(5000);
    const second = json(await post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token))).data;
    expect(first.revokedAt).toEqual(expect.any(String));
    expect(second).toEqual(first);
  });

  it.each([
    ['another account'],
    ['an unknown id'],
    ['a non-numeric id'],
    ['a negative id'],
    ['a non-integer id'],
    ['an id beyond any integer type'],
  ])('answers 404 API key not found. for %s', async (which) => {
    const otherKey = await createKey(server.app, await secureToken(server.app, server.clock));
    const id = {
      'another account': otherKey.id,
      'an unknown id': 99999,
      'a non-numeric id': 'abc',
      'a negative id': -1,
      'a non-integer id': 1.5,
      'an id beyond any integer type': '99999999999999999999',
    }[which];
    const response = await post(server.app, `/api/apikey/${id}/revoke`, {}, bearer(token));
    expect(response.statusCode).toBe(404);
    expect(json(response)).toEqual({
      succeeded: false,
      message: 'API key not found.',
      data: null,
    });
    expect((await get(server.app, '/api/account', withKey(otherKey.key))).statusCode).toBe(200);
  });
});

describe('GET /api/apikey', () => {
  it("lists only the account's keys, newest first", async () => {
    await createKey(server.app, await secureToken(server.app, server.clock), 'secure key');
    server.clock.advance(1000);
    const { id } = await createKey(server.app, token, 'newer');
    const keys = await listKeys();
    expect(keys.map((k) => k.id)[0]).toBe(id);
    expect(keys.map((k) => (k as unknown as { name: string }).name)).toEqual([
      'newer',
      'CMS purge plugin',
    ]);
  });
});

describe('key names', () => {
  it.each([
    ['zero-width spaces only', '\u200b\u200b'],
    ['a zero-width joiner', 'dep\u200dloy'],
    ['a right-to-left override', 'deploy\u202egnp.exe'],
    ['a byte-order mark inside', 'de\ufeffploy'],
    ['a NUL', 'deploy\u0000'],
    ['a newline', 'deploy\nkey'],
    ['a tab', 'deploy\tkey'],
    ['a line separator', 'deploy\u2028key'],
    ['a lone high surrogate', 'deploy \ud83d'],
    ['a lone low surrogate', '\ude00 deploy'],
  ])('refuses %s with 400 and creates nothing', async (_case, name) => {
    const response = await post(server.app, '/api/apikey', { name }, bearer(token));
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toMatch(/name/);
    expect(await listKeys()).toHaveLength(1);
  });

  it.each([
    ['Hangul fillers (U+3164)', '\u3164\u3164\u3164'],
    ['a Hangul choseong filler (U+115F)', '\u115f'],
    ['a Hangul jungseong filler (U+1160)', '\u1160\u1160'],
    ['a halfwidth Hangul filler (U+FFA0)', '\uffa0'],
    ['braille blanks (U+2800)', '\u2800\u2800'],
    ['ten bare combining acute accents', '\u0301'.repeat(10)],
    ['a combining enclosing circle after a space', ' \u20dd'],
    ['ideographic and no-break spaces', '\u3000\u00a0\u2007'],
    ['a variation selector', '\ufe0f'],
    ['a mix of them', '\u3164\u2800\u0301\u00a0'],
  ])('refuses a name of %s with the message an empty name gets', async (_case, name) => {
    const empty = json(await post(server.app, '/api/apikey', { name: '' }, bearer(token)));
    const response = await post(server.app, '/api/apikey', { name }, bearer(token));
    expect(response.statusCode).toBe(400);
    expect(json(response).message).toBe(empty.message);
    expect(empty.message).toMatch(/visible/);
    expect(await listKeys()).toHaveLength(1);
  });

  it.each([
    ['Déploiement production'],
    ['部署 🚀'],
    ['CMS — purge plugin'],
    // Decomposed é, and a filler beside a visible letter: the name shows something.
    ['Cafe\u0301'],
    ['\u3164x'],
    ['⠁'],
  ])('accepts %s', async (name) => {
    const response = await post(server.app, '/api/apikey', { name }, bearer(token));
    expect(response.statusCode).toBe(201);
    expect(json(response).data.name).toBe(name);
  });
});

describe('lastUsedAt', () => {
  it('is exact in the API at once, and in the file once the server closes', async () => {
    const { id, key } = await createKey(server.app, token);
    server.clock.advance(60_000);
    expect((await get(server.app, '/api/account', withKey(key))).statusCode).toBe(200);
    const usedAt = new Date(server.clock.now()).toISOString();
    expect((await listKeys()).find((k) => k.id === id)?.lastUsedAt).toBe(usedAt);
    await server.app.close();
    const stored = JSON.parse(readFileSync(server.dbFile, 'utf8')).apiKeys;
    expect(stored.find((k: { id: number }) => k.id === id).lastUsedAt).toBe(usedAt);
  });

  it('is not updated by an invalid key that shares a stored prefix', async () => {
    const { id, key } = await createKey(server.app, token);
    const wrong = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(server.app, '/api/account', withKey(wrong))).statusCode).toBe(401);
    expect((await listKeys()).find((k) => k.id === id)?.lastUsedAt).toBeNull();
  });
});
