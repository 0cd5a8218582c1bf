import { HttpRequest } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { takeOpenRequests } from '../../testing/pending-requests';
import { PropertiesPage } from './properties-page';
import { SEARCH_DEBOUNCE_MS } from './properties-controls';
import {
  PROPERTY_URL,
  ok,
  propertyDto,
  providePropertiesTesting,
  purgeDto,
} from './properties.testing';

/** `count` properties named so that the list order is their id order. */
function properties(count: number) {
  return Array.from({ length: count }, (_, index) =>
    propertyDto({
      id: index + 1,
      name: `Site ${String(index + 1).padStart(3, '0')}`,
      hostname: `site-${index + 1}.example.test`,
    }),
  );
}

async function renderLoaded(list: ReturnType<typeof propertyDto>[]) {
  await render(PropertiesPage, { providers: providePropertiesTesting() });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(PROPERTY_URL).flush(ok(list));
  await screen.findByRole('heading', { name: 'Properties' });
  return http;
}

function isPurge(request: HttpRequest<unknown>): boolean {
  return request.method === 'POST' && request.url.endsWith('/purge');
}

function purgeRequests(http: HttpTestingController): TestRequest[] {
  return http.match(isPurge);
}

function idOf(request: TestRequest): number {
  return Number(request.request.url.split('/').at(-2));
}

function openRequests(http: HttpTestingController, count: number): Promise<TestRequest[]> {
  return takeOpenRequests(http, isPurge, count);
}

/** Ticks the page's box and confirms "Purge everything" on its `count` properties. */
async function purgeWholePage(count: number): Promise<void> {
  await userEvent.click(
    screen.getByRole('checkbox', { name: 'Select the properties on this page' }),
  );
  await userEvent.click(
    screen.getByRole('button', { name: `Purge everything on ${count} properties…` }),
  );
  await userEvent.click(await screen.findByRole('button', { name: `Purge ${count} properties` }));
}

