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
import { failureShown } from '../../core/state/action';
import { CopyButton } from '../../shared/ui/copy-button';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Field, FieldControl } from '../../shared/ui/field';
import { LoadingBar } from '../../shared/ui/loading-bar';
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
    MatDialogModule,
    CodeEntryForm,
    CopyButton,
    ErrorBlock,
    Field,
    FieldControl,
    LoadingBar,
    QrCode,
    RecoveryCodes,
  ],
  templateUrl: './enable-two-factor-dialog.html',
  styleUrl: './enable-two-factor-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnableTwoFactorDialog {
  protected readonly store = inject(AccountStore);
  private readonly dialogRef = inject<MatDialogRef<EnableTwoFactorDialog, boolean>>(MatDialogRef);
  private readonly injector = inject(Injector);
  private readonly stepHeading = viewChild.required<ElementRef<HTMLElement>>('stepHeading');

  protected readonly step = signal<EnableStep>('scan');
  protected readonly email = computed(() => this.store.account()?.email ?? '');

  /** The pending secret: only here, from the setup's result until two-factor is on. */
  protected readonly setup = signal<TwoFactorSetup | null>(null);
  protected readonly startingSetup = computed(() => this.store.setupAction().kind === 'running');
  /**
   * Why the setup failed, kept while Try again runs it again, so the alert stays in place and
   * its button says "Trying again…"; gone once the setup succeeds.
   */
  protected readonly setupError = computed(
    () => failureShown(this.store.setupAction())?.message ?? null,
  );
  protected readonly formattedKey = computed(() => formatSharedKey(this.setup()?.sharedKey ?? ''));
  protected readonly compactKey = computed(() => compactSharedKey(this.setup()?.sharedKey ?? ''));

  /** The first recovery codes, shown once: they live only here. */
  protected readonly recoveryCodes = signal<readonly string[]>([]);
  protected readonly codesStored = signal(false);

  constructor() {
    // Opened afresh: not with the refusal an earlier opening ended with.
    this.store.dismiss('enableAction');
    void this.startSetup();
  }

  /** Asks the API for a new pending secret; Try again repeats exactly this request. */
  protected async startSetup(): Promise<void> {
    const result = await this.store.startTwoFactorSetup();
    if (result.kind === 'succeeded') {
      this.setup.set(result.value);
    }
  }

  protected goTo(step: EnableStep): void {
    this.step.set(step);
    // Moving focus to the new step's heading tells screen-reader users where they are.
    afterNextRender(() => this.stepHeading().nativeElement.focus(), { injector: this.injector });
  }

  protected async enable(code: string): Promise<void> {
    const result = await this.store.enableTwoFactor(code);
    if (result.kind !== 'succeeded') {
      return;
    }
    this.setup.set(null);
    this.recoveryCodes.set(result.value);
    // Two-factor is on now: closing by Escape or backdrop would lose the only copy of the codes.
    this.dialogRef.disableClose = true;
    this.goTo('codes');
  }

  protected finish(): void {
    this.dialogRef.close(true);
  }
}
