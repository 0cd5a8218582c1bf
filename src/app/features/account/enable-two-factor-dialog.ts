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
import { TextFieldModule } from '@angular/cdk/text-field';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CopyButton } from '../../shared/ui/copy-button';
import { ErrorBlock } from '../../shared/ui/error-block';
import { TwoFactorSetup } from './account-settings-client';
import { AccountStore } from './account-store';
import { CodeEntryForm } from './code-entry-form';
import { compactSharedKey, formatSharedKey } from './code-format';
import { QrCode } from './qr-code';
import { RecoveryCodes } from './recovery-codes';

/** The wizard's steps, in order; the user can go back from `verify` but never from `codes`. */
type EnableStep = 'scan' | 'verify' | 'codes';

/**
 * Turns on two-factor authentication: scan (or type) the new secret, prove the app has it with a
 * code, then keep the recovery codes. The pending secret and the codes live only in this dialog;
 * once the codes show, it cannot be dismissed until the user says they are stored.
 *
 * Open with the page's injector: it uses the page's `AccountStore`.
 */
@Component({
  selector: 'pdm-enable-two-factor-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TextFieldModule,
    CodeEntryForm,
    CopyButton,
    ErrorBlock,
    QrCode,
    RecoveryCodes,
  ],
  templateUrl: './enable-two-factor-dialog.html',
  styleUrl: './enable-two-factor-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnableTwoFactorDialog {
  private readonly store = inject(AccountStore);
  private readonly dialogRef = inject<MatDialogRef<EnableTwoFactorDialog, boolean>>(MatDialogRef);
  private readonly injector = inject(Injector);
  private readonly stepHeading = viewChild.required<ElementRef<HTMLElement>>('stepHeading');

  protected readonly step = signal<EnableStep>('scan');
  protected readonly email = computed(() => this.store.account()?.email ?? '');

  protected readonly setup = signal<TwoFactorSetup | null>(null);
  /** Why the setup request failed; kept while it is tried again, so the alert stays in place. */
  protected readonly setupError = signal<string | null>(null);
  protected readonly startingSetup = signal(false);
  protected readonly formattedKey = computed(() => formatSharedKey(this.setup()?.sharedKey ?? ''));
  protected readonly compactKey = computed(() => compactSharedKey(this.setup()?.sharedKey ?? ''));

  protected readonly verifying = signal(false);
  protected readonly refusal = signal<string | null>(null);

  protected readonly recoveryCodes = signal<readonly string[]>([]);
  protected readonly codesStored = signal(false);

  constructor() {
    void this.startSetup();
  }

  /** Asks the API for a new pending secret; Try again repeats exactly this request. */
  protected async startSetup(): Promise<void> {
    if (this.startingSetup()) {
      return;
    }
    this.startingSetup.set(true);
    const outcome = await this.store.startTwoFactorSetup();
    this.startingSetup.set(false);
    if (outcome.ok) {
      this.setupError.set(null);
      this.setup.set(outcome.value);
    } else {
      this.setupError.set(`Two-factor setup could not start. ${outcome.error}`);
    }
  }

  protected goTo(step: EnableStep): void {
    this.step.set(step);
    // Moving focus to the new step's heading tells screen-reader users where they are.
    afterNextRender(() => this.stepHeading().nativeElement.focus(), { injector: this.injector });
  }

  protected async enable(code: string): Promise<void> {
    this.verifying.set(true);
    this.refusal.set(null);
    const outcome = await this.store.enableTwoFactor(code);
    this.verifying.set(false);
    if (!outcome.ok) {
      this.refusal.set(outcome.error);
      return;
    }
    this.setup.set(null);
    this.recoveryCodes.set(outcome.value);
    // Two-factor is on now: closing by Escape or backdrop would lose the only copy of the codes.
    this.dialogRef.disableClose = true;
    this.goTo('codes');
  }

  protected finish(): void {
    this.dialogRef.close(true);
  }
}
