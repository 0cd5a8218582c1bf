import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AccountStore } from './account-store';

/** The API's rule (and NIST's advice): length matters, composition rules do not. */
const MIN_PASSWORD_LENGTH = 12;

function matchesNewPassword(control: AbstractControl): ValidationErrors | null {
  const newPassword = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value === newPassword ? null : { mismatch: true };
}

/** Changes the password: the current one, then the new one twice. Says plainly what went wrong. */
@Component({
  selector: 'pdm-change-password-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <form
      [formGroup]="form"
      (ngSubmit)="changePassword(formDirective)"
      #formDirective="ngForm"
      novalidate
    >
      <!-- Lets password managers file the new password under the right account. -->
      <input type="email" name="username" autocomplete="username" [value]="email()" hidden />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Current password</mat-label>
        <input
          matInput
          type="password"
          formControlName="currentPassword"
          autocomplete="current-password"
        />
        <mat-error>Enter your current password.</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New password</mat-label>
        <input matInput type="password" formControlName="newPassword" autocomplete="new-password" />
        <mat-hint
          >At least {{ minLength }} characters. A passphrase of a few words works well.</mat-hint
        >
        @if (form.controls.newPassword.hasError('required')) {
          <mat-error>Enter a new password.</mat-error>
        } @else {
          <mat-error>The new password needs at least {{ minLength }} characters.</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Confirm new password</mat-label>
        <input
          matInput
          type="password"
          formControlName="confirmation"
          autocomplete="new-password"
        />
        @if (form.controls.confirmation.hasError('required')) {
          <mat-error>Enter the new password again.</mat-error>
        } @else {
          <mat-error>This does not match the new password.</mat-error>
        }
      </mat-form-field>
      <p class="refusal" role="alert">{{ refusal() }}</p>
      <p class="saved" role="status">{{ saved() ? 'Your password has been changed.' : '' }}</p>
      <button mat-flat-button type="submit" [disabled]="pending()">Change password</button>
    </form>
  `,
  styles: `
    form {
      display: grid;
      gap: 4px;
      max-width: 24rem;
    }
    button {
      justify-self: start;
    }
    .refusal {
      color: var(--mat-sys-error);
    }
    /* Kept in the page when empty (no display: none) so the live regions are there to announce. */
    .refusal:empty,
    .saved:empty {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly store = inject(AccountStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The signed-in e-mail, for password managers. */
  readonly email = input.required<string>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: Validators.required }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
    }),
    confirmation: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, matchesNewPassword],
    }),
  });
  protected readonly pending = signal(false);
  protected readonly refusal = signal('');
  protected readonly saved = signal(false);

  protected async changePassword(formDirective: FormGroupDirective): Promise<void> {
    // The confirmation may have been typed before the new password changed.
    this.form.controls.confirmation.updateValueAndValidity();
    this.saved.set(false);
    this.refusal.set('');
    if (this.form.invalid) {
      // Keyboard and screen-reader users land on the first field to fix, which reads its error.
      this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid')?.focus();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.pending.set(true);
    const outcome = await this.store.changePassword(currentPassword, newPassword);
    this.pending.set(false);
    if (outcome.ok) {
      // Resetting through the directive also clears "submitted", so no field turns red.
      formDirective.resetForm();
      this.saved.set(true);
    } else {
      this.refusal.set(outcome.error);
    }
  }
}
