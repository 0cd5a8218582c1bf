import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { MatDialog } from '@angular/material/dialog';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { AccountPage } from './account-page';
import {
  ACCOUNT_URL,
  accountResponse,
  ok,
  provideAccountTesting,
  TEST_RECOVERY_CODES,
} from './account.testing';

describe('AccountPage', () => {
  let http: HttpTestingController;

  async function renderPage(account?: Parameters<typeof accountResponse>[0]): Promise<void> {
    await render(AccountPage, { providers: provideAccountTesting() });
    http = TestBed.inject(HttpTestingController);
    if (account) {
      http.expectOne(ACCOUNT_URL).flush(accountResponse(account));
      await screen.findByRole('heading', { name: 'Profile' });
    }
  }

  afterEach(() => {
    http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('says it is loading until the account arrives', async () => {
    await renderPage();

    expect(screen.getByText('Loading your account…')).toBeInTheDocument();
    http.expectOne(ACCOUNT_URL);
  });

  it('shows name, e-mail and member since', async () => {
    await renderPage({});

    const profile = screen.getByRole('region', { name: 'Profile' });
    expect(profile).toHaveTextContent('Demo Media');
    expect(profile).toHaveTextContent('demo@paradarum.test');
    expect(profile).toHaveTextContent('January 15, 2024');
  });

  it('offers to turn two-factor on when it is off', async () => {
    await renderPage({ twoFactorEnabled: false });

    expect(screen.getByText(/Status:/)).toHaveTextContent('Status: Off');
    expect(screen.getByRole('button', { name: 'Turn on two-factor' })).toBeInTheDocument();
  });

  it('shows the codes left and offers regenerating and turning off when it is on', async () => {
    await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 7 });

    expect(screen.getByText(/Recovery codes left:/)).toHaveTextContent('Recovery codes left: 7');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Regenerate recovery codes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off two-factor' })).toBeInTheDocument();
  });

  it('warns when two or fewer recovery codes remain, with the regenerate action', async () => {
    await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 2 });

    const warning = screen.getByRole('note');
    expect(warning).toHaveTextContent('Only 2 recovery codes left.');
    expect(screen.getAllByRole('button', { name: 'Regenerate recovery codes' })).toHaveLength(1);
  });

  it('says loading failed and loads again on request', async () => {
    await renderPage();
    http.expectOne(ACCOUNT_URL).flush(null, { status: 500, statusText: 'Server Error' });

    expect(await screen.findByRole('alert')).toHaveTextContent(/could not be loaded/);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    http.expectOne(ACCOUNT_URL).flush(accountResponse());
    expect(await screen.findByRole('heading', { name: 'Profile' })).toBeInTheDocument();
  });

  describe('after a dialog closes', () => {
    /** The dialog once it has opened and taken focus: clicking earlier races its autofocus. */
    async function openedDialog(): Promise<HTMLElement> {
      const dialog = await screen.findByRole('dialog');
      await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
      return dialog;
    }

    async function enterCode(code: string, submitLabel: string): Promise<void> {
      const dialog = await openedDialog();
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: 'Authentication or recovery code' }),
        code,
      );
      await userEvent.click(within(dialog).getByRole('button', { name: submitLabel }));
    }

    /** A toast, read out politely, says it. */
    async function expectToast(text: string): Promise<void> {
      await waitFor(() =>
        expect(screen.getByText(text).closest('[aria-live]')).toHaveAttribute(
          'aria-live',
          'polite',
        ),
      );
    }

    /** Waits until the dialog is gone and the page has rendered what its closing changed. */
    async function dialogClosed(): Promise<void> {
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      await TestBed.inject(ApplicationRef).whenStable();
    }

    it('gives focus back to the button that opened it when nothing changed', async () => {
      await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 7 });
      const turnOff = screen.getByRole('button', { name: 'Turn off two-factor' });

      await userEvent.click(turnOff);
      await userEvent.click(within(await openedDialog()).getByRole('button', { name: 'Cancel' }));

      await dialogClosed();

      expect(turnOff).toHaveFocus();
    });

    it('gives focus back to the regenerate button, which is still there, and says what changed', async () => {
      await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 7 });
      const regenerate = screen.getByRole('button', { name: 'Regenerate recovery codes' });

      await userEvent.click(regenerate);
      await enterCode('123456', 'Generate new codes');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/recovery-codes`)
        .flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
      await userEvent.click(
        await screen.findByRole('checkbox', { name: 'I have stored these codes' }),
      );
      await userEvent.click(screen.getByRole('button', { name: 'Done' }));

      await dialogClosed();

      expect(regenerate).toHaveFocus();
      await expectToast('You have 10 new recovery codes.');
      // The toast says what happened; the codes themselves stay in their dialog.
      expect(document.body.textContent!.includes(TEST_RECOVERY_CODES[0])).toBe(false);
    });

    it('moves focus to the two-factor section when the button that opened it is gone', async () => {
      await renderPage({ twoFactorEnabled: true, recoveryCodesLeft: 7 });

      await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor' }));
      await enterCode('123456', 'Turn off two-factor');
      http.expectOne(`${ACCOUNT_URL}/2fa/disable`).flush(ok({}));

      await dialogClosed();

      expect(screen.getByRole('heading', { name: 'Two-factor authentication' })).toHaveFocus();
      await expectToast('Two-factor authentication is off.');
      expect(screen.getByRole('button', { name: 'Turn on two-factor' })).toBeInTheDocument();
    });
  });
});
