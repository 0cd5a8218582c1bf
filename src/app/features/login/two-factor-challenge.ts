import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FieldTree, form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { firstValueFrom } from 'rxjs';
import { FormErrors } from '../../shared/forms/form-errors';
import { type AcceptedCode, codeProblem, normalizedCode } from '../../shared/two-factor-code';
import { AuthClient } from './auth-client';
import { challengeFailure } from './two-factor-errors';

/** The shared rule and words for a code, as this form's validation error. */
function codeError(typed: string, accepted: AcceptedCode) {
  const message = codeProblem(typed, accepted);
  return message === null ? null : { kind: 'code', message };
}

/** Both kinds keep what was typed, so switching back and forth loses nothing. */
interface Codes {
  totp: string;
  recovery: string;
}

/**
 * Step two of signing in to an account with two-factor authentication on: a code from the
 * authenticator app, or one of the recovery codes. The challenge token is an input and lives
 * only in the login page's memory; nothing is resent on its own.
 */
@Component({
  selector: 'pdm-two-factor-challenge',
  templateUrl: './two-factor-challenge.html',
  styleUrls: ['./sign-in-controls.scss', './two-factor-challenge.scss'],
  imports: [FormField, FormRoot],
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
  private readonly codes = signal<Codes>({ totp: '', recovery: '' });
  private readonly errors = new FormErrors();
  /** Only the field shown is checked: the other one is not what the user is sending. */
  protected readonly codeForm = form(
    this.codes,
    (path) => {
      validate(path.totp, ({ value }) =>
        this.useRecoveryCode() ? null : codeError(value(), 'authenticator'),
      );
      validate(path.recovery, ({ value }) =>
        this.useRecoveryCode() ? codeError(value(), 'recovery') : null,
      );
    },
    {
      submission: this.errors.submission({
        action: async () => this.verify(),
        onInvalid: () => this.shownField()().focusBoundControl(),
      }),
    },
  );
  /** Said once the field was left; a refused code empties it, which hides it again. */
  protected readonly totpErrors = this.errors.field(() => this.codeForm.totp, 'once-left');
  protected readonly recoveryErrors = this.errors.field(() => this.codeForm.recovery, 'once-left');
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

  /** The form's submit action: runs only once the code shown has the right shape. */
  private async verify(): Promise<void> {
    if (this.busy()) {
      return;
    }
    const recovery = this.useRecoveryCode();
    const field = this.shownField();
    const code = normalizedCode(field().value(), recovery ? 'recovery' : 'authenticator') ?? '';
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

  private handleFailure(error: unknown, field: FieldTree<string>, recovery: boolean): void {
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
    // Emptied and untouched: the alert says what went wrong, the field need not say it twice.
    field().reset('');
    field().focusBoundControl();
  }

  /** The field on screen: the authenticator code or the recovery code. */
  private shownField() {
    return this.useRecoveryCode() ? this.codeForm.recovery : this.codeForm.totp;
  }

  /** After render: switching kinds replaces the input that would be focused. */
  private focusCodeInput(): void {
    afterNextRender(() => this.shownField()().focusBoundControl(), { injector: this.injector });
  }
}
