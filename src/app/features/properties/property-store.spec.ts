import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { waitFor } from '@testing-library/angular';
import {
  KEY_LIST_URL,
  keyDto,
  PROPERTY_URL,
  ok,
  propertyDto,
  providePropertiesTesting,
  purgeDto,
  refused,
} from './properties.testing';
import { PropertyStore } from './property-store';

const purgeUrl = `${PROPERTY_URL}/2/purge`;

describe('PropertyStore', () => {
  let store: InstanceType<typeof PropertyStore>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [providePropertiesTesting(), PropertyStore] });
    store = TestBed.inject(PropertyStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function loadProperty(history = [purgeDto()]): void {
    store.load('2');
    http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto()));
    http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok(history));
  }

  it('follows a new id, cancelling the requests for the one it replaces', () => {
    store.load('2');
    const property = http.expectOne(`${PROPERTY_URL}/2`);
    const history = http.expectOne(purgeUrl);
    store.load('3');
    http.expectOne(`${PROPERTY_URL}/3`).flush(ok(propertyDto({ id: 3 })));
    http.expectOne(`${PROPERTY_URL}/3/purge`).flush(ok([]));

    expect([property.cancelled, history.cancelled]).toEqual([true, true]);
    expect(store.property()?.id).toBe(3);
  });

  it('lets only the last of two quick history retries count', () => {
    store.load('2');
    http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto()));
    http.expectOne(purgeUrl).flush('boom', { status: 503, statusText: 'Unavailable' });

    store.retryHistory();
    const first = http.expectOne(purgeUrl);
    store.retryHistory();
    http.expectOne(purgeUrl).flush(ok([purgeDto({ id: 9 })]));

    expect(first.cancelled).toBe(true);
    expect(store.history().map((entry) => entry.id)).toEqual([9]);
  });

  it('loads the property and its purge history', () => {
    loadProperty();

    expect(store.loadStatus()).toEqual({ kind: 'loaded' });
    expect(store.property()?.hostname).toBe('site-2.example.test');
    expect(store.historyStatus()).toEqual({ kind: 'loaded' });
    expect(store.history()).toHaveLength(1);
  });

  it('treats a 404 as "not found", the answer for another account’s property too', () => {
    store.load('4');
    http
      .expectOne(`${PROPERTY_URL}/4`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    http
      .expectOne(`${PROPERTY_URL}/4/purge`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });

    expect(store.loadStatus()).toEqual({ kind: 'not-found' });
  });

  it('answers "not found" for an id that cannot exist, without asking the API', () => {
    store.load('abc');

    expect(store.loadStatus()).toEqual({ kind: 'not-found' });
    http.expectNone(() => true);
  });

  it('says in words why the property could not be loaded', () => {
    store.load('2');
    http.expectOne(`${PROPERTY_URL}/2`).flush('boom', { status: 500, statusText: 'Error' });
    http.expectOne(purgeUrl).flush(ok([]));

    expect(store.loadStatus()).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/on our side/),
    });
  });

  it('keeps the property when only its history fails', () => {
    store.load('2');
    http.expectOne(purgeUrl).flush('boom', { status: 503, statusText: 'Unavailable' });
    http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto()));

    expect(store.loadStatus()).toEqual({ kind: 'loaded' });
    expect(store.historyStatus()).toEqual({ kind: 'failed', message: expect.any(String) });
  });

  it('purges everything, then records when and refreshes the history', async () => {
    loadProperty([]);
    const record = purgeDto({ id: 7, createdAt: '2025-03-02T08:00:00.000Z' });

    const purged = store.purgeAll();
    const request = http.expectOne({ method: 'POST', url: purgeUrl });
    expect(request.request.body).toEqual({ type: 'all' });
    request.flush(ok(record));
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([record]));

    expect(await purged).toEqual({ kind: 'succeeded', value: undefined });
    expect(store.lastPurge()?.id).toBe(7);
    expect(store.property()?.lastPurgedAt).toEqual(new Date('2025-03-02T08:00:00.000Z'));
    expect(store.history().map((entry) => entry.id)).toEqual([7]);
  });

  it('sends one purge when asked twice before the first is answered', async () => {
    loadProperty([]);

    const first = store.purgeAll();
    const second = store.purgeAll();

    http.expectOne({ method: 'POST', url: purgeUrl }).flush(ok(purgeDto()));
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([]));
    expect(await second).toEqual({ kind: 'skipped' });
    expect(await first).toMatchObject({ kind: 'succeeded' });
  });

  it('purges the given URLs', async () => {
    loadProperty([]);

    void store.purgeUrls(['https://site-2.example.test/a']);

    const request = http.expectOne({ method: 'POST', url: purgeUrl });
    expect(request.request.body).toEqual({ type: 'url', urls: ['https://site-2.example.test/a'] });
    request.flush(ok(purgeDto({ type: 'url', urls: ['https://site-2.example.test/a'] })));
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([]));
  });

  it('shows the API’s words when it refuses a purge', async () => {
    loadProperty([]);

    const purged = store.purgeUrls(['https://site-2.example.test/a']);
    http
      .expectOne({ method: 'POST', url: purgeUrl })
      .flush(refused('URL 1 is not on site-2.example.test.'), {
        status: 400,
        statusText: 'Bad Request',
      });

    expect(await purged).toMatchObject({ kind: 'failed' });
    expect(store.purgeStatus()).toEqual({
      kind: 'failed',
      attempt: { type: 'url', urls: ['https://site-2.example.test/a'] },
      message: 'The purge did not happen. URL 1 is not on site-2.example.test.',
      gone: false,
    });
  });

  it('marks a purge refused with 404 as gone: the property no longer exists', async () => {
    loadProperty([]);

    const purged = store.purgeAll();
    http
      .expectOne({ method: 'POST', url: purgeUrl })
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });

    expect(await purged).toMatchObject({ kind: 'failed', gone: true });
    expect(store.purgeStatus()).toEqual({
      kind: 'failed',
      attempt: { type: 'all' },
      message:
        'The purge did not happen. Property not found. It may have been removed from your account.',
      gone: true,
    });
  });

  it('sends a long list in batches and says it once, with every URL sent and the batches', async () => {
    loadProperty([]);
    const urls = Array.from({ length: 150 }, (_, i) => `https://site-2.example.test/${i}`);

    const sending = store.purgeUrls(urls);
    for (const batch of [urls.slice(0, 100), urls.slice(100)]) {
      const request = await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
      expect(request.request.body).toEqual({ type: 'url', urls: batch });
      request.flush(ok(purgeDto({ type: 'url', urls: batch })));
    }
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([]));
    await sending;

    expect(store.lastPurge()?.urls).toEqual(urls);
    expect(store.lastPurgeBatches()).toBe(2);
    expect(store.purgeStatus()).toMatchObject({ kind: 'succeeded' });
  });

  it('keeps only the failed batch’s URLs for Try again when a long list fails in part', async () => {
    loadProperty([]);
    const urls = Array.from({ length: 150 }, (_, i) => `https://site-2.example.test/${i}`);

    const sending = store.purgeUrls(urls);
    (await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }))).flush(null, {
      status: 503,
      statusText: 'Unavailable',
    });
    (await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }))).flush(
      ok(purgeDto({ type: 'url' })),
    );
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([]));
    await sending;

    expect(store.purgeStatus()).toMatchObject({
      kind: 'failed',
      attempt: { type: 'url', urls: urls.slice(0, 100) },
      message: expect.stringMatching(/^1 of 2 batches sent\. 1 failed \(.+\); their 100 URLs/),
    });
    expect(store.lastPurge()?.urls).toEqual(urls.slice(100));
  });

  it('keeps the failure shown while Try again runs, and clears it when that succeeds', async () => {
    loadProperty([]);
    void store.purgeAll();
    http.expectOne({ method: 'POST', url: purgeUrl }).flush(null, { status: 500, statusText: 'x' });
    await waitFor(() => expect(store.purgeStatus().kind).toBe('failed'));

    const retrying = store.retryPurge();

    expect(store.purging()).toBe(true);
    expect(store.purgeFailure()?.message).toMatch(/^The purge did not happen/);
    http.expectOne({ method: 'POST', url: purgeUrl }).flush(ok(purgeDto()));
    (await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }))).flush(ok([]));
    await retrying;
    expect(store.purgeFailure()).toBeNull();
  });

  it('loads the property again instead of purging when it no longer exists', async () => {
    loadProperty([]);
    void store.purgeAll();
    http
      .expectOne({ method: 'POST', url: purgeUrl })
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    await waitFor(() => expect(store.purgeStatus().kind).toBe('failed'));

    await expect(store.retryPurge()).resolves.toEqual({ kind: 'skipped' });

    http.expectNone({ method: 'POST', url: purgeUrl });
    expect(store.purgeStatus()).toEqual({ kind: 'idle' });
    http
      .expectOne(`${PROPERTY_URL}/2`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([]));
    expect(store.loadStatus()).toEqual({ kind: 'not-found' });
  });

  it('asks for the key list once, when the history first names a key', () => {
    store.load('2');
    http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto()));
    http.expectOne(purgeUrl).flush(ok([purgeDto({ requestedBy: 'key:pdm_AbCd' })]));
    TestBed.tick();

    http.expectOne(KEY_LIST_URL).flush(ok([keyDto()]));
    store.retryHistory();
    http.expectOne(purgeUrl).flush(ok([purgeDto({ requestedBy: 'key:pdm_AbCd' })]));
    TestBed.tick();

    http.expectNone(KEY_LIST_URL);
    expect(store.keyNames().get('pdm_AbCd')).toBe('CMS purge plugin');
  });

  it('does not ask for the key list while no key purged', () => {
    loadProperty([purgeDto({ requestedBy: 'user:demo@paradarum.test' })]);
    TestBed.tick();

    http.expectNone(KEY_LIST_URL);
  });
});
