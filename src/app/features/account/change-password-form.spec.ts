import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { render, screen, waitFor } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { ChangePasswordForm } from './change-password-form';
import {
  ACCOUNT_URL,
  accountResponse,
  ok,
  provideAccountTesting,
  refused,
} from './account.testing';

describe('ChangePasswordForm', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    await render(ChangePasswordForm, {
      inputs: { email: 'demo@paradarum.test' },
      providers: provideAccountTesting(),
    });
    http = TestBed.inject(HttpTestingController);
    // The form uses the page's store, which loads the account as soon as it exists.
    http.expectOne(ACCOUNT_URL).flush(accountResponse());
  });

  afterEach(() => http.verify());

  async function fill(current: string, next: string, confirmation: string): Promise<void> {
    if (current) await userEvent.type(screen.getByLabelText('Current password'), current);
    if (next) await userEvent.type(screen.getByLabelText('New password'), next);
    if (confirmation)
      await userEvent.type(screen.getByLabelText('Confirm new password'), confirmation);
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
  }

  it('asks the browser for the right passwords to fill', () => {
    expect(screen.getByLabelText('Current password')).toHaveAttribute(
      'autocomplete',
      'current-password',
    );
    expect(screen.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('Confirm new password')).toHaveAttribute(
      'autocomplete',
      'new-password',
    );
  });

  it('says in words that every field is needed', async () => {
    await fill('', '', '');

    expect(await screen.findByText('Enter your current password.')).toBeVisible();
    expect(screen.getByText('Enter a new password.')).toBeVisible();
    http.expectNone(`${ACCOUNT_URL}/password`);
  });

  it('asks for the new password again when the confirmation is empty', async () => {
    await fill('current-password', 'a long new passphrase', '');

    expect(await screen.findByText('Enter the new password again.')).toBeVisible();
    http.expectNone(`${ACCOUNT_URL}/password`);
  });

  it('takes the user to the first field to fix', async () => {
    await fill('current-password', 'short', 'short');

    expect(screen.getByLabelText('New password')).toHaveFocus();
  });

  it('refuses a new password shorter than 12 characters', async () => {
    await fill('current-password', 'elevenchars', 'elevenchars');

    expect(await screen.findByText('The new password needs at least 12 characters.')).toBeVisible();
    http.expectNone(`${ACCOUNT_URL}/password`);
  });

  it('accepts a new password of exactly 12 characters', async () => {
    await fill('current-password', 'twelve chars', 'twelve chars');

    http.expectOne(`${ACCOUNT_URL}/password`).flush(ok(null, 'Password changed.'));
    expect(await screen.findByText('Your password has been changed.')).toBeInTheDocument();
  });

  it('accepts a confirmation typed before the new password', async () => {
    await userEvent.type(screen.getByLabelText('Current password'), 'current-password');
    await userEvent.type(screen.getByLabelText('Confirm new password'), 'a long new passphrase');
    await userEvent.type(screen.getByLabelText('New password'), 'a long new passphrase');

    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));

    http.expectOne(`${ACCOUNT_URL}/password`).flush(ok(null, 'Password changed.'));
    expect(await screen.findByText('Your password has been changed.')).toBeInTheDocument();
  });

  it('refuses a new password equal to the current one', async () => {
    await fill('the same long passphrase', 'the same long passphrase', 'the same long passphrase');

    expect(
      await screen.findByText('Choose a password different from the current one.'),
    ).toBeVisible();
    http.expectNone(`${ACCOUNT_URL}/password`);
  });

  it('refuses a confirmation that does not match', async () => {
    await fill('current-password', 'a long new passphrase', 'a long new passphrase!');

    expect(await screen.findByText('This does not match the new password.')).toBeVisible();
    http.expectNone(`${ACCOUNT_URL}/password`);
  });

  it('says so in a toast when the password has been changed, and empties the form', async () => {
    await fill('current-password', 'a long new passphrase', 'a long new passphrase');
    http.expectOne(`${ACCOUNT_URL}/password`).flush(ok(null, 'Password changed.'));

    await waitFor(() =>
      expect(
        screen.getByText('Your password has been changed.').closest('[aria-live]'),
      ).toHaveAttribute('aria-live', 'polite'),
    );
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it("shows the API's reason when it refuses", async () => {
    await fill('wrong-password', 'a long new passphrase', 'a long new passphrase');
    http.expectOne(`${ACCOUNT_URL}/password`).flush(refused('The current password is incorrect.'), {
      status: 400,
      statusText: 'Bad Request',
    });

    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The current password is incorrect.'),
    );
  });

  it('takes the refusal away once the form is being corrected', async () => {
    await fill('wrong-password', 'a long new passphrase', 'a long new passphrase');
    http.expectOne(`${ACCOUNT_URL}/password`).flush(refused('The current password is incorrect.'), {
      status: 400,
      statusText: 'Bad Request',
    });
    await screen.findByRole('alert');

    await userEvent.clear(screen.getByLabelText('Current password'));
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Enter your current password.')).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("says what is wrong as the field's description, in the hint's place", async () => {
    const newPassword = screen.getByLabelText('New password');
    expect(newPassword).toHaveAccessibleDescription(
      'At least 12 characters. A passphrase of a few words works well.',
    );
    expect(newPassword).toHaveAttribute('aria-invalid', 'false');

    await fill('current-password', 'short', 'short');

    expect(newPassword).toHaveAccessibleDescription(
      'The new password needs at least 12 characters.',
    );
    expect(newPassword).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps focus on Change password while the change is sent, and sends it once', async () => {
    await fill('current-password', 'a long new passphrase', 'a long new passphrase');
    const button = screen.getByRole('button', { name: 'Change password' });

    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    await userEvent.click(button);

    http.expectOne(`${ACCOUNT_URL}/password`).flush(ok(null, 'Password changed.'));
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
  });
});
