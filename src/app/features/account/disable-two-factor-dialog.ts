import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { AccountStore } from './account-store';
import { CodeEntryForm } from './code-entry-form';

/**
 * Turns two-factor authentication off once a current code proves the owner is at the keyboard.
 * Open with the page's injector: it uses the page's `AccountStore`.
 */
@Component({
  selector: 'pdm-disable-two-factor-dialog',
  imports: [MatDialogModule, CodeEntryForm],
  template: `
    <h2 mat-dialog-title>Turn off two-factor authentication?</h2>
    <pdm-code-entry-form
      submitLabel="Turn off two-factor"
      [destructive]="true"
      [acceptRecoveryCode]="true"
      [status]="store.disableAction()"
      (codeSubmitted)="disable($event)"
      (back)="dialogRef.close(false)"
    >
      <p>
        Signing in will then need only your password, so anyone who learns it can get in. Your
        recovery codes will stop working, and the authenticator app entry can be deleted.
      </p>
      <p>To confirm, enter a code from your app or one of your recovery codes.</p>
    </pdm-code-entry-form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisableTwoFactorDialog {
  protected readonly store = inject(AccountStore);
  protected readonly dialogRef =
    inject<MatDialogRef<DisableTwoFactorDialog, boolean>>(MatDialogRef);

  constructor() {
    // Opened afresh: not with the refusal an earlier opening ended with.
    this.store.dismiss('disableAction');
  }

  protected async disable(code: string): Promise<void> {
    const result = await this.store.disableTwoFactor(code);
    if (result.kind === 'succeeded') {
      this.dialogRef.close(true);
    }
  }
}
