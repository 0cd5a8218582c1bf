import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  PROPERTY_URL,
  ok,
  propertyDto,
  providePropertiesTesting,
  purgeDto,
  refused,
} from './properties.testing';
import { takeOpenRequests } from '../../testing/pending-requests';
import { PropertiesStore } from './properties-store';

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

  afterEach(() => http.verify());

  /** Answers the request the store sends as soon as it exists. */
  async function load(properties = catalogue): Promise<void> {
    http.expectOne(PROPERTY_URL).flush(ok(properties));
  }

  /** Shows the list as a URL with this search would. */
  function search(query: string): void {
    store.showView({ query, pageIndex: 0, sort: 'name' });
  }

  const names = () => store.visible().map((property) => property.name);

  it('purges everything on each property, 4 at a time, and dates each row at once', async () => {
    await load(manyProperties(5));
    const properties = store.propertyEntities();

    const purging = store.purgeEverything(properties);
    const first = http.match((request) => request.method === 'POST');
    expect(first.map((request) => request.request.url)).toEqual(
      [1, 2, 3, 4].map((id) => `${PROPERTY_URL}/${id}/purge`),
    );
    expect(store.bulkPurge()?.heading).toBe('Purging 5 properties');
    first.forEach((request) => request.flush(ok(purgeDto({ createdAt: '2025-05-01T00:00:00Z' }))));
    const [last] = await takeOpenRequests(http, (request) => request.method === 'POST', 1);
    expect(last.request.url).toBe(`${PROPERTY_URL}/5/purge`);
    last.flush(ok(purgeDto()));

    await expect(purging).resolves.toEqual({
      kind: 'succeeded',
      value: { total: 5, succeeded: 5, failed: 0 },
    });
    expect(store.propertyEntities()[0].lastPurgedAt).toEqual(new Date('2025-05-01T00:00:00Z'));
    expect(store.bulkPurgeRunning()).toBe(false);
  });

  it('reports the properties of a bulk purge that no longer exist as gone, the others not', async () => {
    await load([propertyDto({ id: 1 }), propertyDto({ id: 2 })]);

    const purging = store.purgeEverything(store.propertyEntities());
    http
      .expectOne(`${PROPERTY_URL}/1/purge`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    http
      .expectOne(`${PROPERTY_URL}/2/purge`)
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    await purging;

    const results = store.bulkPurge()?.entries.map((entry) => entry.result);
    expect(results?.[0]).toEqual({
      kind: 'failed',
      message: 'This property no longer exists.',
      gone: true,
    });
    expect(results?.[1]).toMatchObject({ kind: 'failed', gone: false });
  });

  it('purges again only the properties asked for, keeping the others’ results', async () => {
    await load([propertyDto({ id: 1 }), propertyDto({ id: 2 })]);
    const purging = store.purgeEverything(store.propertyEntities());
    http.expectOne(`${PROPERTY_URL}/1/purge`).flush(ok(purgeDto()));
    http.expectOne(`${PROPERTY_URL}/2/purge`).flush(null, { status: 503, statusText: 'Busy' });
    await purging;

    const retrying = store.retryPurges([2]);
    (await takeOpenRequests(http, (request) => request.method === 'POST', 1))[0].flush(
      ok(purgeDto()),
    );
    await retrying;

    expect(store.bulkPurge()?.entries.map((entry) => entry.result.kind)).toEqual([
      'succeeded',
      'succeeded',
    ]);
  });

  it('keeps ticked properties across searches and gives those shown first', async () => {
    await load();
    store.select(store.propertyEntities()[0], true); // Zeta shop
    search('alpha');
    store.selectPage(true); // alpha blog

    expect(store.selected().map((property) => property.name)).toEqual(['alpha blog', 'Zeta shop']);
    expect(store.pageSelection()).toBe('all');
  });

  it('is loading until the API answers', () => {
    expect(store.propertiesStatus()).toEqual({ kind: 'loading' });
    http.expectOne(PROPERTY_URL).flush(ok([]));
    expect(store.propertiesStatus()).toEqual({ kind: 'loaded' });
  });

  it('sorts by name, ignoring case and reading numbers as numbers', async () => {
    await load();

    expect(names()).toEqual(['alpha blog', 'Media CDN', 'Site 9', 'Site 10', 'Zeta shop']);
  });

  it('says in words why the list could not be loaded', () => {
    http.expectOne(PROPERTY_URL).flush(null, { status: 0, statusText: 'Unknown Error' });

    expect(store.propertiesStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it('lets only the last of two quick retries count, cancelling the first', () => {
    http.expectOne(PROPERTY_URL).flush(null, { status: 500, statusText: 'Server Error' });

    store.loadProperties();
    const first = http.expectOne(PROPERTY_URL);
    store.loadProperties();
    http.expectOne(PROPERTY_URL).flush(ok(catalogue.slice(0, 2)));

    expect(first.cancelled).toBe(true);
    expect(store.total()).toBe(2);
  });

  it('finds properties by name, whatever the case', async () => {
    await load();

    search('MEDIA');

    expect(names()).toEqual(['Media CDN']);
  });

  it('finds properties by hostname', async () => {
    await load();

    search('blog.alpha');

    expect(names()).toEqual(['alpha blog']);
  });

  it('needs every word of the search to appear', async () => {
    await load();

    search('  site   10 ');

    expect(names()).toEqual(['Site 10']);
  });

  it('counts every match, not only the shown page', async () => {
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
});

function manyProperties(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const number = String(i + 1).padStart(4, '0');
    return propertyDto({ id: i + 1, name: `Site ${number}`, hostname: `site-${number}.test` });
  });
}
