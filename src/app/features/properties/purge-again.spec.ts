import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { render, screen, waitFor, within } from '@testing-library/angular';
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
const twoUrls = [`https://${host}/a.css`, `https://${host}/b.js`];

async function renderPage(history: ReturnType<typeof purgeDto>[]) {
  await render(PropertyPage, { inputs: { id: '2' }, providers: providePropertiesTesting() });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto({ hostname: host })));
  http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok(history));
  await screen.findByRole('heading', { level: 1 });
  return http;
}

describe('PropertyPage, purge again from the history', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(HttpTestingController).verify();
  });

  it('re-sends the same URLs after a confirmation that lists them', async () => {
    const http = await renderPage([purgeDto({ id: 5, type: 'url', urls: twoUrls })]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Purge again… 2 URLs, as demo@paradarum.test did' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Purge the same 2 URLs again?' });
    expect(dialog).toHaveTextContent(twoUrls[0]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Purge 2 URLs again' }));

    const request = await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
    expect(request.request.body).toEqual({ type: 'url', urls: twoUrls });
    request.flush(ok(purgeDto({ id: 6, type: 'url', urls: twoUrls })));
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));
  });

  it('re-sends a purge of everything after its own confirmation', async () => {
    const http = await renderPage([purgeDto({ id: 5, type: 'all' })]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Purge again… everything, as demo@paradarum.test did' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything again' }));

    const request = await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
    expect(request.request.body).toEqual({ type: 'all' });
    request.flush(ok(purgeDto({ id: 6 })));
    await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([])));
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const http = await renderPage([purgeDto({ id: 5, type: 'all' })]);

    await userEvent.click(screen.getByRole('button', { name: /^Purge again…/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(http.match({ method: 'POST', url: purgeUrl })).toHaveLength(0);
  });
});
