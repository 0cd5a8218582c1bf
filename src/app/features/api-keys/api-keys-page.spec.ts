import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ApiKeysPage } from './api-keys-page';
import { pressEscape } from '../../testing/keyboard';
import { ok } from '../../testing/api-envelope';
import { fakeJwt } from '../../testing/fake-jwt';
import { SESSION_STORAGE_KEY, SessionStore } from '../../core/session/session-store';
import { ROLLS_STORAGE_KEY } from './roll-memory';
import { Dialogs } from '../../shared/ui/dialogs';
import {
  CREATE_KEY_PARAM,
  KEY_ORDER_PARAM,
  STALE_FIRST_ORDER,
} from '../../core/quick-jump/quick-jump-targets';

const RAW_KEY = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';
const DAY = 24 * 60 * 60 * 1000;

function keyDto(overrides: Record<string, unknown> = {}) {
  return {
    id: 1,
    name: 'CMS purge plugin',
    prefix: 'pdm_AbCd',
    createdAt: new Date(Date.now() - DAY).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

async function renderPage(keys: unknown[]) {
  const { fixture } = await render(ApiKeysPage, {
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
  return { http, fixture };
}

async function openRevokeConfirmation(): Promise<void> {
  await userEvent.click(
    await screen.findByRole('button', { name: /^Revoke key “CMS purge plugin”/ }),
  );
}

/** Revokes the seeded key through the page and its confirmation; the API agrees. */
async function revokeCmsKey(http: HttpTestingController): Promise<void> {
  await openRevokeConfirmation();
  await userEvent.click(await screen.findByRole('button', { name: 'Revoke key' }));
  const request = await waitFor(() =>
    http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` }),
  );
  request.flush(ok(keyDto({ revokedAt: new Date().toISOString() })));
}

function activeTable() {
  return screen.getByRole('table', { name: 'Active keys, newest first' });
}

describe('ApiKeysPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('lists a key by name, visible prefix and "Never used"', async () => {
    await renderPage([keyDto()]);

    const row = await within(await waitFor(activeTable)).findByRole('row', {
      name: /CMS purge plugin/,
    });

    expect(within(row).getByText('pdm_AbCd…')).toBeInTheDocument();
    expect(within(row).getByText('Never used')).toBeInTheDocument();
  });

  it('suggests revoking a key never used a month after creation', async () => {
    await renderPage([keyDto({ createdAt: new Date(Date.now() - 31 * DAY).toISOString() })]);

    expect(await screen.findByText(/Never used in 30\+ days/)).toBeInTheDocument();
  });

  it('keeps revoked keys in their own table', async () => {
    await renderPage([keyDto({ revokedAt: new Date().toISOString() })]);

    const revoked = await screen.findByRole('table', { name: /^Revoked keys/ });

    const row = within(revoked).getByRole('row', { name: /CMS purge plugin/ });
    expect(within(row).getByText('Revoked')).toBeInTheDocument();
    expect(row).toHaveTextContent('just now');
  });

  it('explains what a key is for when there is none, and leads to the name field', async () => {
    await renderPage([]);

    await userEvent.click(await screen.findByRole('button', { name: 'Create a key' }));

    expect(screen.getByText(/You have no API keys yet/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
  });

  describe('from links elsewhere (the quick jump’s ?create=1, the overview’s ?order=)', () => {
    async function visit(url: string, keys = [keyDto()]) {
      TestBed.configureTestingModule({
        providers: [
          provideHttpClient(),
          provideHttpClientTesting(),
          provideTestRuntimeConfig(),
          provideRouter(
            [{ path: 'api-keys', component: ApiKeysPage }],
            withComponentInputBinding(),
          ),
        ],
      });
      const harness = await RouterTestingHarness.create(url);
      TestBed.inject(HttpTestingController)
        .match(`${TEST_API_BASE_URL}/apikey`)
        .forEach((request) => request.flush(ok(keys)));
      return harness;
    }

    it('starts at the new key’s name', async () => {
      await visit(`/api-keys?${CREATE_KEY_PARAM}=1`);

      await waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus());
    });

    it('starts at the name also when the page is already open', async () => {
      const harness = await visit('/api-keys');
      expect(screen.getByRole('textbox', { name: 'Name' })).not.toHaveFocus();

      await harness.navigateByUrl(`/api-keys?${CREATE_KEY_PARAM}=1`);

      await waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus());
    });

    it('lists the keys unused the longest first for ?order=stale-first', async () => {
      const inUse = keyDto({ id: 2, name: 'Deploy', lastUsedAt: new Date().toISOString() });
      const idle = keyDto({ id: 1, name: 'Old plugin', createdAt: '2025-01-15T09:00:00Z' });
      await visit(`/api-keys?${KEY_ORDER_PARAM}=${STALE_FIRST_ORDER}`, [inUse, idle]);

      const table = await screen.findByRole('table', {
        name: 'Active keys, those unused the longest first',
      });
      expect(screen.getByRole('combobox', { name: 'Order' })).toHaveValue('stale-first');
      const names = within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent?.trim());
      expect(names).toEqual(['Old plugin', 'Deploy']);
    });

    it('lists the newest first for any other order', async () => {
      await visit(`/api-keys?${KEY_ORDER_PARAM}=sideways`);

      expect(await screen.findByRole('table', { name: 'Active keys, newest first' })).toBeVisible();
    });
  });

  it('offers purge snippets with placeholders for the key and the property', async () => {
    await renderPage([keyDto()]);

    // A task after the key list, so that the two do not render in one long task.
    const snippet = await screen.findByRole('region', { name: 'curl snippet' });

    expect(snippet.textContent).toContain(`-H 'X-API-Key: <YOUR_API_KEY>'`);
    expect(snippet.textContent).toContain(`'${TEST_API_BASE_URL}/property/<PROPERTY_ID>/purge'`);
    expect(screen.getByRole('tablist', { name: 'Purge snippets by language' })).toBeInTheDocument();
  });

  it('adds the snippets below the key list once it has loaded, so the list never pushes them', async () => {
    await render(ApiKeysPage, {
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestRuntimeConfig()],
    });
    const http = TestBed.inject(HttpTestingController);

    expect(screen.queryByRole('heading', { name: 'Use a key from your code' })).toBeNull();
    http.expectOne(`${TEST_API_BASE_URL}/apikey`).flush(ok([keyDto()]));
    expect(
      await screen.findByRole('heading', { name: 'Use a key from your code' }),
    ).toBeInTheDocument();
  });

  it('asks for a name instead of creating a nameless key', async () => {
    const { http } = await renderPage([]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByText('Enter a name for the key.')).toBeInTheDocument();
    http.expectNone(`${TEST_API_BASE_URL}/apikey`);
  });

  it('describes the name field by its hint until Create is pressed, then by its error', async () => {
    await renderPage([]);
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveAccessibleDescription(/Where it will be used/);
    expect(name).not.toBeInvalid();

    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect(name).toHaveAccessibleDescription('Enter a name for the key.');
    expect(name).toBeInvalid();
  });

  it('refuses a name longer than 64 characters once trimmed', async () => {
    const { http } = await renderPage([]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), `  ${'a'.repeat(65)}  `);
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByText('Use at most 64 characters.')).toBeInTheDocument();
    http.expectNone(`${TEST_API_BASE_URL}/apikey`);
  });

  it('accepts 64 characters surrounded by spaces, and sends them trimmed', async () => {
    const { http } = await renderPage([]);
    const name = 'a'.repeat(64);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), `  ${name}  `);
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const request = http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
    expect(request.request.body).toEqual({ name });
  });

  it('leaves no false error after a key created with Enter, and focus on the form', async () => {
    const { http } = await renderPage([]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Deploy{Enter}');
    http
      .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
      .flush(ok({ ...keyDto({ id: 2, name: 'Deploy' }), key: RAW_KEY }));
    const dialog = await screen.findByRole('dialog', { name: 'Save your new key “Deploy”' });
    http.match(`${TEST_API_BASE_URL}/property`).forEach((r) => r.flush(ok([])));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'I have stored this key' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    expect(screen.queryByText('Enter a name for the key.')).not.toBeInTheDocument();
    expect(document.activeElement).not.toBe(document.body);
  });

  it('creates one key when Create is pressed twice before the API answers', async () => {
    const { http } = await renderPage([]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Deploy');

    await userEvent.dblClick(screen.getByRole('button', { name: 'Create key' }));

    http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
  });

  it('creates no key when the dialog that would show it cannot be loaded', async () => {
    const { http } = await renderPage([]);
    jest.spyOn(TestBed.inject(Dialogs), 'load').mockRejectedValue(new Error('offline'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Deploy');

    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No key named “Deploy” was created: the dialog that shows a new key could not be loaded.',
    );
    http.expectNone({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
  });

  it('warns when an active key already has the name', async () => {
    await renderPage([keyDto()]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'cms purge plugin');

    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      /An active key is already named/,
    );
  });

  it('creates the key and shows it once in the dialog', async () => {
    const { http } = await renderPage([]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Deploy');
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    http
      .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
      .flush(ok({ ...keyDto({ id: 2, name: 'Deploy' }), key: RAW_KEY }));

    const dialog = await screen.findByRole('dialog', { name: 'Save your new key “Deploy”' });
    // The dialog asks for a property to fill in its snippet.
    http.expectOne(`${TEST_API_BASE_URL}/property`).flush(ok([]));
    expect(
      within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'API key' }).value === RAW_KEY,
    ).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('');
  });

  it('asks before revoking, naming the key, its prefix and the consequence', async () => {
    await renderPage([keyDto()]);

    await openRevokeConfirmation();

    const confirm = await screen.findByRole('dialog', { name: 'Revoke “CMS purge plugin”?' });
    expect(confirm).toHaveTextContent(/“CMS purge plugin” \(pdm_AbCd…\)/);
    expect(confirm).toHaveTextContent(/fails with 401/);
  });

  it('revokes once confirmed and shows the key as revoked', async () => {
    const { http } = await renderPage([keyDto()]);

    await revokeCmsKey(http);

    const revoked = await screen.findByRole('table', { name: /^Revoked keys/ });
    expect(within(revoked).getByRole('row', { name: /CMS purge plugin/ })).toBeInTheDocument();
    expect(
      await screen.findByText('Key “CMS purge plugin” (pdm_AbCd…) revoked.'),
    ).toBeInTheDocument();
  });

  it('keeps the key active when the confirmation is dismissed with Escape', async () => {
    const { http } = await renderPage([keyDto()]);
    await openRevokeConfirmation();
    await screen.findByRole('dialog', { name: 'Revoke “CMS purge plugin”?' });

    pressEscape();

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    http.expectNone(`${TEST_API_BASE_URL}/apikey/1/revoke`);
  });

  it('moves focus to the active keys once the revoked row has left the table', async () => {
    const { http } = await renderPage([keyDto()]);

    await revokeCmsKey(http);

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Active keys' })).toHaveFocus());
  });

  describe('when an action fails', () => {
    const serverError = { status: 500, statusText: 'Internal Server Error' };

    it('offers to create the key again with the same name, even once the field changed', async () => {
      const { http } = await renderPage([]);
      const name = screen.getByRole('textbox', { name: 'Name' });
      await userEvent.type(name, 'Deploy');
      await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
      http
        .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
        .flush(null, serverError);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The key “Deploy” was not created.');
      await userEvent.type(name, ' v2');

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      const retry = http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
      expect(retry.request.body).toEqual({ name: 'Deploy' });
      retry.flush(ok({ ...keyDto({ id: 2, name: 'Deploy' }), key: RAW_KEY }));
      await screen.findByRole('dialog', { name: 'Save your new key “Deploy”' });
      http.match(`${TEST_API_BASE_URL}/property`).forEach((r) => r.flush(ok([])));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(name).toHaveValue('Deploy v2');
    });

    it('revokes the same key again without asking twice', async () => {
      const { http } = await renderPage([keyDto()]);
      await openRevokeConfirmation();
      await userEvent.click(await screen.findByRole('button', { name: 'Revoke key' }));
      (
        await waitFor(() =>
          http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` }),
        )
      ).flush(null, serverError);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('“CMS purge plugin” (pdm_AbCd…) was not revoked.');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      http
        .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` })
        .flush(ok(keyDto({ revokedAt: new Date().toISOString() })));
      await screen.findByRole('table', { name: /^Revoked keys/ });
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('offers to reload the list, not to try again, when the key no longer exists', async () => {
      const { http } = await renderPage([keyDto()]);
      await openRevokeConfirmation();
      await userEvent.click(await screen.findByRole('button', { name: 'Revoke key' }));
      (
        await waitFor(() =>
          http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` }),
        )
      ).flush(
        { succeeded: false, message: 'API key not found.', data: null },
        { status: 404, statusText: 'Not Found' },
      );
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(/^Error: “CMS purge plugin” \(pdm_AbCd…\) was not revoked\./);
      expect(alert).toHaveTextContent('no longer exists');
      expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();

      await userEvent.click(within(alert).getByRole('button', { name: 'Reload the list' }));

      http.expectNone({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey/1/revoke` });
      http
        .expectOne({ method: 'GET', url: `${TEST_API_BASE_URL}/apikey` })
        .flush(ok([keyDto({ revokedAt: new Date().toISOString() })]));
      await screen.findByRole('table', { name: /^Revoked keys/ });
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(screen.getByRole('heading', { name: 'Active keys' })).toHaveFocus();
    });

    it('keeps the alert and its focus while trying again, and says it failed again', async () => {
      const { http } = await renderPage([]);
      await userEvent.type(screen.getByRole('textbox', { name: 'Name' }), 'Deploy');
      await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
      http
        .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
        .flush(null, serverError);
      await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));

      const trying = screen.getByRole('button', { name: 'Trying again…' });
      expect(trying).toHaveFocus();
      http
        .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
        .flush(null, { status: 0, statusText: 'Unknown Error' });

      expect(await screen.findByRole('button', { name: 'Try again' })).toHaveFocus();
      expect(screen.getByRole('alert')).toHaveTextContent(/cannot be reached/);
    });

    it('rolls the same key again, asking the API for a replacement of the same name', async () => {
      const { http } = await renderPage([keyDto()]);
      await userEvent.click(
        await screen.findByRole('button', { name: /^Roll key “CMS purge plugin”/ }),
      );
      http
        .expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` })
        .flush(null, serverError);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('No replacement for “CMS purge plugin” was created.');

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      const retry = http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
      expect(retry.request.body).toEqual({ name: 'CMS purge plugin' });
      retry.flush(ok({ ...keyDto({ id: 2, prefix: 'pdm_EfGh' }), key: RAW_KEY }));
      await screen.findByRole('dialog', { name: 'Save your new key “CMS purge plugin”' });
      http.match(`${TEST_API_BASE_URL}/property`).forEach((r) => r.flush(ok([])));
    });
  });

  describe('rolling a key', () => {
    async function rollAndCloseReplacement() {
      const { http, fixture } = await renderPage([keyDto()]);
      await userEvent.click(
        await screen.findByRole('button', { name: /^Roll key “CMS purge plugin”/ }),
      );
      const create = http.expectOne({ method: 'POST', url: `${TEST_API_BASE_URL}/apikey` });
      expect(create.request.body).toEqual({ name: 'CMS purge plugin' });
      create.flush(ok({ ...keyDto({ id: 2, prefix: 'pdm_EfGh' }), key: RAW_KEY }));
      const dialog = await screen.findByRole('dialog', {
        name: 'Save your new key “CMS purge plugin”',
      });
      http.match(`${TEST_API_BASE_URL}/property`).forEach((r) => r.flush(ok([])));
      expect(dialog).toHaveTextContent('pdm_AbCd…, keeps working until you revoke it');
      expect(screen.queryByRole('dialog', { name: /^Revoke/ })).not.toBeInTheDocument();
      await userEvent.click(
        within(dialog).getByRole('checkbox', { name: 'I have stored this key' }),
      );
      await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      return { http, fixture };
    }

    it('creates a replacement with the same name, then offers to revoke the old key', async () => {
      await rollAndCloseReplacement();

      const confirm = await screen.findByRole('dialog', {
        name: 'Revoke the old “CMS purge plugin” (pdm_AbCd…)?',
      });
      expect(confirm).toHaveTextContent('Its replacement pdm_EfGh… keeps working.');
    });

    it('marks the old key as being replaced until it is kept', async () => {
      await rollAndCloseReplacement();
      await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

      await within(activeTable()).findByText('Being replaced by pdm_EfGh…');
      await userEvent.click(
        within(activeTable()).getByRole('button', {
          name: 'Keep key “CMS purge plugin” (pdm_AbCd…)',
        }),
      );

      expect(within(activeTable()).queryByText(/Being replaced/)).not.toBeInTheDocument();
    });

    describe('across a reload', () => {
      afterEach(() => {
        TestBed.inject(SessionStore).signOut();
        sessionStorage.clear();
      });

      async function rollAndCancel() {
        const { http, fixture } = await rollAndCloseReplacement();
        TestBed.inject(SessionStore).signIn(fakeJwt());
        await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        await within(activeTable()).findByText('Being replaced by pdm_EfGh…');
        return { http, fixture };
      }

      it('keeps the key ids and the replacement prefix in the tab, nothing secret', async () => {
        await rollAndCancel();

        expect(JSON.parse(sessionStorage.getItem(ROLLS_STORAGE_KEY)!)).toEqual({
          email: 'demo@paradarum.test',
          rolls: { 1: 'pdm_EfGh…' },
        });
        expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)!.includes(RAW_KEY)).toBe(false);
      });

      /** What an earlier page of this tab kept: a signed-in session and one unfinished roll. */
      async function renderWithKeptRoll(keys: unknown[]) {
        sessionStorage.setItem(SESSION_STORAGE_KEY, fakeJwt());
        sessionStorage.setItem(
          ROLLS_STORAGE_KEY,
          JSON.stringify({ email: 'demo@paradarum.test', rolls: { 1: 'pdm_EfGh…' } }),
        );
        await renderPage(keys);
      }

      it('still marks the old key after a reload, from what the tab kept', async () => {
        await renderWithKeptRoll([keyDto(), keyDto({ id: 2, prefix: 'pdm_EfGh' })]);

        expect(
          await within(await waitFor(activeTable)).findByText('Being replaced by pdm_EfGh…'),
        ).toBeInTheDocument();
      });

      it('forgets the roll once it is kept', async () => {
        await renderWithKeptRoll([keyDto(), keyDto({ id: 2, prefix: 'pdm_EfGh' })]);

        await userEvent.click(
          await within(await waitFor(activeTable)).findByRole('button', {
            name: 'Keep key “CMS purge plugin” (pdm_AbCd…)',
          }),
        );

        await waitFor(() => expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)).toBeNull());
      });

      it('ignores a kept roll whose replacement no longer exists', async () => {
        await renderWithKeptRoll([keyDto()]);

        await waitFor(activeTable);
        expect(within(activeTable()).queryByText(/Being replaced/)).not.toBeInTheDocument();
        await waitFor(() => expect(sessionStorage.getItem(ROLLS_STORAGE_KEY)).toBeNull());
      });
    });

    it('keeps the old key active when its revocation is cancelled', async () => {
      const { http } = await rollAndCloseReplacement();

      await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      http.expectNone(`${TEST_API_BASE_URL}/apikey/1/revoke`);
      expect(within(activeTable()).getAllByRole('row', { name: /CMS purge plugin/ })).toHaveLength(
        2,
      );
    });
  });
});
