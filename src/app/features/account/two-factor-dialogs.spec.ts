import { Injector, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { firstValueFrom } from 'rxjs';
import { AccountStore } from './account-store';
import { DisableTwoFactorDialog } from './disable-two-factor-dialog';
import { RegenerateCodesDialog } from './regenerate-codes-dialog';
import {
  ACCOUNT_URL,
  accountResponse,
  ok,
  provideAccountTesting,
  refused,
  TEST_RECOVERY_CODES,
} from './account.testing';
import { pressEscape } from '../../testing/keyboard';

const refusal =
  'The code is not valid. Enter a current authenticator code or an unused recovery code.';

describe('dialogs that need a current code', () => {
  let http: HttpTestingController;

  async function open<T>(component: Type<T>): Promise<MatDialogRef<T, boolean>> {
    TestBed.configureTestingModule({ providers: provideAccountTesting() });
    http = TestBed.inject(HttpTestingController);
    // The store loads the account as soon as it exists.
    TestBed.inject(AccountStore);
    http
      .expectOne(ACCOUNT_URL)
      .flush(accountResponse({ twoFactorEnabled: true, recoveryCodesLeft: 3 }));
    const dialogRef = TestBed.inject(MatDialog).open<T, unknown, boolean>(component, {
      injector: TestBed.inject(Injector),
    });
    await firstValueFrom(dialogRef.afterOpened());
    return dialogRef;
  }

  async function enterCode(code: string, submitLabel: string): Promise<void> {
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Authentication or recovery code' }),
      code,
    );
    await userEvent.click(screen.getByRole('button', { name: submitLabel }));
  }

  afterEach(() => {
    http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  describe('DisableTwoFactorDialog', () => {
    it('explains what turning off means', async () => {
      await open(DisableTwoFactorDialog);

      const dialog = screen.getByRole('dialog', { name: 'Turn off two-factor authentication?' });
      expect(dialog).toHaveTextContent(/only your password/);
      expect(dialog).toHaveTextContent(/recovery codes will stop working/);
    });

    it('accepts a recovery code, turns two-factor off and closes', async () => {
      const dialogRef = await open(DisableTwoFactorDialog);

      await enterCode('bcdfg-hjkmn', 'Turn off two-factor');
      const request = http.expectOne(`${ACCOUNT_URL}/2fa/disable`);
      request.flush(ok({}));

      expect(request.request.body).toEqual({ code: 'BCDFG-HJKMN' });
      expect(await firstValueFrom(dialogRef.afterClosed())).toBe(true);
      expect(TestBed.inject(AccountStore).account()?.twoFactorEnabled).toBe(false);
    });

    it('keeps focus on its button while the code is checked, and sends the code once', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('bcdfg-hjkmn', 'Turn off two-factor');
      const button = screen.getByRole('button', { name: 'Turn off two-factor' });
      expect(button).toHaveAttribute('aria-disabled', 'true');
      expect(button).toHaveFocus();
      expect(screen.getByRole('progressbar', { name: 'Checking the code' })).toBeInTheDocument();
      await userEvent.click(button);

      http.expectOne(`${ACCOUNT_URL}/2fa/disable`).flush(ok({}));
    });

    it('accepts a recovery code typed without its dash, as sign-in does', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('hxq6f3gqyb', 'Turn off two-factor');

      expect(http.expectOne(`${ACCOUNT_URL}/2fa/disable`).request.body).toEqual({
        code: 'HXQ6F-3GQYB',
      });
    });

    it('says a refused code did not work and stays open', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('123456', 'Turn off two-factor');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/disable`)
        .flush(refused(refusal), { status: 400, statusText: 'Bad Request' });

      await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(refusal));
      expect(screen.getByRole('dialog')).toBeInTheDocument();
    });

    it('says the refusal in the error style, describing the field, with no Try again', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('123456', 'Turn off two-factor');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/disable`)
        .flush(refused(refusal), { status: 400, statusText: 'Bad Request' });

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(`Error: ${refusal}`);
      expect(within(alert).getByText('Error:')).toHaveClass('visually-hidden');
      expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
      const field = screen.getByRole('textbox', { name: 'Authentication or recovery code' });
      expect(field).toHaveAccessibleDescription(new RegExp(`Error: ${refusal}`));
    });

    it('selects the refused code, so the next attempt simply replaces it', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('123456', 'Turn off two-factor');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/disable`)
        .flush(refused(refusal), { status: 400, statusText: 'Bad Request' });

      const field = screen.getByRole<HTMLInputElement>('textbox', {
        name: 'Authentication or recovery code',
      });
      await waitFor(() => expect(field).toHaveFocus());
      expect([field.selectionStart, field.selectionEnd]).toEqual([0, '123456'.length]);
    });

    it('opens again without the refusal its last opening ended with', async () => {
      const first = await open(DisableTwoFactorDialog);
      await enterCode('123456', 'Turn off two-factor');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/disable`)
        .flush(refused(refusal), { status: 400, statusText: 'Bad Request' });
      await screen.findByRole('alert');
      first.close(false);
      await firstValueFrom(first.afterClosed());

      const second = TestBed.inject(MatDialog).open(DisableTwoFactorDialog, {
        injector: TestBed.inject(Injector),
      });
      await firstValueFrom(second.afterOpened());

      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('does not judge a code while it is typed or when the field is left', async () => {
      await open(DisableTwoFactorDialog);
      const field = screen.getByRole('textbox', { name: 'Authentication or recovery code' });

      await userEvent.type(field, 'hel');
      await userEvent.tab();

      expect(field).toHaveAttribute('aria-invalid', 'false');
      expect(screen.queryByText(/neither a 6-digit code/)).not.toBeInTheDocument();
    });

    it('refuses something that is no code at all without asking the API', async () => {
      await open(DisableTwoFactorDialog);

      await enterCode('hello', 'Turn off two-factor');

      expect(await screen.findByText(/neither a 6-digit code nor a recovery code/)).toBeVisible();
      http.expectNone(`${ACCOUNT_URL}/2fa/disable`);
    });
  });

  describe('RegenerateCodesDialog', () => {
    async function regenerate(): Promise<MatDialogRef<RegenerateCodesDialog, boolean>> {
      const dialogRef = await open(RegenerateCodesDialog);
      await enterCode('123456', 'Generate new codes');
      http
        .expectOne(`${ACCOUNT_URL}/2fa/recovery-codes`)
        .flush(ok({ recoveryCodes: TEST_RECOVERY_CODES }));
      await screen.findByRole('list', { name: 'Recovery codes' });
      return dialogRef;
    }

    it('accepts a recovery code typed without its dash, as sign-in does', async () => {
      await open(RegenerateCodesDialog);

      await enterCode('hxq6f3gqyb', 'Generate new codes');

      expect(http.expectOne(`${ACCOUNT_URL}/2fa/recovery-codes`).request.body).toEqual({
        code: 'HXQ6F-3GQYB',
      });
    });

    it('warns that the current codes stop working', async () => {
      await open(RegenerateCodesDialog);

      expect(
        screen.getByRole('dialog', { name: 'Generate new recovery codes?' }),
      ).toHaveTextContent(/every code you have now stops working/);
    });

    it('shows the new codes once and says the old ones no longer work', async () => {
      await regenerate();

      const list = screen.getByRole('list', { name: 'Recovery codes' });
      expect(within(list).getAllByRole('listitem')).toHaveLength(10);
      expect(screen.getByText(/Your old codes no longer work/)).toBeVisible();
    });

    it('moves focus to the new heading once the codes show', async () => {
      await regenerate();

      await waitFor(() =>
        expect(screen.getByRole('heading', { name: 'Your new recovery codes' })).toHaveFocus(),
      );
    });

    it('cannot be dismissed with Escape once the new codes show', async () => {
      const dialogRef = await regenerate();
      let closed = false;
      // beforeClosed: it fires as the dialog starts closing, not after its exit animation.
      dialogRef.beforeClosed().subscribe(() => (closed = true));

      pressEscape();

      expect(closed).toBe(false);
      expect(screen.getByRole('button', { name: 'Done' })).toBeDisabled();
    });

    it('closes once the user says the codes are stored', async () => {
      const dialogRef = await regenerate();

      await userEvent.click(screen.getByRole('checkbox', { name: 'I have stored these codes' }));
      await userEvent.click(screen.getByRole('button', { name: 'Done' }));

      expect(await firstValueFrom(dialogRef.afterClosed())).toBe(true);
    });
  });
});
