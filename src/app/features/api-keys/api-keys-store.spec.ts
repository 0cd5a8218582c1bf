import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ApiKeysStore } from './api-keys-store';
import { ok } from '../../testing/api-envelope';
import { holdsSecret } from '../../testing/secret-scan';

const RAW_KEY = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';

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

function setup() {
  return { store: TestBed.inject(ApiKeysStore), http: TestBed.inject(HttpTestingController) };
}

async function loaded(keys: unknown[]) {
  const { store, http } = setup();
  // The store asks for the list as soon as it exists.
  http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok(keys));
  return { store, http };
}

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

    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(null, { status: 0, statusText: '' });

    expect(store.loadStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it('lets only the last of two quick retries count, cancelling the first', () => {
    const { store, http } = setup();
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(null, { status: 0, statusText: '' });

    store.load();
    const first = http.expectOne(`${TEST_API_BASE_URL}/apikey`);
    store.load();
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok([keyDto({ id: 7 })]));

    expect(first.cancelled).toBe(true);
    expect(store.loadStatus()).toEqual({ kind: 'loaded' });
    expect(store.activeKeys().map((key) => key.id)).toEqual([7]);
  });

  it('sends the trimmed name when creating a key', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('  WordPress  ');
    const request = http.expectOne(`${TEST_API_BASE_URL}/apikey`);
    request.flush(ok({ ...keyDto({ id: 9, name: 'WordPress' }), key: RAW_KEY }), {
      status: 201,
      statusText: 'Created',
    });
    await creating;

    expect(request.request.body).toEqual({ name: 'WordPress' });
  });

  it('hands the raw key to the caller and lists the key without it', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('WordPress');
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey`)
      .flush(ok({ ...keyDto({ id: 9, name: 'WordPress' }), key: RAW_KEY }));
    const outcome = await creating;

    expect(outcome.ok && outcome.rawKey === RAW_KEY).toBe(true);
    expect(store.activeKeys().map((key) => key.id)).toEqual([9]);
    // The whole store, not only its state: a key parked in a computed value or a prop leaks too.
    expect(holdsSecret(store, RAW_KEY)).toBe(false);
  });

  it('returns the API message when creating fails', async () => {
    const { store, http } = await loaded([]);

    const creating = store.create('x');
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey`)
      .flush(
        { succeeded: false, message: 'Name must be at most 64 characters.', data: null },
        { status: 400, statusText: 'Bad Request' },
      );

    expect(await creating).toEqual({ ok: false, error: 'Name must be at most 64 characters.' });
  });

  it('tells whether an active key already has a name, ignoring case and spaces', async () => {
    const { store } = await loaded([
      keyDto({ id: 1, name: 'CI deploy' }),
      keyDto({ id: 2, name: 'Old', revokedAt: '2025-02-01T00:00:00Z' }),
    ]);

    expect(store.isNameInUse(' ci DEPLOY ')).toBe(true);
    expect(store.isNameInUse('Old')).toBe(false);
  });

  it('moves a revoked key to the revoked list', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http
      .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` })
      .flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05T05:05:05Z' })));
    await revoking;

    expect(store.activeKeys()).toEqual([]);
    expect(store.revokedKeys()[0].revokedAt).toEqual(new Date('2025-05-05T05:05:05Z'));
  });

  it('marks the key as busy while it is being revoked', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);

    expect(store.revokingId()).toBe(1);
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey/1/revoke`)
      .flush(ok(keyDto({ id: 1, revokedAt: '2025-05-05T05:05:05Z' })));
    await revoking;
    expect(store.revokingId()).toBeNull();
  });

  it('explains a revoke of a key that no longer exists', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey/1/revoke`)
      .flush(
        { succeeded: false, message: 'API key not found.', data: null },
        { status: 404, statusText: 'Not Found' },
      );
    const outcome = await revoking;

    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/no longer exists/);
    expect(!outcome.ok && outcome.gone).toBe(true);
    expect(store.activeKeys()).toHaveLength(1);
  });

  it('does not call a key gone when its revoke failed for another reason', async () => {
    const { store, http } = await loaded([keyDto({ id: 1 })]);

    const revoking = store.revoke(store.activeKeys()[0]);
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey/1/revoke`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    const outcome = await revoking;

    expect(!outcome.ok && outcome.gone).toBe(false);
  });

  it('reports the keys of a bulk revoke that no longer exist as gone, the others not', async () => {
    const { store, http } = await loaded([
      keyDto({ id: 1 }),
      keyDto({ id: 2, prefix: 'pdm_EfGh' }),
    ]);
    const results = new Map<number, unknown>();

    const revoking = store.revokeEach(store.activeKeys(), (key, result) =>
      results.set(key.id, result),
    );
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey/1/revoke`)
      .flush(
        { succeeded: false, message: 'API key not found.', data: null },
        { status: 404, statusText: 'Not Found' },
      );
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey/2/revoke`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    await revoking;

    expect(results.get(1)).toEqual({
      kind: 'failed',
      message: 'This key no longer exists.',
      gone: true,
    });
    expect(results.get(2)).toMatchObject({ kind: 'failed', gone: false });
  });
});
