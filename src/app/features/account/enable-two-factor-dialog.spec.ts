import { ApplicationRef, Injector, isSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { firstValueFrom } from 'rxjs';
import { AccountStore } from './account-store';
import { EnableTwoFactorDialog } from './enable-two-factor-dialog';
import {
  ACCOUNT_URL,
  accountResponse,
  ok,
  provideAccountTesting,
  refused,
  TEST_RECOVERY_CODES,
} from './account.testing';
import { pressEscape } from '../../testing/keyboard';

const setup = {
  sharedKey: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp',
  authenticatorUri:
    'otpauth://totp/Paradarum:demo%40paradarum.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Paradarum&digits=6',
};

describe('EnableTwoFactorDialog', () => {
  let http: HttpTestingController;
  let dialogRef: MatDialogRef<EnableTwoFactorDialog, boolean>;
  let closedWith: boolean | undefined | 'open';

  async function settle(): Promise<void> {
    await TestBed.inject(ApplicationRef).whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideAccountTesting() });
    http = TestBed.inject(HttpTestingController);
    // The dialog uses the page's store, which loads the account as soon as it exists.
    TestBed.inject(AccountStore);
    http.expectOne(ACCOUNT_URL).flush(accountResponse());
    dialogRef = TestBed.inject(MatDialog).open(EnableTwoFactorDialog, {
      injector: TestBed.inject(Injector),
    });
    closedWith = 'open';
    // beforeClosed fires as soon as the dialog starts closing; afterClosed waits for the exit
    // animation and would report an Escape only after the assertions.
    dialogRef.beforeClosed().subscribe((result) => (closedWith = result));
    // Until the dialog has opened, its initial focus could land in the middle of typing.
    await firstValueFrom(dialogRef.afterOpened());
  });

  afterEach(() => {
    http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  async function answerSetup(): Promise<void> {
    await settle();
    http.expectOne(`${ACCOUNT_URL}/2fa/setup`).flush(ok(setup));
    await screen.findByRole('img', { name: /QR code that adds Paradarum/ });
  }

  async function goToCodeStep(): Promise<void> {
    await answerSetup();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Step 2 of 3: Enter a code from the app' });
  }

  async function submitCode(code: string): Promise<void> {
    const field = screen.getByRole('textbox', { name: 'Authentication code' });
    await userEvent.clear(field);
    await userEvent.type(field, code);
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
  }

  async function goToRecoveryCodes(): Promise<void> {
    await goToCodeStep();
    await submitCode('123456');
    http.expectOne(`${ACCOUNT_URL}/2fa/enable`).flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
    await screen.findByRole('heading', { name: 'Step 3 of 3: Save your recovery codes' });
  }

  describe('step 1', () => {
    it('says it is preparing the key until the API answers, with Next unavailable', async () => {
      await settle();

      expect(screen.getByText('Preparing your setup key…')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
      http.expectOne(`${ACCOUNT_URL}/2fa/setup`);
    });

    it('draws the QR code in the browser as an image with a text alternative', async () => {
      await answerSetup();

      const qr = screen.getByRole('img', { name: /If you cannot scan it, enter the setup key/ });
      expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    });

    it('shows the setup key in groups of four for apps that cannot scan', async () => {
      await answerSetup();

      expect(screen.getByRole('textbox', { name: 'Setup key' })).toHaveValue(
        'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
      );
      expect(screen.getByRole('button', { name: 'Copy setup key' })).toBeInTheDocument();
    });

    it('says why the setup failed and tries again on request', async () => {
      await settle();
      http
        .expectOne(`${ACCOUNT_URL}/2fa/setup`)
        .flush(null, { status: 503, statusText: 'Service Unavailable' });

      await waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent(
          /^Error: Two-factor setup could not start\. Something went wrong on our side/,
        ),
      );
      expect(screen.getByText('Error:')).toHaveClass('visually-hidden');
      await userEvent.click(
        within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }),
      );
      http.expectOne(`${ACCOUNT_URL}/2fa/setup`).flush(ok(setup));
      expect(await screen.findByRole('textbox', { name: 'Setup key' })).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('keeps the setup error in place with "Trying again…" while the request runs again', async () => {
      await settle();
      http
        .expectOne(`${ACCOUNT_URL}/2fa/setup`)
        .flush(null, { status: 503, statusText: 'Service Unavailable' });
      const alert = await screen.findByRole('alert');

      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

      const again = http.expectOne(`${ACCOUNT_URL}/2fa/setup`);
      expect(within(alert).getByRole('button', { name: 'Trying again…' })).toHaveFocus();
      expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
      again.flush(null, { status: 503, statusText: 'Service Unavailable' });
      expect(await within(alert).findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    });
  });

  describe('step 2', () => {
    it('checks the shape of the code before asking the API', async () => {
      await goToCodeStep();

      await submitCode('12345');

      // The words of the sign-in step (shared/two-factor-code.ts), not a second wording.
      expect(
        await screen.findByText('Enter the 6-digit code from your authenticator app.'),
      ).toBeVisible();
      http.expectNone(`${ACCOUNT_URL}/2fa/enable`);
    });

    it('says a refused code did not work and lets the user try again', async () => {
      await goToCodeStep();
      await submitCode('000000');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/enable`)
        .flush(
          refused('The code is not valid. Enter the current code from your authenticator app.'),
          {
            status: 400,
            statusText: 'Bad Request',
          },
        );

      await waitFor(() =>
        expect(screen.getByRole('alert')).toHaveTextContent('The code is not valid.'),
      );
      await submitCode('123 456');
      const retry = http.expectOne(`${ACCOUNT_URL}/2fa/enable`);
      expect(retry.request.body).toEqual({ code: '123456' });
      retry.flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
      expect(await screen.findByRole('list', { name: 'Recovery codes' })).toBeInTheDocument();
    });

    it('goes back to the QR code', async () => {
      await goToCodeStep();

      await userEvent.click(screen.getByRole('button', { name: 'Back' }));

      expect(
        await screen.findByRole('heading', {
          name: 'Step 1 of 3: Add Paradarum to your authenticator app',
        }),
      ).toHaveFocus();
      expect(screen.getByRole('textbox', { name: 'Setup key' })).toBeInTheDocument();
    });
  });

  describe('step 3', () => {
    it('shows the ten recovery codes', async () => {
      await goToRecoveryCodes();

      const list = screen.getByRole('list', { name: 'Recovery codes' });
      expect(
        within(list)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(TEST_RECOVERY_CODES);
    });

    it('forgets the pending secret once two-factor is on', async () => {
      await goToRecoveryCodes();

      // The key sat in a text area's value and in the dialog's signals, never in text content:
      // look in every field's value and every signal the dialog holds.
      const fieldValues = [...document.querySelectorAll('input, textarea')].map(
        (field) => (field as HTMLInputElement).value,
      );
      const dialog = dialogRef.componentInstance as unknown as Record<string, unknown>;
      const signalValues = Object.values(dialog)
        .filter(isSignal)
        .map((value) => value());
      const held = JSON.stringify([fieldValues, signalValues]).toUpperCase().replace(/\s/g, '');
      expect(held).not.toContain('JBSWY3DP');
    });

    it('cannot be dismissed with Escape', async () => {
      await goToRecoveryCodes();

      pressEscape();
      await settle();

      expect(closedWith).toBe('open');
      expect(screen.getByRole('list', { name: 'Recovery codes' })).toBeInTheDocument();
    });

    it('keeps Done unavailable until the user says the codes are stored', async () => {
      await goToRecoveryCodes();

      expect(screen.getByRole('button', { name: 'Done' })).toBeDisabled();
    });

    it('finishes once the codes are stored', async () => {
      await goToRecoveryCodes();

      await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored these codes' }));
      await userEvent.click(screen.getByRole('button', { name: 'Done' }));

      expect(await firstValueFrom(dialogRef.afterClosed())).toBe(true);
    });
  });
});
