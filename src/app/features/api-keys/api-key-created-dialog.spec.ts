import { Clipboard } from '@angular/cdk/clipboard';
import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { SpyLocation, provideLocationMocks } from '@angular/common/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { SKIP_AUTH } from '../../core/session/auth.interceptor';
import { TEST_API_BASE_URL, provideTestRuntimeConfig } from '../../testing/runtime-config';
import { ApiKey } from '../../core/api/api-key-list-client';
import { ApiKeyCreatedDialog, openApiKeyCreatedDialog } from './api-key-created-dialog';
import { dialogFocusSettled } from '../../testing/dialog-focus';
import { pressEscape } from '../../testing/keyboard';

const RAW_KEY = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';
const apiKey: ApiKey = {
  id: 7,
  name: 'WordPress',
  prefix: 'pdm_Ab$d',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  lastUsedAt: null,
  revokedAt: null,
};

/** jsdom's Blob has no text(); FileReader it is. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

describe('ApiKeyCreatedDialog', () => {
  let copy: jest.Mock;
  let http: HttpTestingController;
  let dialogRef: MatDialogRef<ApiKeyCreatedDialog, void>;
  let closed: jest.Mock;

  beforeEach(() => {
    copy = jest.fn().mockReturnValue(true);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestRuntimeConfig(),
        provideLocationMocks(),
        { provide: Clipboard, useValue: { copy } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  async function open(properties: { id: number; name: string }[] = [{ id: 42, name: 'Blog' }]) {
    dialogRef = openApiKeyCreatedDialog(TestBed.inject(MatDialog), { apiKey, rawKey: RAW_KEY });
    closed = jest.fn();
    // beforeClosed, not afterClosed: it fires as soon as the dialog starts closing, whereas
    // afterClosed waits for the exit animation and would report a close after the assertions.
    dialogRef.beforeClosed().subscribe(closed);
    // Not whenStable(): the pending property request would keep the app unstable.
    TestBed.tick();
    http
      .expectOne(`${TEST_API_BASE_URL}/property`)
      .flush({ succeeded: true, message: '', data: properties });
    await TestBed.inject(ApplicationRef).whenStable();
    return screen.getByRole('dialog', { name: 'Save your new key “WordPress”' });
  }

  it('shows the raw key once, in a read-only field', async () => {
    await open();

    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });

    expect(field.value === RAW_KEY).toBe(true);
    expect(field).toHaveAttribute('readonly');
  });

  it('selects the whole key when the field is clicked, symbols included', async () => {
    await open();
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });

    await userEvent.click(field);

    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(RAW_KEY.length);
  });

  it('keeps the whole key selected on a double-click, which would stop at a symbol', async () => {
    await open();
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });

    await userEvent.dblClick(field);

    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(RAW_KEY.length);
  });

  it('does not close on Escape', async () => {
    await open();

    pressEscape();

    expect(closed).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('does not close on a click on the backdrop', async () => {
    await open();

    await userEvent.click(document.querySelector('.cdk-overlay-backdrop')!);

    expect(closed).not.toHaveBeenCalled();
  });

  it('does not close when the browser navigates (a 401 elsewhere sends the app to /login)', async () => {
    await open();

    (TestBed.inject(Location) as SpyLocation).simulateUrlPop('/login');
    await TestBed.inject(ApplicationRef).whenStable();

    expect(closed).not.toHaveBeenCalled();
  });

  it('keeps Close disabled until the user says the key is stored', async () => {
    await open();

    expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled();
  });

  it('closes once the user ticks "I have stored this key" and presses Close', async () => {
    await open();

    await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored this key' }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));

    await waitFor(() => expect(closed).toHaveBeenCalled());
  });

  it('empties the key field as soon as Close is pressed, while the dialog fades out', async () => {
    await open();
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });

    await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored this key' }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    TestBed.tick();

    expect(field.value === '').toBe(true);
  });

  it('leaves no trace of the key on the page once closed', async () => {
    await open();

    await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored this key' }));
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    expect(document.documentElement.outerHTML.includes(RAW_KEY)).toBe(false);
  });

  it('copies the raw key', async () => {
    await open();

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(copy.mock.calls[0][0] === RAW_KEY).toBe(true);
  });

  it('says how to copy by hand and selects the key when the browser refuses', async () => {
    copy.mockReturnValue(false);
    await open();
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'API key' });
    await dialogFocusSettled(screen.getByRole('dialog'));

    await userEvent.click(screen.getByRole('button', { name: 'Copy key' }));

    expect(screen.getByText('Copy failed: select the key and copy it by hand')).toBeInTheDocument();
    expect(field).toHaveFocus();
    expect(field.selectionEnd! - field.selectionStart!).toBe(RAW_KEY.length);
  });

  it('offers a purge command for one of the account properties, with the key in X-API-Key', async () => {
    await open();

    const snippet = screen.getByRole('region', { name: 'curl snippet' });

    expect(snippet.textContent).toContain(`'${TEST_API_BASE_URL}/property/42/purge'`);
    expect(snippet.textContent!.includes(`-H 'X-API-Key: ${RAW_KEY}'`)).toBe(true);
    expect(screen.getByText(/your property “Blog”/)).toBeInTheDocument();
  });

  it('falls back to a placeholder property id when the account has none', async () => {
    await open([]);

    const snippet = screen.getByRole('region', { name: 'curl snippet' });

    expect(snippet.textContent).toContain('/property/<PROPERTY_ID>/purge');
  });

  it('offers the purge in every stack, each with its own copy button', async () => {
    await open();

    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent?.trim());

    expect(tabs).toEqual([
      'curl',
      'PowerShell',
      'Node.js',
      'Python (urllib)',
      'Python (requests)',
      'PHP',
      'GitHub Actions',
    ]);
    expect(screen.getByRole('button', { name: 'Copy curl snippet' })).toBeInTheDocument();
  });

  it('shows the PowerShell snippet with the key once its tab is chosen', async () => {
    await open();

    await userEvent.click(screen.getByRole('tab', { name: 'PowerShell' }));
    const snippet = await screen.findByRole('region', { name: 'PowerShell snippet' });

    expect(snippet.textContent!.includes(`'X-API-Key' = '${RAW_KEY}'`)).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy PowerShell snippet' })).toBeInTheDocument();
  });

  it('tests the key with X-API-Key alone and names the account it acts for', async () => {
    await open();

    await userEvent.click(screen.getByRole('button', { name: 'Test this key' }));
    const request = http.expectOne(`${TEST_API_BASE_URL}/account`);
    request.flush({
      succeeded: true,
      message: '',
      data: { id: 1, name: 'Demo Media', email: 'demo@paradarum.test' },
    });
    await TestBed.inject(ApplicationRef).whenStable();

    expect(request.request.headers.get('X-API-Key') === RAW_KEY).toBe(true);
    expect(request.request.headers.has('Authorization')).toBe(false);
    expect(request.request.context.get(SKIP_AUTH)).toBe(true);
    expect(await screen.findByText(/This key works: .*“Demo Media”/)).toBeInTheDocument();
  });

  it('says so when the API refuses the key', async () => {
    await open();

    await userEvent.click(screen.getByRole('button', { name: 'Test this key' }));
    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(
        { succeeded: false, message: 'Unauthorized.', data: null },
        { status: 401, statusText: 'Unauthorized' },
      );
    await TestBed.inject(ApplicationRef).whenStable();

    expect(await screen.findByRole('alert')).toHaveTextContent(/This key does not work/);
  });

  it('tests the key again with Try again after a network failure', async () => {
    await open();
    await userEvent.click(screen.getByRole('button', { name: 'Test this key' }));
    http
      .expectOne(`${TEST_API_BASE_URL}/account`)
      .flush(null, { status: 0, statusText: 'Unknown Error' });
    const alert = await screen.findByRole('alert');

    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    const retry = http.expectOne(`${TEST_API_BASE_URL}/account`);
    expect(retry.request.headers.get('X-API-Key') === RAW_KEY).toBe(true);
    retry.flush({ succeeded: true, message: '', data: { id: 1, name: 'Demo', email: 'd@x.test' } });
    expect(await screen.findByText(/This key works/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('downloads the key as a .env file and revokes the object URL', async () => {
    const createObjectURL = jest.fn().mockReturnValue('blob:key');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    try {
      await open();

      await userEvent.click(screen.getByRole('button', { name: 'Download .env file' }));

      const blob = createObjectURL.mock.calls[0][0] as Blob;
      expect((await readText(blob)) === `PARADARUM_API_KEY='${RAW_KEY}'\n`).toBe(true);
      expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(
        'paradarum-wordpress.env',
      );
      await waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:key'));
    } finally {
      click.mockRestore();
    }
  });
});
