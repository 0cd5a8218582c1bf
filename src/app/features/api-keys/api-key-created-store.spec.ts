import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ok } from '../../testing/api-envelope';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { holdsSecret } from '../../testing/secret-scan';
import { ApiKeyCreatedStore } from './api-key-created-store';

const RAW_KEY = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';

function setUp(properties: unknown[] = [{ id: 42, name: 'Blog', hostname: 'blog.test' }]) {
  TestBed.configureTestingModule({
    providers: [
      ApiKeyCreatedStore,
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestRuntimeConfig(),
    ],
  });
  const store = TestBed.inject(ApiKeyCreatedStore);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok(properties));
  return { store, http };
}

describe('ApiKeyCreatedStore', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('offers the first property for the snippets', () => {
    const { store } = setUp();

    expect(store.snippetReady()).toBe(true);
    expect(store.snippetProperty()?.id).toBe(42);
  });

  it('tests the key as a parameter and keeps only the account it acts for', async () => {
    const { store, http } = setUp();

    const testing = store.testKey(RAW_KEY);
    expect(store.keyTest().kind).toBe('running');
    const request = http.expectOne(`${TEST_API_BASE_URL}/account`);
    request.flush(ok({ id: 1, name: 'Demo Media', email: 'demo@paradarum.test' }));
    await testing;

    expect(request.request.headers.get('X-API-Key') === RAW_KEY).toBe(true);
    expect(store.keyTest().kind).toBe('succeeded');
    expect(store.keyAccount()).toMatchObject({ name: 'Demo Media', email: 'demo@paradarum.test' });
    expect(holdsSecret(store, RAW_KEY)).toBe(false);
  });

  it('says the key does not work when the API refuses it, and keeps no key', async () => {
    const { store, http } = setUp();

    const testing = store.testKey(RAW_KEY);
    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(
        { succeeded: false, message: 'Unauthorized.', data: null },
        { status: 401, statusText: 'Unauthorized' },
      );
    await testing;

    expect(store.keyTest()).toEqual({
      kind: 'failed',
      attempt: undefined,
      message: 'This key does not work: the API refused it (401 Unauthorized).',
      gone: false,
    });
    expect(holdsSecret(store, RAW_KEY)).toBe(false);
  });
});
