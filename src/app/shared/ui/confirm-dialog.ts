import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

/** What a {@link ConfirmDialog} asks. */
export interface ConfirmDialogData {
  /** The dialog's heading and accessible name, e.g. "Purge everything?". */
  readonly title: string;
  /** What will happen, in plain words; rendered as text, never as markup. */
  readonly message: string;
  /** The confirm button's label, naming the action ("Purge everything", not "OK"). */
  readonly confirmLabel: string;
  /** Colours the confirm button as a destructive action. */
  readonly destructive?: boolean;
}

/**
 * Asks the user to confirm one action. Open it with `Dialogs.confirm`, which fetches it on first
 * use and resolves `true` only when the user confirmed (Cancel, Escape or a click outside: false):
 *
 * ```ts
 * const confirmed = await this.dialogs.confirm({
 *   title: `Revoke “${key.name}”?`,
 *   message: 'Scripts using this key stop working at once.',
 *   confirmLabel: 'Revoke key',
 *   destructive: true,
 * });
 * if (confirmed) this.store.revoke(key);
 * ```
 *
 * Cancel takes the initial focus so that a hurried Enter never triggers the destructive action.
 */
@Component({
  selector: 'pdm-confirm-dialog',
  imports: [MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="message">{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button class="text-button" type="button" [mat-dialog-close]="false" cdkFocusInitial>
        Cancel
      </button>
      <button
        class="filled-button"
        type="button"
        [class.destructive]="data.destructive"
        [mat-dialog-close]="true"
      >
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    @use './styles' as ui;

    .message {
      margin: 0;
      white-space: pre-line;
    }
    .destructive {
      @include ui.danger-button;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}
