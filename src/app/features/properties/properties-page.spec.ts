import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';
import { PropertiesPage } from './properties-page';
import { PROPERTY_URL, ok, propertyDto } from './properties.testing';

@Component({ template: 'A property' })
class PropertyStub {}

/** Through the real router: the list's search, page and order live in the URL. */
async function renderPage(url = '/properties') {
  TestBed.configureTestingModule({
    providers: [
      provideTestRuntimeConfig(),
      provideLocationMocks(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [
          { path: 'properties', component: PropertiesPage },
          { path: 'properties/:id', component: PropertyStub },
        ],
        withComponentInputBinding(),
      ),
    ],
  });
  const harness = await RouterTestingHarness.create(url);
  return Object.assign(TestBed.inject(HttpTestingController), { harness });
}

async function renderLoaded(properties: ReturnType<typeof propertyDto>[], url?: string) {
  const http = await renderPage(url);
  http.expectOne(PROPERTY_URL).flush(ok(properties));
  await http.harness.fixture.whenStable();
  return http;
}

const many = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    propertyDto({ id: i + 1, name: `Site ${i + 1}`, hostname: `z${1000 - i}.example.test` }),
  );

const dataRows = () => screen.getAllByRole('row').slice(1);

describe('PropertiesPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says it is loading until the API answers', async () => {
    const http = await renderPage();

    expect(screen.getByRole('status')).toHaveTextContent('Loading your properties');
    expect(screen.getByRole('progressbar', { name: 'Loading properties' })).toBeInTheDocument();
    http.expectOne(PROPERTY_URL).flush(ok([]));
  });

  it('describes the search by its hint, as its accessible description', async () => {
    const http = await renderPage();

    expect(
      screen.getByRole('searchbox', { name: 'Search properties' }),
    ).toHaveAccessibleDescription('By name or hostname');
    http.expectOne(PROPERTY_URL).flush(ok([]));
  });

  it('takes a search while the list still loads and applies it when the list arrives', async () => {
    const http = await renderPage();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'blo');
    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?q=blo'));
    http
      .expectOne(PROPERTY_URL)
      .flush(ok([propertyDto({ id: 1, name: 'Shop' }), propertyDto({ id: 2, name: 'Blog' })]));

    expect(await screen.findByRole('link', { name: 'Blog' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 of 2 properties match “blo”');
  });

  it('lists each property with a link to it, its hostname and last purge', async () => {
    await renderLoaded([
      propertyDto({ id: 3, name: 'Blog', hostname: 'blog.example.test' }),
      propertyDto({ id: 1, name: 'Shop', lastPurgedAt: new Date().toISOString() }),
    ]);

    const [blog, shop] = await screen.findAllByRole('row').then((rows) => rows.slice(1));
    expect(within(blog).getByRole('link', { name: 'Blog' })).toHaveAttribute(
      'href',
      '/properties/3',
    );
    expect(blog).toHaveTextContent('blog.example.test');
    expect(blog).toHaveTextContent('Never');
    expect(within(shop).getByRole('cell', { name: /just now$/ })).toBeInTheDocument();
  });

  it('labels the last purge in the row itself, for a phone where the column names are hidden', async () => {
    await renderLoaded([
      propertyDto({ id: 3, name: 'Blog' }),
      propertyDto({ id: 1, name: 'Shop', lastPurgedAt: new Date().toISOString() }),
    ]);

    const [blog, shop] = await screen.findAllByRole('row').then((rows) => rows.slice(1));
    expect(blog).toHaveTextContent('Last purge: Never');
    expect(shop).toHaveTextContent('Purged just now');
  });

  it('says there are no properties yet on an empty account', async () => {
    await renderLoaded([]);

    expect(await screen.findByRole('heading', { name: 'No properties yet' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    // What to do meanwhile, the new key's name field ready.
    expect(screen.getByRole('link', { name: 'Prepare an API key for your CMS' })).toHaveAttribute(
      'href',
      '/api-keys?create=1',
    );
  });

  it('announces a failure in words and loads again on request', async () => {
    const http = await renderPage();
    http.expectOne(PROPERTY_URL).flush('boom', { status: 502, statusText: 'Bad Gateway' });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your properties could not be loaded. Something went wrong on our side.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    http.expectOne(PROPERTY_URL).flush(ok([propertyDto()]));
    expect(await screen.findByRole('link', { name: 'Property 2' })).toBeInTheDocument();
  });

  it('filters the list as the user types and says how many match', async () => {
    await renderLoaded([
      propertyDto({ id: 1, name: 'Shop' }),
      propertyDto({ id: 2, name: 'Blog' }),
    ]);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'blo');

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('1 of 2 properties match “blo”'),
    );
    expect(dataRows()).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Blog' })).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    await renderLoaded([propertyDto({ name: 'Shop' })]);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'zzz');

    expect(await screen.findByText('No property matches “zzz”')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('keeps the bar for a selection a search hides, and goes back to the search once it is cleared', async () => {
    await renderLoaded([propertyDto({ id: 1, name: 'Shop', hostname: 'shop.example.test' })]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select shop.example.test' }));
    const search = screen.getByRole('searchbox', { name: 'Search properties' });

    await userEvent.type(search, 'zzz');
    await screen.findByRole('button', { name: 'Clear the search' });
    const bar = screen.getByRole('group', { name: 'Selected properties' });
    expect(bar).toHaveTextContent('1 selected');
    await userEvent.click(within(bar).getByRole('button', { name: 'Clear selection' }));

    expect(screen.queryByRole('group', { name: 'Selected properties' })).not.toBeInTheDocument();
    expect(search).toHaveFocus();
  });

  it('offers to clear a search that matches nothing, then shows every property and the box', async () => {
    await renderLoaded([propertyDto({ name: 'Shop' })]);
    const search = screen.getByRole('searchbox', { name: 'Search properties' });
    await userEvent.type(search, 'zzz');

    await userEvent.click(await screen.findByRole('button', { name: 'Clear the search' }));

    expect(await screen.findByRole('link', { name: 'Shop' })).toBeInTheDocument();
    expect(search).toHaveValue('');
    expect(search).toHaveFocus();
    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties'));
  });

  it('shows only one page of a long list', async () => {
    await renderLoaded(
      Array.from({ length: 120 }, (_, i) => propertyDto({ id: i + 1, name: `Site ${i + 1}` })),
    );

    expect(dataRows()).toHaveLength(50);
    expect(screen.getByRole('group', { name: 'Pages of properties' })).toBeInTheDocument();
  });

  it('moves to the next page with a labelled control', async () => {
    await renderLoaded(
      Array.from({ length: 120 }, (_, i) => propertyDto({ id: i + 1, name: `Site ${i + 1}` })),
    );
    const pages = screen.getByRole('group', { name: 'Pages of properties' });

    await userEvent.click(within(pages).getByRole('button', { name: 'Next page' }));

    expect(within(dataRows()[0]).getByRole('link')).toHaveTextContent('Site 51');
    expect(within(pages).getByRole('status')).toHaveTextContent('51 – 100 of 120');
    expect(within(pages).getByRole('button', { name: 'Last page' })).toBeInTheDocument();
  });

  it('shows more rows per page when asked, from the same first row', async () => {
    await renderLoaded(many(120), '/properties?page=2');
    const pages = screen.getByRole('group', { name: 'Pages of properties' });

    await userEvent.selectOptions(
      within(pages).getByRole('combobox', { name: 'Properties per page' }),
      '100',
    );

    await waitFor(() => expect(dataRows()).toHaveLength(100));
    expect(within(pages).getByRole('status')).toHaveTextContent('1 – 100 of 120');
    expect(within(pages).getByRole('button', { name: 'Previous page' })).toBeDisabled();
  });

  it('puts the search in the URL once the user pauses', async () => {
    await renderLoaded([
      propertyDto({ id: 1, name: 'Shop' }),
      propertyDto({ id: 2, name: 'Blog' }),
    ]);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'blo');

    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?q=blo'));
  });

  it('waits for a pause in typing before putting the search in the URL', async () => {
    await renderLoaded([propertyDto({ name: 'Blog' })]);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'blo');

    expect(TestBed.inject(Router).url).toBe('/properties');
    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?q=blo'));
  });

  it('starts a new search at the first page', async () => {
    await renderLoaded(many(120), '/properties?page=2');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search properties' }), 'site');

    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?q=site'));
    expect(within(dataRows()[0]).getByRole('link')).toHaveTextContent('Site 1');
  });

  it('shows the search of the URL gone Back to, even an empty one', async () => {
    await renderLoaded([
      propertyDto({ id: 1, name: 'Shop' }),
      propertyDto({ id: 2, name: 'Blog' }),
    ]);
    // What the app's bootstrap does: the browser's Back becomes a navigation.
    TestBed.inject(Router).setUpLocationChangeListener();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'hostname');
    const box = screen.getByRole('searchbox', { name: 'Search properties' });
    await userEvent.type(box, 'blo');
    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?sort=hostname&q=blo'));

    TestBed.inject(Location).back();

    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties'));
    expect(box).toHaveValue('');
    expect(dataRows()).toHaveLength(2);
  });

  it('shows the search, page and order a URL asks for', async () => {
    await renderLoaded(many(120), '/properties?q=site&page=2&sort=hostname');

    expect(screen.getByRole('searchbox', { name: 'Search properties' })).toHaveValue('site');
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('hostname');
    // Hostnames z881 (Site 120) … z1000 (Site 1) in order: the 51st is z931, Site 70.
    expect(within(dataRows()[0]).getByRole('link')).toHaveTextContent('Site 70');
  });

  it('puts the page in the URL, counted from 1', async () => {
    await renderLoaded(many(120));
    const pages = screen.getByRole('group', { name: 'Pages of properties' });

    await userEvent.click(within(pages).getByRole('button', { name: 'Next page' }));

    await waitFor(() => expect(TestBed.inject(Router).url).toBe('/properties?page=2'));
  });

  it('sorts by last purge, most recent first, with the order in the URL', async () => {
    await renderLoaded([
      propertyDto({ id: 1, name: 'Alpha' }),
      propertyDto({ id: 2, name: 'Beta', lastPurgedAt: '2025-01-01T00:00:00Z' }),
      propertyDto({ id: 3, name: 'Gamma', lastPurgedAt: '2025-06-01T00:00:00Z' }),
    ]);

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'last-purge');

    await waitFor(() =>
      expect(dataRows().map((row) => within(row).getByRole('link').textContent)).toEqual([
        'Gamma',
        'Beta',
        'Alpha',
      ]),
    );
    expect(TestBed.inject(Router).url).toBe('/properties?sort=last-purge');
  });

  it('shows the last page when the URL asks for a page past the end', async () => {
    await renderLoaded(many(60), '/properties?page=9');

    expect(within(dataRows()[0]).getByRole('link')).toHaveTextContent('Site 51');
  });

  it('shows markup in a name or hostname as text', async () => {
    await renderLoaded([
      propertyDto({ name: '<img src=x onerror=alert(1)>', hostname: '<b>bold</b>.test' }),
    ]);

    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(screen.getByText('<b>bold</b>.test')).toBeInTheDocument();
    expect(screen.getByRole('table').querySelector('img, b')).toBeNull();
  });
});