describe('PropertiesPage, purging many properties', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.inject(MatDialog).closeAll();
  });

  // Fifty rendered rows make role queries slow in jsdom: this test finds controls by label and text.
  it('offers to select all properties matching the search once the page is ticked', async () => {
    await renderLoaded(properties(51));

    await userEvent.click(screen.getByLabelText('Select the properties on this page'));
    expect(screen.getByText('50 selected')).toBeInTheDocument();
    // Its visible label is shorter on a phone: found by name, within the small bar.
    const bar = screen.getByLabelText('Selected properties');
    await userEvent.click(within(bar).getByRole('button', { name: 'Select all 51 matching' }));

    expect(screen.getByText('51 selected')).toBeInTheDocument();
    expect(
      screen.getByText(/Purge everything on 51\s+properties…/).closest('button'),
    ).toBeEnabled();
  });

  it('offers the bulk purge only once a property is ticked, in a bar that keeps its place', async () => {
    await renderLoaded(properties(2));
    const bar = screen.getByRole('group', { name: 'Selected properties' });
    expect(within(bar).queryByRole('button')).not.toBeInTheDocument();
    expect(bar).toHaveTextContent('Tick properties to purge several at once.');

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select site-1.example.test' }));

    expect(
      within(bar).getByRole('button', { name: 'Purge everything on 1 property…' }),
    ).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Select site-1.example.test' })).toHaveFocus();
  });

  it('keeps focus in the bar when the selection is cleared', async () => {
    await renderLoaded(properties(2));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select site-1.example.test' }));

    await userEvent.click(screen.getByRole('button', { name: 'Clear selection' }));

    const bar = screen.getByRole('group', { name: 'Selected properties' });
    expect(bar).toHaveFocus();
    expect(within(bar).queryByRole('button')).not.toBeInTheDocument();
  });

  it('names the count and the first hostnames before purging, and purges 4 at a time', async () => {
    const http = await renderLoaded(properties(6));
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Select the properties on this page' }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Purge everything on 6 properties…' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Purge everything on 6 properties?' });
    expect(dialog).toHaveTextContent(
      'site-1.example.test, site-2.example.test, site-3.example.test and 3 others',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Purge 6 properties' }));

    const first = await openRequests(http, 4);
    expect(first.map(idOf)).toEqual([1, 2, 3, 4]);
    expect(first[0].request.body).toEqual({ type: 'all' });
    first.forEach((request) => request.flush(ok(purgeDto({ propertyId: idOf(request) }))));
    const rest = await openRequests(http, 2);
    rest.forEach((request) => request.flush(ok(purgeDto({ propertyId: idOf(request) }))));

    expect(await screen.findByText('Finished: 6 of 6 purged.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Purging 6 properties' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
  });

  it('shows each failed property and retries only those', async () => {
    const http = await renderLoaded(properties(2));
    await purgeWholePage(2);
    const [one, two] = await openRequests(http, 2);

    one.flush(ok(purgeDto({ propertyId: 1 })));
    two.flush(null, { status: 503, statusText: 'Service Unavailable' });

    expect(await screen.findByText('Finished: 1 of 2 purged, 1 failed.')).toBeInTheDocument();
    const results = screen.getByRole('list', { name: 'Purging 2 properties: each result' });
    expect(within(results).getByText('site-2.example.test').closest('li')).toHaveTextContent(
      'failed.',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Retry 1 failed' }));
    const [retried] = await openRequests(http, 1);
    expect(idOf(retried)).toBe(2);
    retried.flush(ok(purgeDto({ propertyId: 2 })));

    expect(await screen.findByText('Finished: 2 of 2 purged.')).toBeInTheDocument();
  });

  it('does not retry a property that no longer exists, and offers to reload the list', async () => {
    const http = await renderLoaded(properties(2));
    await purgeWholePage(2);
    const [one, two] = await openRequests(http, 2);

    one.flush(ok(purgeDto({ propertyId: 1 })));
    two.flush(
      { succeeded: false, message: 'Property not found.', data: null },
      { status: 404, statusText: 'Not Found' },
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: 1 property no longer exists: reload the list');
    expect(screen.queryByRole('button', { name: /^Retry/ })).not.toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload the list' }));

    expect(purgeRequests(http)).toEqual([]);
    http.expectOne(PROPERTY_URL).flush(ok(properties(1)));
    expect(
      await screen.findByRole('checkbox', { name: 'Select site-1.example.test' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Select site-2.example.test' })).toBeNull();
  });

  it('purges one property from its row, without leaving the list', async () => {
    const http = await renderLoaded(properties(2));

    await userEvent.click(
      screen.getByRole('button', { name: 'Purge… everything on site-2.example.test' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));
    const [request] = await openRequests(http, 1);
    request.flush(ok(purgeDto({ propertyId: 2, createdAt: new Date().toISOString() })));

    expect(await screen.findByText('Finished: 1 of 1 purged.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Properties' })).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /site-2\.example\.test/ });
    expect(within(row).getByText('just now')).toBeInTheDocument();
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const http = await renderLoaded(properties(2));

    await userEvent.click(
      screen.getByRole('button', { name: 'Purge… everything on site-1.example.test' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(purgeRequests(http)).toHaveLength(0);
  });

  it('asks before the tab closes while purges run, and not after', async () => {
    const http = await renderLoaded(properties(1));
    await userEvent.click(
      screen.getByRole('button', { name: 'Purge… everything on site-1.example.test' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));
    const [request] = await openRequests(http, 1);

    const during = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(during);
    request.flush(ok(purgeDto({ propertyId: 1 })));
    await screen.findByText('Finished: 1 of 1 purged.');
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);

    expect(during.defaultPrevented).toBe(true);
    expect(after.defaultPrevented).toBe(false);
  });

  it('keeps a ticked property selected when a search hides it, and purges it too', async () => {
    const http = await renderLoaded(properties(3));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select site-3.example.test' }));

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'Site 001');
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Select site-1.example.test' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Purge everything on 2 properties…' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Purge 2 properties' }));

    const requests = await openRequests(http, 2);
    expect(requests.map(idOf)).toEqual([1, 3]);
    requests.forEach((request) => request.flush(ok(purgeDto({ propertyId: idOf(request) }))));
    await screen.findByText('Finished: 2 of 2 purged.');
  });
});
