import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { getState } from '@ngrx/signals';
import { ok } from '../../testing/api-envelope';
import { provideTestRuntimeConfig, TEST_API_BASE_URL } from '../../testing/runtime-config';
import { OverviewStore } from './overview-store';
import { accountDto, daysAgo, keyDto, propertyDto } from './overview.testing';

const SERVER_ERROR = { status: 500, statusText: 'Internal Server Error' };

function setUp() {
  TestBed.configureTestingModule({
    providers: [
      OverviewStore,
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestRuntimeConfig(),
    ],
  });
  return { store: TestBed.inject(OverviewStore), http: TestBed.inject(HttpTestingController) };
}

describe('OverviewStore', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the account, the keys and the properties at once', () => {
    const { store, http } = setUp();

    http.expectOne(`${TEST_API_BASE_URL}/account`);
    http.expectOne(`${TEST_API_BASE_URL}/apikey`);
    http.expectOne(`${TEST_API_BASE_URL}/property`);
    expect(store.loading()).toBe(true);
    expect(store.allClear()).toBe(false);
  });

  it('computes what needs attention and the figures from the answers, storing none of them', () => {
    const { store, http } = setUp();

    http.expectOne(`${TEST_API_BASE_URL}/account`).flush(ok(accountDto()));
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey`)
      .flush(
        ok([
          keyDto(1, { lastUsedAt: null, createdAt: daysAgo(60) }),
          keyDto(2),
          keyDto(3, { revokedAt: daysAgo(2) }),
        ]),
      );
    http
      .expectOne(`${TEST_API_BASE_URL}/property`)
      .flush(
        ok([
          propertyDto(1, 'Blog', daysAgo(3)),
          propertyDto(2, 'Shop', null),
          propertyDto(3, 'Docs', daysAgo(1)),
        ]),
      );

    expect(store.attention().map((item) => item.kind)).toEqual(['two-factor-off', 'idle-keys']);
    expect(store.activeKeyCount()).toBe(2);
    expect(store.propertyCount()).toBe(3);
    expect(store.recentlyPurged().map((p) => p.id)).toEqual([3, 1]);
    expect(store.loading()).toBe(false);
    expect(Object.keys(getState(store))).not.toEqual(
      expect.arrayContaining(['attention', 'activeKeyCount', 'propertyCount']),
    );
  });

  it('is all clear once the account and the keys answered and nothing needs attention', () => {
    const { store, http } = setUp();
    const properties = http.expectOne(`${TEST_API_BASE_URL}/property`);

    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(ok(accountDto({ twoFactorEnabled: true, recoveryCodesLeft: 8 })));
    expect(store.allClear()).toBe(false);
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok([keyDto(1)]));

    expect(store.attention()).toEqual([]);
    // The properties decide nothing here: still loading, they do not hold the all-clear back.
    expect(store.allClear()).toBe(true);
    properties.flush(ok([]));
  });

  it('still shows what the keys say when the account fails, and is never all clear then', () => {
    const { store, http } = setUp();

    http.expectOne(`${TEST_API_BASE_URL}/account`).flush(null, SERVER_ERROR);
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey`)
      .flush(ok([keyDto(1, { lastUsedAt: daysAgo(45) })]));
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok([propertyDto(1, 'Blog', daysAgo(1))]));

    expect(store.accountStatus().kind).toBe('failed');
    expect(store.attention().map((item) => item.kind)).toEqual(['idle-keys']);
    expect(store.propertyCount()).toBe(1);
    expect(store.allClear()).toBe(false);
  });

  it('still shows what the account says when the keys fail, and is never all clear then', () => {
    const { store, http } = setUp();

    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(ok(accountDto({ twoFactorEnabled: true, recoveryCodesLeft: 2 })));
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(null, SERVER_ERROR);
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok([]));

    expect(store.keysStatus().kind).toBe('failed');
    expect(store.attention()).toEqual([{ kind: 'recovery-codes-low', left: 2 }]);
    expect(store.allClear()).toBe(false);
  });

  it('keeps attention and its all-clear when only the properties fail, and reloads only them', () => {
    const { store, http } = setUp();

    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(ok(accountDto({ twoFactorEnabled: true, recoveryCodesLeft: 8 })));
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok([]));
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(null, SERVER_ERROR);

    expect(store.propertiesStatus().kind).toBe('failed');
    expect(store.allClear()).toBe(true);

    store.loadProperties();
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok([propertyDto(1, 'Blog', null)]));
    expect(store.propertyCount()).toBe(1);
  });
});
