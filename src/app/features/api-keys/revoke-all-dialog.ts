import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { form, FormField, FormRoot } from '@angular/forms/signals';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { plural } from '../../shared/plural';
import { Field, FieldControl } from '../../shared/ui/field';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { RevokeAllStore } from './revoke-all-store';

export interface RevokeAllDialogData {
  /** How many active keys will stop working. */
  readonly activeCount: number;
}

/**
 * Asks before revoking every active key (the day a laptop is stolen). The user types the
 * account's name, read fresh from the API, so a reflexive click or Enter cannot confirm it.
 * Closes with `true` only once the typed name matches.
 */
@Component({
  selector: 'pdm-revoke-all-dialog',
  imports: [Field, FieldControl, FormField, FormRoot, LoadError, LoadingBar, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Revoke every key?</h2>
    <mat-dialog-content>
      <p>
        Your {{ keysText }} will stop working at once: every script and plugin that uses one fails
        with 401 Unauthorized from its next request. This cannot be undone; you can create fresh
        keys right after.
      </p>
      @if (store.accountFailure(); as reason) {
        <pdm-load-error
          what="Your account"
          [reason]="reason"
          [retrying]="store.accountStatus().kind === 'loading'"
          (retry)="store.loadAccount()"
        />
      } @else if (store.accountStatus().kind === 'loading') {
        <pdm-loading-bar label="Loading your account" />
      } @else if (accountName(); as name) {
        <form [formRoot]="confirmForm" id="revoke-all-form">
          <pdm-field label="Type your account name, {{ name }}, to confirm">
            <input
              pdmFieldControl
              [formField]="confirmForm.typed"
              autocomplete="off"
              spellcheck="false"
            />
          </pdm-field>
        </form>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button class="text-button" type="button" [mat-dialog-close]="false" cdkFocusInitial>
        Cancel
      </button>
      <button
        class="filled-button destructive"
        type="submit"
        form="revoke-all-form"
        [disabled]="!matches()"
      >
        Revoke every key
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../shared/ui/styles' as ui;

    .destructive {
      @include ui.danger-button;
    }
  `,
  providers: [RevokeAllStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RevokeAllDialog {
  protected readonly store = inject(RevokeAllStore);
  private readonly dialogRef = inject<MatDialogRef<RevokeAllDialog, boolean>>(MatDialogRef);
  private readonly data = inject<RevokeAllDialogData>(MAT_DIALOG_DATA);

  protected readonly keysText = plural(this.data.activeCount, {
    one: 'active key',
    other: 'active keys',
  });
  protected readonly accountName = computed(() => this.store.account()?.name ?? null);

  private readonly typed = signal({ typed: '' });
  protected readonly confirmForm = form(this.typed, () => undefined, {
    submission: { action: async () => this.confirm() },
  });
  protected readonly matches = computed(() => {
    const name = this.accountName();
    return name !== null && this.typed().typed.trim() === name.trim();
  });

  private confirm(): void {
    if (this.matches()) {
      this.dialogRef.close(true);
    }
  }
}
