import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { form, FormField, FormRoot, minLength, required, validate } from '@angular/forms/signals';
import { FormErrors } from '../../shared/forms/form-errors';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Field, FieldControl } from '../../shared/ui/field';
import { Toast } from '../../shared/ui/toast';
import { AccountStore } from './account-store';

/** The API's rule (and NIST's advice): length matters, composition rules do not. */
const MIN_PASSWORD_LENGTH = 12;

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

const empty: PasswordChange = { currentPassword: '', newPassword: '', confirmation: '' };

/** Changes the password: the current one, then the new one twice. Says plainly what went wrong. */
@Component({
  selector: 'pdm-change-password-form',
  imports: [ErrorBlock, Field, FieldControl, FormField, FormRoot],
  template: `
    <form [formRoot]="form">
      <!-- Lets password managers file the new password under the right account. -->
      <input type="email" name="username" autocomplete="username" [value]="email()" hidden />
      <pdm-field label="Current password" [error]="currentPasswordErrors.first()">
        <input
          pdmFieldControl
          type="password"
          [formField]="form.currentPassword"
          autocomplete="current-password"
        />
      </pdm-field>
      <pdm-field
        label="New password"
        hint="At least {{ minLength }} characters. A passphrase of a few words works well."
        [error]="newPasswordErrors.first()"
      >
        <input
          pdmFieldControl
          type="password"
          [formField]="form.newPassword"
          autocomplete="new-password"
        />
      </pdm-field>
      <pdm-field label="Confirm new password" [error]="confirmationErrors.first()">
        <input
          pdmFieldControl
          type="password"
          [formField]="form.confirmation"
          autocomplete="new-password"
        />
      </pdm-field>
      @if (refusal(); as message) {
        <pdm-error-block [message]="message" />
      }
      <!-- aria-disabled, not disabled: focus stays on the button while the change is sent. -->
      <button class="filled-button" type="submit" [attr.aria-disabled]="pending() || null">
        Change password
      </button>
    </form>
  `,
  styles: `
    form {
      display: grid;
      gap: var(--pdm-space-4);
      max-width: 24rem;
    }
    pdm-error-block {
      margin: 0;
    }
    button {
      justify-self: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly store = inject(AccountStore);
  private readonly toast = inject(Toast);

  /** The signed-in e-mail, for password managers. */
  readonly email = input.required<string>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  private readonly model = signal<PasswordChange>(empty);
  private readonly errors = new FormErrors();
  protected readonly form = form(
    this.model,
    (path) => {
      required(path.currentPassword, { message: 'Enter your current password.' });
      required(path.newPassword, { message: 'Enter a new password.' });
      minLength(path.newPassword, MIN_PASSWORD_LENGTH, {
        message: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      });
      validate(path.newPassword, ({ value, valueOf }) =>
        value() !== '' && value() === valueOf(path.currentPassword)
          ? { kind: 'unchanged', message: 'Choose a password different from the current one.' }
          : null,
      );
      required(path.confirmation, { message: 'Enter the new password again.' });
      // Read reactively, so a confirmation typed before the new password changed is rechecked.
      validate(path.confirmation, ({ value, valueOf }) =>
        value() === '' || value() === valueOf(path.newPassword)
          ? null
          : { kind: 'mismatch', message: 'This does not match the new password.' },
      );
    },
    {
      submission: this.errors.submission({
        action: async () => this.changePassword(),
        onInvalid: (root) => {
          this.store.dismiss('passwordAction');
          // Keyboard and screen-reader users land on the first field to fix, which reads its error.
          [root.currentPassword, root.newPassword, root.confirmation]
            .find((field) => field().invalid())?.()
            .focusBoundControl();
        },
      }),
    },
  );
  protected readonly currentPasswordErrors = this.errors.field(
    () => this.form.currentPassword,
    'once-left',
  );
  protected readonly newPasswordErrors = this.errors.field(
    () => this.form.newPassword,
    'once-left',
  );
  protected readonly confirmationErrors = this.errors.field(
    () => this.form.confirmation,
    'once-left',
  );
  protected readonly pending = computed(() => this.store.passwordAction().kind === 'running');
  protected readonly refusal = computed(() => {
    const status = this.store.passwordAction();
    return status.kind === 'failed' ? status.message : '';
  });

  private async changePassword(): Promise<void> {
    if (this.pending()) {
      return;
    }
    const { currentPassword, newPassword } = this.model();
    const result = await this.store.changePassword(currentPassword, newPassword);
    if (result.kind === 'succeeded') {
      // Emptied and untouched, so no field turns red.
      this.form().reset(empty);
      this.toast.success('Your password has been changed.');
    }
  }
}
