import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { fireEvent, render, screen, waitFor } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import {
  PROPERTY_URL,
  ok,
  propertyDto,
  providePropertiesTesting,
  purgeDto,
} from './properties.testing';
import { PropertyPage } from './property-page';

const host = 'cdn.demo-media.test';
const purgeUrl = `${PROPERTY_URL}/2/purge`;

async function renderPage() {
  await render(PropertyPage, { inputs: { id: '2' }, providers: providePropertiesTesting() });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto({ hostname: host })));
  http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([]));
  await screen.findByRole('heading', { level: 1 });
  return http;
}

function urls(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `https://${host}/page-${i}.html`);
}

const urlBox = () => screen.getByRole('textbox', { name: 'URLs to purge' }) as HTMLTextAreaElement;

/** Pastes the list in one go, as a paste would, rather than typing thousands of characters. */
function paste(text: string): void {
  fireEvent.input(urlBox(), { target: { value: text } });
}

async function nextPurge(http: HttpTestingController): Promise<TestRequest> {
  return waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
}

describe('PropertyPage, a URL list longer than one request', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(HttpTestingController).verify();
  });

  it('sends 250 URLs as batches of 100, 100 and 50, one after another, and empties the box', async () => {
    const http = await renderPage();
    paste(urls(250).join('\n'));

    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    const sizes: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const request = await nextPurge(http);
      sizes.push(request.request.body.urls.length);
      if (batch === 0) {
        expect(
          screen.getByRole('progressbar', { name: 'Purging the URLs in batches' }),
        ).toHaveAttribute('aria-valuenow', '0');
      }
      request.flush(ok(purgeDto({ type: 'url', urls: request.request.body.urls })));
    }
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));

    expect(sizes).toEqual([100, 100, 50]);
    expect(
      await screen.findByText(new RegExp(`^Purged 250 URLs on ${host} in 3 batches at `)),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Purged /)).toHaveLength(1);
    expect(urlBox().value).toBe('');
  });

  it('keeps the URLs of a failed batch in the box with the error, and removes those sent', async () => {
    const http = await renderPage();
    const list = urls(250);
    paste(list.join('\n'));

    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    (await nextPurge(http)).flush(ok(purgeDto({ type: 'url' })));
    (await nextPurge(http)).flush(null, { status: 503, statusText: 'Service Unavailable' });
    (await nextPurge(http)).flush(ok(purgeDto({ type: 'url' })));
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));

    const alert = await screen.findByRole('alert');
    expect(screen.queryByText(/The purge did not happen/)).not.toBeInTheDocument();
    expect(alert).toHaveTextContent(
      /2 of 3 batches sent\. 1 failed \(.+\); their 100 URLs are still in the box/,
    );
    expect(urlBox().value).toBe(list.slice(100, 200).join('\n'));
  });

  it('offers to reload the property, not to send again, when a batch meets a 404', async () => {
    const http = await renderPage();
    paste(urls(150).join('\n'));
    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    (await nextPurge(http)).flush(ok(purgeDto({ type: 'url' })));
    (await nextPurge(http)).flush(
      { succeeded: false, message: 'Property not found.', data: null },
      { status: 404, statusText: 'Not Found' },
    );
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /Property not found.+; their 50 URLs are still in the box\. Reload the property$/,
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload the property' }));

    http.expectNone({ method: 'POST', url: purgeUrl });
    http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto({ hostname: host })));
    http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([]));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('sends the URLs of the failed batch again with Try again', async () => {
    const http = await renderPage();
    const list = urls(250);
    paste(list.join('\n'));
    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    (await nextPurge(http)).flush(ok(purgeDto({ type: 'url' })));
    (await nextPurge(http)).flush(null, { status: 503, statusText: 'Service Unavailable' });
    (await nextPurge(http)).flush(ok(purgeDto({ type: 'url' })));
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));

    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));

    const retry = await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
    expect(retry.request.body).toEqual({ type: 'url', urls: list.slice(100, 200) });
    retry.flush(ok(purgeDto({ type: 'url' })));
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(urlBox().value).toBe('');
  });
});
