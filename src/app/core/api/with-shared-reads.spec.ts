import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { signalStore } from '@ngrx/signals';
import { ok } from '../../testing/api-envelope';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';
import { withAccount, withApiKeyList, withPropertyList } from './with-shared-reads';

/** One store holding all three, as an overview would: their names must not collide. */
const ReadsStore = signalStore(withAccount(), withApiKeyList(), withPropertyList());

function setUp() {
  TestBed.configureTestingModule({
    providers: [
      ReadsStore,
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestRuntimeConfig(),
    ],
  });
  return { store: TestBed.inject(ReadsStore), http: TestBed.inject(HttpTestingController) };
}

const key = {
  id: 1,
  name: 'CI',
  prefix: 'pdm_AbCd',
  createdAt: '2026-01-02T03:04:05Z',
  lastUsedAt: null,
  revokedAt: null,
};
const property = {
  id: 7,
  name: 'Blog',
  hostname: 'blog.example',
  originUrl: 'https://origin.blog.example',
  createdAt: '2026-01-02T03:04:05Z',
  lastPurgedAt: null,
};
const account = {
  id: 3,
  name: 'Demo',
  email: 'demo@paradarum.test',
  twoFactorEnabled: false,
  recoveryCodesLeft: 0,
  createdAt: '2025-01-01T00:00:00Z',
};

describe('shared read features', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('load nothing until asked', () => {
    const { store } = setUp();

    expect(store.keysStatus()).toEqual({ kind: 'loading' });
    expect(store.keyEntities()).toEqual([]);
  });

  it('load each list and the account into their own names, mapped to the panel’s types', () => {
    const { store, http } = setUp();

    store.loadKeys();
    store.loadProperties();
    store.loadAccount();
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok([key]));
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok([property]));
    http.expectOne(`${TEST_API_BASE_URL}/account`).flush(ok(account));

    expect(store.keyEntities().map((k) => [k.id, k.createdAt instanceof Date])).toEqual([
      [1, true],
    ]);
    expect(store.propertyEntities().map((p) => p.hostname)).toEqual(['blog.example']);
    expect(store.account()?.email).toBe('demo@paradarum.test');
    expect([store.keysStatus(), store.propertiesStatus(), store.accountStatus()]).toEqual([
      { kind: 'loaded' },
      { kind: 'loaded' },
      { kind: 'loaded' },
    ]);
  });

  it('fail in words, and a new load cancels the one it replaces', () => {
    const { store, http } = setUp();

    store.loadKeys();
    const first = http.expectOne(`${TEST_API_BASE_URL}/apikey`);
    store.loadKeys();

    expect(first.cancelled).toBe(true);
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(null, { status: 0, statusText: '' });
    expect(store.keysStatus()).toEqual({
      kind: 'failed',
      message: expect.stringContaining('cannot be reached'),
    });
  });
});
