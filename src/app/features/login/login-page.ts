import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { safeReturnUrl } from '../../core/session/return-url';
import { SessionEndReason, SessionStore } from '../../core/session/session-store';
import { AuthClient, LoginOutcome } from './auth-client';
import { fieldState } from './field-state';
import { loginErrorMessage } from './sign-in-errors';
import { SingleSignOn, SingleSignOnResult } from './single-sign-on';
import { TwoFactorChallenge } from './two-factor-challenge';

/** What the login page says when a session ended before it (`?reason=`). */
const endedSessionNotices: Record<SessionEndReason, string> = {
  expired: 'Your session has ended. Sign in again to continue where you left off.',
  'signed-out': 'You have signed out.',
  renew: 'Sign in again to start a new session.',
};

const titles = {
  credentials: 'Sign in · Paradarum',
  challenge: 'Two-factor authentication · Paradarum',
};

/** A simple `name@host` shape; the API has the last word on what an address is. */
const emailShape = /^[^\s@]+@[^\s@]+$/;

function emailProblem(value: string): string {
  const email = value.trim();
  if (!email) {
    return 'Enter your email address.';
  }
  return emailShape.test(email) ? '' : 'Enter an email address like name@example.com.';
}

const passwordProblem = (value: string) => (value ? '' : 'Enter your password.');

/**
 * Sign-in: e-mail and password, then, for accounts with two-factor on, the code step. The page
 * talks to the AuthClient itself rather than through a store because the one piece of state
 * between the steps, the API's TwoFactorToken, must live only in this component's memory;
 * the resulting session goes to the SessionStore.
 */
@Component({
  selector: 'pdm-login-page',
  imports: [TwoFactorChallenge, SingleSignOn],
  templateUrl: './login-page.html',
  styleUrl: './sign-in-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthClient);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly injector = inject(Injector);

  /** Where to go after signing in (query parameter, checked before use). */
  readonly returnUrl = input<string>();
  /** The return URL a single sign-on round trip carried in its state (the query lost it). */
  private readonly singleSignOnReturnUrl = signal<string | undefined>(undefined);
  /** Why the previous session ended (query parameter). */
  readonly reason = input<string>();

  protected readonly email = fieldState(emailProblem);
  protected readonly password = fieldState(passwordProblem);
  protected readonly busy = signal(false);
  protected readonly passwordVisible = signal(false);
  protected readonly error = signal('');
  /** The API's TwoFactorToken while the code step is shown; memory only, never stored. */
  protected readonly challengeToken = signal<string | null>(null);
  protected readonly notice = computed(() => {
    const reason = this.reason();
    return reason && Object.hasOwn(endedSessionNotices, reason)
      ? endedSessionNotices[reason as SessionEndReason]
      : '';
  });

  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');

  protected togglePasswordVisibility(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  protected async signIn(): Promise<void> {
    if (this.busy()) {
      return;
    }
    if (this.email.problem() || this.password.problem()) {
      this.email.touched.set(true);
      this.password.touched.set(true);
      this.focusFirstInvalidField();
      return;
    }
    const email = this.email.value();
    const password = this.password.value();
    this.busy.set(true);
    this.error.set('');
    try {
      await this.continueWith(await firstValueFrom(this.auth.login(email.trim(), password)));
    } catch (error: unknown) {
      this.busy.set(false);
      this.showCredentialsAgain(loginErrorMessage(error));
    }
  }

  /** Back from the identity provider: where the user was headed travelled there and back. */
  protected continueAfterSingleSignOn({ outcome, returnUrl }: SingleSignOnResult): Promise<void> {
    this.singleSignOnReturnUrl.set(returnUrl);
    return this.continueWith(outcome);
  }

  /** After the first factor (password or single sign-on): the session, or the code step. */
  private async continueWith(outcome: LoginOutcome): Promise<void> {
    if (outcome.kind === 'two-factor') {
      this.startChallenge(outcome.challengeToken);
    } else {
      await this.completeSignIn(outcome.token);
    }
  }

  /** Starts the session and goes where the user was headed, never outside the app. */
  protected async completeSignIn(token: string): Promise<void> {
    try {
      this.session.signIn(token);
    } catch (error: unknown) {
      this.showCredentialsAgain(apiErrorMessage(error));
      return;
    }
    // The challenge is not dropped here: the code step stays on screen, busy, until the app
    // replaces this page, instead of flashing the e-mail form and losing the focus.
    await this.router.navigateByUrl(
      safeReturnUrl(this.singleSignOnReturnUrl() ?? this.returnUrl()),
    );
  }

  /** Back to e-mail and password, the challenge token dropped, saying why when there is a why. */
  protected showCredentialsAgain(message = ''): void {
    this.challengeToken.set(null);
    this.busy.set(false);
    this.error.set(message);
    this.passwordVisible.set(false);
    this.password.reset();
    this.title.setTitle(titles.credentials);
    this.focusFirstInvalidField();
  }

  private startChallenge(challengeToken: string): void {
    // The password has done its job; do not keep it around while the code step is shown.
    this.password.reset();
    this.busy.set(false);
    this.challengeToken.set(challengeToken);
    this.title.setTitle(titles.challenge);
  }

  private focusFirstInvalidField(): void {
    afterNextRender(
      () => {
        const field = this.email.problem() ? this.emailInput() : this.passwordInput();
        field?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }
}
