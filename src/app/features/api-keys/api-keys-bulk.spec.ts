import { Clipboard } from '@angular/cdk/clipboard';
import { HttpRequest, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ok } from '../../testing/api-envelope';
import { dialogFocusSettled } from '../../testing/dialog-focus';
import { takeOpenRequests } from '../../testing/pending-requests';
import { ApiKeysPage } from './api-keys-page';

const DAY = 24 * 60 * 60 * 1000;

function keyDto(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Key ${id}`,
    prefix: `pdm_Ke${String(id).padStart(2, '0')}`,
    createdAt: new Date(Date.now() - id * DAY).toISOString(),
    lastUsedAt: new Date(Date.now() - DAY).toISOString(),
    revokedAt: null,
    ...overrides,
  };
}

async function renderPage(keys: ReturnType<typeof keyDto>[]) {
  await render(ApiKeysPage, {
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideTestRuntimeConfig(),
      { provide: Clipboard, useValue: { copy: () => true } },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok(keys));
  await screen.findByRole('heading', { name: 'Active keys' });
  return { http };
}

function activeRowNames(): string[] {
  const table = screen.getByRole('table', { name: /^Active keys/ });
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent!.trim());
}

function isRevoke(request: HttpRequest<unknown>): boolean {
  return request.method === 'POST' && /\/apikey\/\d+\/revoke$/.test(request.url);
}

function revokeRequests(http: HttpTestingController, count: number): Promise<TestRequest[]> {
  return takeOpenRequests(http, isRevoke, count);
}

function revokedDto(id: number) {
  return ok(keyDto(id, { revokedAt: new Date().toISOString() }));
}

describe('ApiKeysPage, many keys at once', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('filters the active keys by part of a name', async () => {
    await renderPage([
      keyDto(1, { name: 'WordPress plugin' }),
      keyDto(2, { name: 'Deploy script' }),
    ]);

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Filter by name or prefix' }),
      'deploy',
    );

    expect(activeRowNames()).toEqual(['Deploy script']);
  });

  it('filters the active keys by prefix and says when nothing matches', async () => {
    await renderPage([keyDto(1), keyDto(2)]);
    const filter = screen.getByRole('searchbox', { name: 'Filter by name or prefix' });

    await userEvent.type(filter, 'pdm_Ke02');
    expect(activeRowNames()).toEqual(['Key 2']);

    await userEvent.clear(filter);
    await userEvent.type(filter, 'zzz');
    expect(screen.getByText(/No active key matches “zzz”/)).toBeInTheDocument();
  });

  it('offers to clear a filter that matches nothing, then shows every key and the filter', async () => {
    await renderPage([keyDto(1), keyDto(2)]);
    const filter = screen.getByRole('searchbox', { name: 'Filter by name or prefix' });
    await userEvent.type(filter, 'zzz');

    await userEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));

    expect(activeRowNames()).toEqual(['Key 1', 'Key 2']);
    expect(filter).toHaveValue('');
    expect(filter).toHaveFocus();
  });

  it('puts the keys unused the longest first when asked', async () => {
    await renderPage([
      keyDto(1),
      keyDto(2, { createdAt: new Date(Date.now() - 400 * DAY).toISOString(), lastUsedAt: null }),
    ]);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Order' }),
      'Unused longest first',
    );

    expect(
      screen.getByRole('table', { name: 'Active keys, those unused the longest first' }),
    ).toBeInTheDocument();
    expect(activeRowNames()).toEqual(['Key 2', 'Key 1']);
  });

  it('offers to revoke the selected keys only once one is ticked, beside Revoke every key', async () => {
    await renderPage([keyDto(1), keyDto(2)]);
    expect(screen.queryByRole('button', { name: /selected…$/ })).not.toBeInTheDocument();
    expect(screen.getByText('Tick keys to revoke several at once.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke every key…' })).toBeEnabled();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select key “Key 1” (pdm_Ke01…)' }));

    expect(screen.getByRole('button', { name: 'Revoke 1 selected…' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Select key “Key 1” (pdm_Ke01…)' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Revoke every key…' })).toBeInTheDocument();
  });

  it('continues from the active keys once the revoked selection takes its button away', async () => {
    const { http } = await renderPage([keyDto(1), keyDto(2)]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select key “Key 1” (pdm_Ke01…)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke 1 selected…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke 1 key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const [request] = await revokeRequests(http, 1);
    request.flush(revokedDto(1));

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Active keys' })).toHaveFocus());
    expect(screen.queryByRole('button', { name: /selected…$/ })).not.toBeInTheDocument();
  });

  it('revokes the selected keys after a confirmation naming them, at most 4 at a time', async () => {
    const { http } = await renderPage([1, 2, 3, 4, 5, 6].map((id) => keyDto(id)));
    await userEvent.click(screen.getByRole('checkbox', { name: /Select all/ }));

    await userEvent.click(screen.getByRole('button', { name: 'Revoke 6 selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke 6 keys?' });
    expect(
      within(dialog).getByText(/“Key 1” \(pdm_Ke01…\), “Key 2”.* and 3 others/),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke 6 keys' }));

    const first = await revokeRequests(http, 4);
    first.forEach((request) =>
      request.flush(revokedDto(Number(request.request.url.split('/').at(-2)))),
    );
    const rest = await revokeRequests(http, 2);
    rest.forEach((request) =>
      request.flush(revokedDto(Number(request.request.url.split('/').at(-2)))),
    );

    expect(await screen.findByText('Finished: 6 of 6 revoked.')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Revoking 6 keys' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
  });

  it('shows each failed key with its reason and retries only those', async () => {
    const { http } = await renderPage([keyDto(1), keyDto(2)]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select key “Key 1” (pdm_Ke01…)' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select key “Key 2” (pdm_Ke02…)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke 2 selected…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke 2 keys' }));
    const [one, two] = await revokeRequests(http, 2);

    one.flush(revokedDto(1));
    two.flush(null, { status: 503, statusText: 'Service Unavailable' });

    const results = await screen.findByRole('list', { name: 'Revoking 2 keys: each result' });
    await waitFor(() => expect(within(results).getByText(/failed\./)).toBeInTheDocument());
    expect(screen.getByText('Finished: 1 of 2 revoked, 1 failed.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Retry 1 failed' }));
    const retried = await waitFor(() => http.expectOne(`${TEST_API_BASE_URL}/apikey/2/revoke`));
    retried.flush(revokedDto(2));

    expect(await screen.findByText('Finished: 2 of 2 revoked.')).toBeInTheDocument();
  });

  it('retries only the keys that can still be revoked; those gone are counted, then the list reloads', async () => {
    const { http } = await renderPage([keyDto(1), keyDto(2), keyDto(3)]);
    for (const id of [1, 2, 3]) {
      await userEvent.click(
        screen.getByRole('checkbox', { name: `Select key “Key ${id}” (pdm_Ke0${id}…)` }),
      );
    }
    await userEvent.click(screen.getByRole('button', { name: 'Revoke 3 selected…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke 3 keys' }));
    const requests = await revokeRequests(http, 3);
    const notFound = { status: 404, statusText: 'Not Found' };
    const byId = (id: number) => requests.find((r) => r.request.url.endsWith(`/${id}/revoke`))!;

    byId(1).flush({ succeeded: false, message: 'API key not found.', data: null }, notFound);
    byId(2).flush({ succeeded: false, message: 'API key not found.', data: null }, notFound);
    byId(3).flush(null, { status: 503, statusText: 'Service Unavailable' });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: 1 key could not be revoked. 2 keys no longer exist.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry 1 failed' }));
    const retried = await revokeRequests(http, 1);
    expect(retried.map((r) => r.request.url)).toEqual([`${TEST_API_BASE_URL}/apikey/3/revoke`]);
    retried[0].flush(revokedDto(3));

    const reload = await screen.findByRole('button', { name: 'Reload the list' });
    expect(screen.getByRole('alert')).toHaveTextContent('2 keys no longer exist: reload the list');
    await userEvent.click(reload);
    http
      .expectOne(`${TEST_API_BASE_URL}/apikey`)
      .flush(ok([keyDto(3, { revokedAt: new Date().toISOString() })]));
    await waitFor(() =>
      expect(screen.queryByRole('table', { name: /^Active keys/ })).not.toBeInTheDocument(),
    );
  });

  it('revokes every key only once the account name is typed, then leads to a fresh key', async () => {
    const { http } = await renderPage([keyDto(1), keyDto(2)]);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke every key…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke every key?' });
    await dialogFocusSettled(dialog);
    http.expectOne(`${TEST_API_BASE_URL}/account`).flush(
      ok({
        id: 1,
        name: 'Demo Agency',
        email: 'demo@paradarum.test',
        twoFactorEnabled: false,
        recoveryCodesLeft: 0,
        createdAt: new Date().toISOString(),
      }),
    );
    const confirm = within(dialog).getByRole('button', { name: 'Revoke every key' });
    const field = await within(dialog).findByRole('textbox', {
      name: /Type your account name, Demo Agency/,
    });
    await userEvent.type(field, 'Demo');
    expect(confirm).toBeDisabled();
    await userEvent.type(field, ' Agency');
    await userEvent.click(confirm);

    const requests = await revokeRequests(http, 2);
    requests.forEach((request) =>
      request.flush(revokedDto(Number(request.request.url.split('/').at(-2)))),
    );

    expect(await screen.findByText('Finished: 2 of 2 revoked.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a fresh key' })).toBeInTheDocument();
  });

  it('says why the account could not be loaded in the revoke-every-key dialog', async () => {
    const { http } = await renderPage([keyDto(1)]);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke every key…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke every key?' });
    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(null, { status: 500, statusText: 'Server Error' });

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Your account could not be loaded.',
    );
    expect(within(dialog).getByRole('button', { name: 'Revoke every key' })).toBeDisabled();
  });

  it('tries loading the account again from the dialog, keeping the alert until it answers', async () => {
    const { http } = await renderPage([keyDto(1)]);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke every key…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke every key?' });
    await dialogFocusSettled(dialog);
    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(null, { status: 500, statusText: 'Server Error' });
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(/^Error: Your account could not be loaded\./);

    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    const again = http.expectOne(`${TEST_API_BASE_URL}/account`);
    expect(
      await within(dialog).findByRole('button', { name: 'Trying again…' }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'Your account could not be loaded.',
    );
    again.flush(
      ok({
        id: 1,
        name: 'Demo Agency',
        email: 'demo@paradarum.test',
        twoFactorEnabled: false,
        recoveryCodesLeft: 0,
        createdAt: new Date().toISOString(),
      }),
    );
    expect(
      await within(dialog).findByRole('textbox', { name: /Type your account name, Demo Agency/ }),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
