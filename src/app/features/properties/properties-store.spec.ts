import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  PROPERTY_URL,
  ok,
  propertyDto,
  providePropertiesTesting,
  refused,
} from './properties.testing';
import { firstInOrder, PropertiesStore, SEARCH_DEBOUNCE_MS } from './properties-store';

const catalogue = [
  propertyDto({ id: 1, name: 'Zeta shop', hostname: 'shop.zeta.test' }),
  propertyDto({ id: 2, name: 'alpha blog', hostname: 'blog.alpha.test' }),
  propertyDto({ id: 3, name: 'Media CDN', hostname: 'cdn.media.test' }),
  propertyDto({ id: 4, name: 'Site 10', hostname: 'site-10.test' }),
  propertyDto({ id: 5, name: 'Site 9', hostname: 'site-9.test' }),
];

describe('PropertiesStore', () => {
  let store: InstanceType<typeof PropertiesStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [providePropertiesTesting(), PropertiesStore] });
    store = TestBed.inject(PropertiesStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  /** Answers the request the store sends as soon as it exists. */
  async function load(properties = catalogue): Promise<void> {
    http.expectOne(PROPERTY_URL).flush(ok(properties));
  }

  /** Types into the search and lets the debounce pass. */
  function search(typed: string): void {
    store.search(typed);
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
  }

  const names = () => store.visible().map((property) => property.name);

  it('reports the properties of a bulk purge that no longer exist as gone, the others not', async () => {
    await load([propertyDto({ id: 1 }), propertyDto({ id: 2 })]);
    const results = new Map<number, unknown>();

    const purging = store.purgeEach(store.entities(), (property, result) =>
      results.set(property.id, result),
    );
    http
      .expectOne(`${PROPERTY_URL}/1/purge`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    http
      .expectOne(`${PROPERTY_URL}/2/purge`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    await purging;

    expect(results.get(1)).toEqual({
      kind: 'failed',
      message: 'This property no longer exists.',
      gone: true,
    });
    expect(results.get(2)).toMatchObject({ kind: 'failed', gone: false });
  });

  it('is loading until the API answers', () => {
    expect(store.loadStatus()).toEqual({ kind: 'loading' });
    http.expectOne(PROPERTY_URL).flush(ok([]));
    expect(store.loadStatus()).toEqual({ kind: 'loaded' });
  });

  it('sorts by name, ignoring case and reading numbers as numbers', async () => {
    await load();

    expect(names()).toEqual(['alpha blog', 'Media CDN', 'Site 9', 'Site 10', 'Zeta shop']);
  });

  it('says in words why the list could not be loaded', () => {
    http.expectOne(PROPERTY_URL).flush(null, { status: 0, statusText: 'Unknown Error' });

    expect(store.loadStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it('lets only the last of two quick retries count, cancelling the first', () => {
    http.expectOne(PROPERTY_URL).flush(null, { status: 500, statusText: 'Server Error' });

    store.load();
    const first = http.expectOne(PROPERTY_URL);
    store.load();
    http.expectOne(PROPERTY_URL).flush(ok(catalogue.slice(0, 2)));

    expect(first.cancelled).toBe(true);
    expect(store.total()).toBe(2);
  });

  it('finds properties by name, whatever the case', async () => {
    jest.useFakeTimers();
    await load();

    search('MEDIA');

    expect(names()).toEqual(['Media CDN']);
  });

  it('finds properties by hostname', async () => {
    jest.useFakeTimers();
    await load();

    search('blog.alpha');

    expect(names()).toEqual(['alpha blog']);
  });

  it('needs every word of the search to appear', async () => {
    jest.useFakeTimers();
    await load();

    search('  site   10 ');

    expect(names()).toEqual(['Site 10']);
  });

  it('waits for a pause in typing before searching', async () => {
    jest.useFakeTimers();
    await load();

    store.search('zeta');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);

    expect(store.query()).toBe('');
    expect(store.matchCount()).toBe(5);
  });

  it('counts every match, not only the shown page', async () => {
    jest.useFakeTimers();
    await load(manyProperties(120));

    search('site');

    expect(store.total()).toBe(120);
    expect(store.matchCount()).toBe(120);
    expect(store.visible()).toHaveLength(50);
  });

  it('shows the requested page', async () => {
    await load(manyProperties(120));

    store.showPage(2, 50);

    expect(names()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Site ${String(i + 101).padStart(4, '0')}`),
    );
  });

  it('shows a page deep in a long list in order', async () => {
    await load(manyProperties(1200).reverse());

    store.showPage(21, 50);

    expect(names()[0]).toBe('Site 1051');
    expect(names()).toHaveLength(50);
  });

  it('keeps the order of a sort by last purge on the first page of a long list', async () => {
    const properties = manyProperties(300).map((property, i) => ({
      ...property,
      lastPurgedAt: i % 3 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    }));
    await load(properties);

    store.showView({ query: '', pageIndex: 0, sort: 'last-purge' });

    expect(names().slice(0, 2)).toEqual(['Site 0300', 'Site 0299']);
  });

  it('goes back to the first page when the search changes', async () => {
    jest.useFakeTimers();
    await load(manyProperties(120));
    store.showPage(2, 50);

    search('site 00');

    expect(store.pageIndex()).toBe(0);
    expect(names()[0]).toBe('Site 0001');
  });
});

describe('firstInOrder', () => {
  const byNumber = (a: { n: number }, b: { n: number }) => a.n - b.n;

  it('gives what a full sort gives, ties in input order', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ n: (i * 7919) % 97, at: i }));

    for (const count of [0, 1, 50, 399, 400, 500]) {
      expect(firstInOrder(items, count, byNumber)).toEqual(
        [...items].sort(byNumber).slice(0, count),
      );
    }
  });
});

function manyProperties(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const number = String(i + 1).padStart(4, '0');
    return propertyDto({ id: i + 1, name: `Site ${number}`, hostname: `site-${number}.test` });
  });
}
