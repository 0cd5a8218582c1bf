import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { AccountStore } from './account-store';
import { CodeEntryForm } from './code-entry-form';
import { RecoveryCodes } from './recovery-codes';

/**
 * Replaces the recovery codes after a current code confirms it, then shows the new set once.
 * The new codes live only in this dialog, which cannot be dismissed until they are stored.
 * Open with the page's injector: it uses the page's `AccountStore`.
 */
@Component({
  selector: 'pdm-regenerate-codes-dialog',
  imports: [MatDialogModule, CodeEntryForm, RecoveryCodes],
  template: `
    <h2 mat-dialog-title #heading tabindex="-1">{{ title() }}</h2>
    @if (codes().length === 0) {
      <pdm-code-entry-form
        submitLabel="Generate new codes"
        [acceptRecoveryCode]="true"
        [status]="store.regenerateAction()"
        (codeSubmitted)="regenerate($event)"
        (back)="dialogRef.close(false)"
      >
        <p>
          You get 10 new codes, and every code you have now stops working at once, including any you
          printed or saved.
        </p>
        <p>To confirm, enter a code from your app or one of your remaining recovery codes.</p>
      </pdm-code-entry-form>
    } @else {
      <mat-dialog-content>
        <p class="notice" role="status">
          New recovery codes are ready. Your old codes no longer work.
        </p>
        <p>
          Each code works once. <strong>This is the only time they are shown</strong>: keep them
          somewhere safe, such as your password manager.
        </p>
        <pdm-recovery-codes [codes]="codes()" [email]="email()" [(stored)]="codesStored" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (!codesStored()) {
          <span class="finish-hint">Tick “I have stored these codes” to finish.</span>
        }
        <button
          class="filled-button"
          type="button"
          [disabled]="!codesStored()"
          (click)="dialogRef.close(true)"
        >
          Done
        </button>
      </mat-dialog-actions>
    }
  `,
  styles: `
    h2 {
      outline: none;
    }
    .notice {
      font-weight: 500;
    }
    .finish-hint {
      margin-inline-end: auto;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegenerateCodesDialog {
  protected readonly store = inject(AccountStore);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  protected readonly dialogRef = inject<MatDialogRef<RegenerateCodesDialog, boolean>>(MatDialogRef);

  protected readonly email = computed(() => this.store.account()?.email ?? '');
  /** The new codes, shown once: they live only here. */
  protected readonly codes = signal<readonly string[]>([]);
  protected readonly codesStored = signal(false);
  protected readonly title = computed(() =>
    this.codes().length === 0 ? 'Generate new recovery codes?' : 'Your new recovery codes',
  );

  constructor() {
    // Opened afresh: not with the refusal an earlier opening ended with.
    this.store.dismiss('regenerateAction');
  }

  protected async regenerate(code: string): Promise<void> {
    const result = await this.store.regenerateRecoveryCodes(code);
    if (result.kind !== 'succeeded') {
      return;
    }
    this.codes.set(result.value);
    // The old codes are void now: Escape or a stray click must not lose the only copy of the new.
    this.dialogRef.disableClose = true;
    afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
  }
}
