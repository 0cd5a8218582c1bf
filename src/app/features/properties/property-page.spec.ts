import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
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
import { pressEscape } from '../../testing/keyboard';
import { PropertyPage } from './property-page';

const host = 'cdn.demo-media.test';
const purgeUrl = `${PROPERTY_URL}/2/purge`;

async function renderPage(
  property = propertyDto({ name: 'Demo Media CDN', hostname: host }),
  history = [purgeDto()],
) {
  await render(PropertyPage, { inputs: { id: '2' }, providers: providePropertiesTesting() });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`${PROPERTY_URL}/2`).flush(ok(property));
  http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok(history));
  await screen.findByRole('heading', { level: 1 });
  return http;
}

/** Answers the purge (once it is sent), then the history refresh that follows it. */
async function answerPurge(http: HttpTestingController, record = purgeDto()) {
  const request = await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }));
  request.flush(ok(record));
  await waitFor(() => http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([record])));
  return request.request.body;
}

const urlBox = () => screen.getByRole('textbox', { name: 'URLs to purge' });

describe('PropertyPage', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(HttpTestingController).verify();
  });

  it('shows the property’s details under its name', async () => {
    await renderPage();

    expect(screen.getByRole('heading', { level: 1, name: 'Demo Media CDN' })).toBeInTheDocument();
    expect(screen.getByText(host)).toBeInTheDocument();
    expect(screen.getByText('https://origin-2.example.test')).toBeInTheDocument();
  });

  it('shows "Property not found" when the API answers 404', async () => {
    await render(PropertyPage, { inputs: { id: '4' }, providers: providePropertiesTesting() });
    const http = TestBed.inject(HttpTestingController);
    const notFound = { status: 404, statusText: 'Not Found' };
    http.expectOne(`${PROPERTY_URL}/4`).flush(refused('Property not found.'), notFound);
    http.expectOne(`${PROPERTY_URL}/4/purge`).flush(refused('Property not found.'), notFound);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Property not found' }),
    ).toBeInTheDocument();
    // One way back, not two identical links.
    expect(screen.getAllByRole('link').map((link) => link.textContent?.trim())).toEqual([
      'Go to your properties',
    ]);
    expect(screen.queryByRole('button', { name: /Purge/ })).not.toBeInTheDocument();
  });

  it('lists who asked for each purge: a user’s e-mail or an API key’s prefix', async () => {
    const http = await renderPage(undefined, [
      purgeDto({ id: 2, requestedBy: 'key:pdm_AbCd' }),
      purgeDto({ id: 1, requestedBy: 'user:you@example.test' }),
    ]);
    http.expectOne(KEY_LIST_URL).flush(ok([]));

    const [byKey, byUser] = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(within(byKey).getByRole('cell', { name: 'API key pdm_AbCd…' })).toBeInTheDocument();
    expect(within(byUser).getByRole('cell', { name: 'you@example.test' })).toBeInTheDocument();
  });

  it('names a key that is still listed beside its prefix', async () => {
    const http = await renderPage(undefined, [purgeDto({ requestedBy: 'key:pdm_AbCd' })]);

    http.expectOne(KEY_LIST_URL).flush(ok([keyDto({ prefix: 'pdm_AbCd', name: 'Deploy script' })]));

    expect(
      await within(screen.getByRole('table')).findByRole('cell', {
        name: 'API key “Deploy script” (pdm_AbCd…)',
      }),
    ).toBeInTheDocument();
  });

  it('still shows the prefix when the key list cannot be read', async () => {
    const http = await renderPage(undefined, [purgeDto({ requestedBy: 'key:pdm_AbCd' })]);

    http.expectOne(KEY_LIST_URL).flush('boom', { status: 502, statusText: 'Bad Gateway' });

    expect(
      await within(screen.getByRole('table')).findByRole('cell', { name: 'API key pdm_AbCd…' }),
    ).toBeInTheDocument();
  });

  it('lists the purges newest first', async () => {
    await renderPage(undefined, [
      purgeDto({ id: 2, type: 'all', createdAt: '2025-03-02T12:00:00.000Z' }),
      purgeDto({ id: 1, type: 'url', urls: [`https://${host}/a.css`] }),
    ]);

    const [newest, oldest] = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(newest).toHaveTextContent('Everything');
    expect(oldest).toHaveTextContent('1 URL');
  });

  it('collapses a long URL list in the history', async () => {
    const urls = Array.from({ length: 5 }, (_, i) => `https://${host}/${i}.css`);
    await renderPage(undefined, [purgeDto({ type: 'url', urls })]);

    const summary = screen.getByText('5 URLs');
    expect(summary.closest('details')).not.toHaveAttribute('open');

    await userEvent.click(summary);
    expect(summary.closest('details')).toHaveAttribute('open');
  });

  it('says when there are no purges yet', async () => {
    await renderPage(undefined, []);

    expect(screen.getByText(/No purges yet/)).toBeInTheDocument();
  });

  it('asks before purging everything, naming the hostname and the origin’s load', async () => {
    await renderPage();

    await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));

    const dialog = await screen.findByRole('dialog', { name: `Purge everything on ${host}?` });
    expect(dialog).toHaveTextContent('origin');
    expect(dialog).toHaveTextContent('takes the full load');
  });

  it('purges everything once confirmed and says when', async () => {
    const http = await renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));

    const body = await answerPurge(http, purgeDto({ createdAt: '2025-03-01T12:00:00.000Z' }));

    expect(body).toEqual({ type: 'all' });
    const expectedTime = new Intl.DateTimeFormat('en-US', { timeStyle: 'medium' }).format(
      new Date('2025-03-01T12:00:00.000Z'),
    );
    await waitFor(() =>
      expect(
        screen.getByText(`Purged everything on ${host} at ${expectedTime}.`),
      ).toBeInTheDocument(),
    );
  });

  it('sends nothing when the purge is cancelled', async () => {
    const http = await renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));

    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    http.expectNone({ method: 'POST', url: purgeUrl });
  });

  it('sends nothing when the purge confirmation is dismissed with Escape', async () => {
    const http = await renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));
    await screen.findByRole('dialog', { name: `Purge everything on ${host}?` });

    pressEscape();

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    http.expectNone({ method: 'POST', url: purgeUrl });
  });

  it('asks once when Purge everything is double-clicked', async () => {
    await renderPage();

    await userEvent.dblClick(screen.getByRole('button', { name: 'Purge everything…' }));

    expect(await screen.findAllByRole('dialog')).toHaveLength(1);
  });

  it('names each bad line and sends nothing', async () => {
    const http = await renderPage();

    await userEvent.type(urlBox(), `https://${host}/ok.css{Enter}https://evil.test/x`);
    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      `Line 2: "https://evil.test/x" is on evil.test, not on ${host}.`,
    );
    expect(urlBox()).toHaveAttribute('aria-invalid', 'true');
    http.expectNone({ method: 'POST', url: purgeUrl });
  });

  it('calls no line wrong while it is typed, and hides refused problems once the text is edited', async () => {
    await renderPage();

    await userEvent.type(urlBox(), 'https://evil.test/x');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Line 1: ');

    await userEvent.type(urlBox(), 'y');

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(urlBox()).toHaveAttribute('aria-invalid', 'false');
  });

  it('describes the URL box by both its hint and the problems found', async () => {
    await renderPage();

    await userEvent.type(urlBox(), 'https://evil.test/x');
    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));

    expect(urlBox()).toHaveAccessibleDescription(expect.stringContaining('Line 1: '));
    expect(urlBox()).toHaveAccessibleDescription(expect.stringContaining('One per line'));
  });

  it('purges a valid URL list, says so and empties the box', async () => {
    const http = await renderPage();
    await userEvent.type(urlBox(), `https://${host}/a.css{Enter}{Enter}https://${host}/a.css`);

    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    const body = await answerPurge(
      http,
      purgeDto({ type: 'url', urls: [`https://${host}/a.css`] }),
    );

    expect(body).toEqual({ type: 'url', urls: [`https://${host}/a.css`] });
    await waitFor(() =>
      expect(screen.getByText(new RegExp(`^Purged 1 URL on ${host} at`))).toBeInTheDocument(),
    );
    expect(urlBox()).toHaveValue('');
  });

  it('sends one purge for a double click', async () => {
    const http = await renderPage();
    await userEvent.type(urlBox(), `https://${host}/a.css`);

    await userEvent.dblClick(screen.getByRole('button', { name: 'Purge URLs' }));

    await answerPurge(http);
  });

  it('shows a refusal from the API in words', async () => {
    const http = await renderPage();
    await userEvent.type(urlBox(), `https://${host}/a.css`);

    await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
    http
      .expectOne({ method: 'POST', url: purgeUrl })
      .flush(refused('At most 100 URLs can be purged at once.'), {
        status: 400,
        statusText: 'Bad Request',
      });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The purge did not happen. At most 100 URLs can be purged at once.',
    );
  });

  it('offers to reload the property, not to try again, when the purge meets a 404', async () => {
    const http = await renderPage();
    await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));
    (await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }))).flush(
      refused('Property not found.'),
      { status: 404, statusText: 'Not Found' },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Error: The purge did not happen. Property not found. It may have been removed',
    );
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

    await userEvent.click(within(alert).getByRole('button', { name: 'Reload the property' }));

    http.expectNone({ method: 'POST', url: purgeUrl });
    http
      .expectOne(`${PROPERTY_URL}/2`)
      .flush(refused('Property not found.'), { status: 404, statusText: 'Not Found' });
    http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([]));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Property not found' }),
    ).toBeInTheDocument();
  });

  describe('Try again after a failed purge', () => {
    const serverError = { status: 500, statusText: 'Internal Server Error' };

    it('sends the same URLs again and then empties the box', async () => {
      const http = await renderPage();
      await userEvent.type(urlBox(), `https://${host}/a.css{Enter}https://${host}/b.css`);
      await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
      http.expectOne({ method: 'POST', url: purgeUrl }).flush(null, serverError);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The purge did not happen. Something went wrong');

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      const body = await answerPurge(http, purgeDto({ type: 'url' }));
      expect(body).toEqual({
        type: 'url',
        urls: [`https://${host}/a.css`, `https://${host}/b.css`],
      });
      await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
      expect(urlBox()).toHaveValue('');
    });

    it('keeps the alert in place, and the focus on its button, while trying again', async () => {
      const http = await renderPage();
      await userEvent.type(urlBox(), `https://${host}/a.css`);
      await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
      http.expectOne({ method: 'POST', url: purgeUrl }).flush(null, serverError);
      const alert = await screen.findByRole('alert');

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      expect(within(alert).getByRole('button', { name: 'Trying again…' })).toHaveFocus();
      await answerPurge(http, purgeDto({ type: 'url' }));
      await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    });

    it('purges everything again without asking twice', async () => {
      const http = await renderPage();
      await userEvent.click(screen.getByRole('button', { name: 'Purge everything…' }));
      await userEvent.click(await screen.findByRole('button', { name: 'Purge everything' }));
      (await waitFor(() => http.expectOne({ method: 'POST', url: purgeUrl }))).flush(
        null,
        serverError,
      );
      const alert = await screen.findByRole('alert');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(await answerPurge(http, purgeDto({ type: 'all' }))).toEqual({ type: 'all' });
    });

    it('leaves a URL list typed since the failure in the box', async () => {
      const http = await renderPage();
      await userEvent.type(urlBox(), `https://${host}/a.css`);
      await userEvent.click(screen.getByRole('button', { name: 'Purge URLs' }));
      http.expectOne({ method: 'POST', url: purgeUrl }).flush(null, serverError);
      await userEvent.type(urlBox(), '{Enter}https://' + host + '/c.css');

      await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));

      expect(await answerPurge(http, purgeDto({ type: 'url' }))).toEqual({
        type: 'url',
        urls: [`https://${host}/a.css`],
      });
      expect(urlBox()).toHaveValue(`https://${host}/a.css\nhttps://${host}/c.css`);
    });
  });

  it('gives back a half-typed URL list after the page was left (a session expiry)', async () => {
    const first = await render(PropertyPage, {
      inputs: { id: '2' },
      providers: providePropertiesTesting(),
    });
    const http = TestBed.inject(HttpTestingController);
    const answer = () => {
      http.expectOne(`${PROPERTY_URL}/2`).flush(ok(propertyDto({ hostname: host })));
      http.expectOne({ method: 'GET', url: purgeUrl }).flush(ok([]));
    };
    answer();
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'URLs to purge' }),
      'https://x/half',
    );
    first.fixture.destroy();

    const second = TestBed.createComponent(PropertyPage);
    second.componentRef.setInput('id', '2');
    second.detectChanges();
    answer();
    await second.whenStable();

    expect(await screen.findByRole('textbox', { name: 'URLs to purge' })).toHaveValue(
      'https://x/half',
    );
  });

  it('shows markup in a name or hostname as text', async () => {
    await renderPage(propertyDto({ name: '<img src=x>', hostname: '<i>x</i>.test' }));

    expect(screen.getByRole('heading', { level: 1, name: '<img src=x>' })).toBeInTheDocument();
    expect(screen.getByText('<i>x</i>.test')).toBeInTheDocument();
    expect(document.querySelector('main img, h1 img, dd i')).toBeNull();
  });
});
