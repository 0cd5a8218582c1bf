import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ApiKeysStore } from './api-keys-store';
import { ok } from '../../testing/api-envelope';
import { holdsSecret } from '../../testing/secret-scan';
import { comparableKeyName } from './api-key';

const RAW_KEY = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';
const KEYS_URL = `${TEST_API_BASE_URL}/apikey`;

function keyDto(overrides: Record<string, unknown> = {}) {
  return {
    id: 1,
    name: 'CI deploy',
    prefix: 'pdm_AbCd',
    createdAt: '2025-01-01T10:00:00Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** What a page passes as `loadShow`: the show-once dialog, here a stand-in that loads at once. */
const showLoads = () => Promise.resolve('the dialog');
const showFails = () => Promise.reject(new Error('offline'));

/** The create request goes out once what shows the key has loaded, a few microtasks later. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

function setup() {
  return { store: TestBed.inject(ApiKeysStore), http: TestBed.inject(HttpTestingController) };
}

async function loaded(keys: unknown[]) {
  const { store, http } = setup();
  // The store asks for the list as soon as it exists.
  http.expectOne(KEYS_URL).flush(ok(keys));
  return { store, http };
}

const notFound = [
  { succeeded: false, message: 'API key not found.', data: null },
  { status: 404, statusText: 'Not Found' },
] as const;

describe('ApiKeysStore', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({
      providers: [
        ApiKeysStore,
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestRuntimeConfig(),
      ],
    }),
  );

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('splits active from revoked keys, newest first', async () => {
    const { store } = await loaded([
      keyDto({ id: 1, createdAt: '2025-01-01T00:00:00Z' }),
      keyDto({ id: 2, createdAt: '2025-03-01T00:00:00Z' }),
      keyDto({ id: 3, revokedAt: '2025-02-01T00:00:00Z' }),
      keyDto({ id: 4, revokedAt: '2025-04-01T00:00:00Z' }),
    ]);

    expect(store.activeKeys().map((key) => key.id)).toEqual([2, 1]);
    expect(store.revokedKeys().map((key) => key.id)).toEqual([4, 3]);
  });

  it('maps timestamps to dates', async () => {
    const { store } = await loaded([keyDto({ lastUsedAt: '2025-02-02T02:02:02Z' })]);

    expect(store.activeKeys()[0].lastUsedAt).toEqual(new Date('2025-02-02T02:02:02Z'));
  });

  it('reports a failed load in words', () => {
    const { store, http } = setup();

    http.expectOne(KEYS_URL).flush(null, { status: 0, statusText: '' });

    expect(store.keysStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it('lets only the last of two quick retries count, cancelling the first', () => {
    const { store, http } = setup();
    http.expectOne(KEYS_URL).flush(null, { status: 0, statusText: '' });

    store.loadKeys();
    const first = http.expectOne(KEYS_URL);
    store.loadKeys();
    http.expectOne(KEYS_URL).flush(ok([keyDto({ id: 7 })]));

    expect(first.cancelled).toBe(true);
    expect(store.keysStatus()).toEqual({ kind: 'loaded' });
    expect(store.activeKeys().map((key) => key.id)).toEqual([7]);
  });

  it('sends the trimmed name when creating a key', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('  WordPress  ', showLoads);
    await nextTask();
    const request = http.expectOne(KEYS_URL);
    request.flush(ok({ ...keyDto({ id: 9, name: 'WordPress' }), key: RAW_KEY }), {
      status: 201,
      statusText: 'Created',
    });
    await creating;

    expect(request.request.body).toEqual({ name: 'WordPress' });
  });

  it('hands the raw key and what shows it to the caller, and lists the key without it', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('WordPress', showLoads);
    await nextTask();
    http.expectOne(KEYS_URL).flush(ok({ ...keyDto({ id: 9, name: 'WordPress' }), key: RAW_KEY }));
    const result = await creating;

    expect(result.kind === 'succeeded' && result.value.rawKey === RAW_KEY).toBe(true);
    expect(result.kind === 'succeeded' && result.value.show).toBe('the dialog');
    expect(store.activeKeys().map((key) => key.id)).toEqual([9]);
    // The whole store, not only its state: a key parked in a computed value or a prop leaks too.
    expect(holdsSecret(store, RAW_KEY)).toBe(false);
  });

  it('creates nothing when what would show the key cannot be loaded, and says so', async () => {
    const { store, http } = await loaded([]);

    const result = await store.create(' Deploy ', showFails);

    http.expectNone(KEYS_URL);
    const message =
      'No key named “Deploy” was created: the dialog that shows a new key could not be loaded. ' +
      'Check your connection and try again.';
    expect(result).toEqual({ kind: 'failed', message, gone: false });
    expect(store.keyAction()).toEqual({
      kind: 'failed',
      attempt: { kind: 'create', name: 'Deploy' },
      message,
      gone: false,
    });
  });

  it('says which key was not created, with the API message', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('x', showLoads);
    await nextTask();
    http
      .expectOne(KEYS_URL)
      .flush(
        { succeeded: false, message: 'Name must be at most 64 characters.', data: null },
        { status: 400, statusText: 'Bad Request' },
      );

    expect(await creating).toEqual({
      kind: 'failed',
      message: 'The key “x” was not created. Name must be at most 64 characters.',
      gone: false,
    });
  });

  it('skips a second create while the first is under way', async () => {
    const { store, http } = await loaded([]);

    const first = store.create('Deploy', showLoads);
    const second = await store.create('Deploy', showLoads);
    await nextTask();
    http.expectOne(KEYS_URL).flush(ok({ ...keyDto({ id: 9, name: 'Deploy' }), key: RAW_KEY }));

    expect(second).toEqual({ kind: 'skipped' });
    expect((await first).kind).toBe('succeeded');
  });

  it('keeps a failure on show while the same attempt runs again, and drops it for another', async () => {
    const { store, http } = await loaded([keyDto()]);
    const key = store.activeKeys()[0];
    const revoking = store.revoke(key);
    http.expectOne(`${KEYS_URL}/1/revoke`).flush(null, { status: 503, statusText: 'Unavailable' });
    await revoking;
    expect(store.keyFailure()).toMatchObject({ attempt: { kind: 'revoke' }, retrying: false });

    const again = store.revoke(key);

    expect(store.keyFailure()).toMatchObject({ attempt: { kind: 'revoke' }, retrying: true });
    http.expectOne(`${KEYS_URL}/1/revoke`).flush(null, { status: 503, statusText: 'Unavailable' });
    await again;
    const other = store.create('Other', showLoads);
    expect(store.keyFailure()).toBeNull();
    await nextTask();
    http.expectOne(KEYS_URL).flush(null, { status: 503, statusText: 'Unavailable' });
    await other;
  });

  it('tells whether an active key already has a name, ignoring case and spaces', async () => {
    const { store } = await loaded([
      keyDto({ id: 1, name: 'CI deploy' }),
      keyDto({ id: 2, name: 'Old', revokedAt: '2025-02-01T00:00:00Z' }),
    ]);

    expect(store.activeNames().has(comparableKeyName(' ci DEPLOY '))).toBe(true);
    expect(store.activeNames().has(comparableKeyName('Old'))).toBe(false);
  });

  it('rolls a key: a replacement of the same name, the old key marked, no raw key kept', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const rolling = store.roll(store.activeKeys()[0], showLoads);
    await nextTask();
    const request = http.expectOne({ method: 'POST', url: KEYS_URL });
    request.flush(ok({ ...keyDto({ id: 2, prefix: 'pdm_EfGh' }), key: RAW_KEY }));
    const result = await rolling;

    expect(request.request.body).toEqual({ name: 'CI deploy' });
    expect(result.kind === 'succeeded' && result.value.rawKey === RAW_KEY).toBe(true);
    expect(store.replacements()).toEqual({ 1: 'pdm_EfGh…' });
    expect(holdsSecret(store, RAW_KEY)).toBe(false);
  });

  it('ends a roll once its old key is revoked', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);
    const old = store.activeKeys()[0];
    const rolling = store.roll(old, showLoads);
    await nextTask();
    http.expectOne(KEYS_URL).flush(ok({ ...keyDto({ id: 2, prefix: 'pdm_EfGh' }), key: RAW_KEY }));
    await rolling;

    const revoking = store.revoke(old);
    http
      .expectOne(`${KEYS_URL}/1/revoke`)
      .flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05T05:05:05Z' })));
    await revoking;

    expect(store.replacements()).toEqual({});
  });

  it('moves a revoked key to the revoked list', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http
      .expectOne({ method: 'POST', url: `${KEYS_URL}/1/revoke` })
      .flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05T05:05:05Z' })));
    await revoking;

    expect(store.activeKeys()).toEqual([]);
    expect(store.revokedKeys()[0].revokedAt).toEqual(new Date('2025-05-05T05:05:05Z'));
  });

  it('marks the key as busy while it is being revoked', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);

    expect(store.busyKeyId()).toBe(1);
    http
      .expectOne(`${KEYS_URL}/1/revoke`)
      .flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05T05:05:05Z' })));
    await revoking;
    expect(store.busyKeyId()).toBeNull();
  });

  it('explains a revoke of a key that no longer exists', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http.expectOne(`${KEYS_URL}/1/revoke`).flush(...notFound);
    const result = await revoking;

    expect(result).toEqual({
      kind: 'failed',
      message:
        '“CI deploy” (pdm_AbCd…) was not revoked. The key “CI deploy” no longer exists: it may ' +
        'have been revoked elsewhere.',
      gone: true,
    });
    expect(store.activeKeys()).toHaveLength(1);
  });

  it('does not call a key gone when its revoke failed for another reason', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http
      .expectOne(`${KEYS_URL}/1/revoke`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });

    expect(await revoking).toMatchObject({ kind: 'failed', gone: false });
  });

  it('reports the keys of a bulk revoke that no longer exist as gone, the others not', async () => {
    const { store, http } = await loaded([
      keyDto({ id: 1 }),
      keyDto({ id: 2, prefix: 'pdm_EfGh' }),
    ]);

    const revoking = store.revokeSelected(store.activeKeys());
    http.expectOne(`${KEYS_URL}/1/revoke`).flush(...notFound);
    http
      .expectOne(`${KEYS_URL}/2/revoke`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    await revoking;

    const results = new Map(store.selectionRevoke()!.entries.map((e) => [e.id, e.result]));
    expect(results.get(1)).toEqual({
      kind: 'failed',
      message: 'This key no longer exists.',
      gone: true,
    });
    expect(results.get(2)).toMatchObject({ kind: 'failed', gone: false });
  });

  it('revokes every active key, showing that run instead of the last selection', async () => {
    const { store, http } = await loaded([
      keyDto({ id: 1 }),
      keyDto({ id: 2, prefix: 'pdm_EfGh' }),
      keyDto({ id: 3, revokedAt: '2025-02-01T00:00:00Z' }),
    ]);
    const selection = store.revokeSelected(store.activeKeys().filter((key) => key.id === 2));
    http.expectOne(`${KEYS_URL}/2/revoke`).flush(null, { status: 503, statusText: 'Unavailable' });
    await selection;

    const every = store.revokeEveryKey();
    http.expectOne(`${KEYS_URL}/1/revoke`).flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05' })));
    http.expectOne(`${KEYS_URL}/2/revoke`).flush(ok(keyDto({ id: 2, revokedAt: '2025-05-05' })));

    expect(await every).toEqual({
      kind: 'succeeded',
      value: { total: 2, succeeded: 2, failed: 0 },
    });
    expect(store.selectionRevoke()).toBeNull();
    expect(store.everyKeyRevoke()?.heading).toBe('Revoking every key');
    expect(store.activeKeys()).toEqual([]);
  });
});
