import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';
import {
  isAuthenticatorCode,
  isRecoveryCode,
  normalizeAuthenticatorCode,
  normalizeRecoveryCode,
} from '../../shared/two-factor-code';
import { AuthClient } from './auth-client';
import { FieldState, fieldState } from './field-state';
import { challengeFailure } from './sign-in-errors';

function totpProblem(value: string): string {
  return isAuthenticatorCode(value) ? '' : 'Enter the 6-digit code from your authenticator app.';
}

function recoveryCodeProblem(value: string): string {
  return isRecoveryCode(value) ? '' : 'Enter a recovery code in the format xxxxx-xxxxx.';
}

/**
 * Step two of signing in to an account with two-factor authentication on: a code from the
 * authenticator app, or one of the recovery codes. The challenge token is an input and lives
 * only in the login page's memory; nothing is resent on its own.
 */
@Component({
  selector: 'pdm-two-factor-challenge',
  templateUrl: './two-factor-challenge.html',
  styleUrls: ['./sign-in-card.scss', './two-factor-challenge.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorChallenge {
  private readonly auth = inject(AuthClient);
  private readonly injector = inject(Injector);

  /** The API's TwoFactorToken from step one. */
  readonly challengeToken = input.required<string>();
  /** The session JWT, once a code is accepted. */
  readonly verified = output<string>();
  /** The challenge is over (void, expired, locked): why, in words, for the login page to say. */
  readonly challengeEnded = output<string>();
  /** The user gave up on this challenge and wants the email and password form back. */
  readonly cancelled = output();

  protected readonly useRecoveryCode = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly totpCode = fieldState(totpProblem);
  protected readonly recoveryCode = fieldState(recoveryCodeProblem);
  /** The field shown: the authenticator code or the recovery code, each keeping what was typed. */
  protected readonly code = computed(() =>
    this.useRecoveryCode() ? this.recoveryCode : this.totpCode,
  );

  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');
  private readonly startedAt = Date.now();
  private wrongCodes = 0;

  constructor() {
    // The login form this step replaces had focus; put it where the user types next.
    this.focusCodeInput();
  }

  protected switchCodeKind(useRecoveryCode: boolean): void {
    this.useRecoveryCode.set(useRecoveryCode);
    this.error.set('');
    this.focusCodeInput();
  }

  protected async verify(): Promise<void> {
    if (this.busy()) {
      return;
    }
    const recovery = this.useRecoveryCode();
    const field = this.code();
    if (field.problem()) {
      field.touched.set(true);
      this.codeInput().nativeElement.focus();
      return;
    }
    const code = recovery
      ? normalizeRecoveryCode(field.value())
      : normalizeAuthenticatorCode(field.value());
    this.busy.set(true);
    this.error.set('');
    try {
      this.verified.emit(
        await firstValueFrom(this.auth.verifyTwoFactor(this.challengeToken(), code)),
      );
    } catch (error: unknown) {
      this.busy.set(false);
      this.handleFailure(error, field, recovery);
    }
  }

  private handleFailure(error: unknown, field: FieldState, recovery: boolean): void {
    if (error instanceof HttpErrorResponse && error.status === 401) {
      this.wrongCodes += 1;
    }
    const failure = challengeFailure(error, {
      wrongCodes: this.wrongCodes,
      elapsedMs: Date.now() - this.startedAt,
      recoveryCode: recovery,
    });
    if (failure.kind === 'ended') {
      this.challengeEnded.emit(failure.message);
      return;
    }
    this.error.set(failure.message);
    field.reset();
    this.codeInput().nativeElement.focus();
  }

  private focusCodeInput(): void {
    afterNextRender(() => this.codeInput().nativeElement.focus(), { injector: this.injector });
  }
}
