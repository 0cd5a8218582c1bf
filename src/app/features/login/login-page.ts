import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  inputBinding,
  outputBinding,
  signal,
  viewChild,
  ViewContainerRef,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { safeReturnUrl } from '../../core/session/return-url';
import { SessionEndReason, SessionStore } from '../../core/session/session-store';
import { BrandMark } from '../../shared/ui/brand-mark';
import { AuthClient, LoginOutcome } from './auth-client';
import { LazySignInForm } from './lazy-sign-in-form';
import { lockoutSeconds, loginErrorMessage, passwordWasNotJudged } from './sign-in-errors';
import { SignInLockout } from './sign-in-lockout';
import { SingleSignOn, SingleSignOnResult } from './single-sign-on';

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

/**
 * Sign-in: e-mail and password, then, for accounts with two-factor on, the code step. The page
 * talks to the AuthClient itself rather than through a store because the one piece of state
 * between the steps, the API's TwoFactorToken, must live only in this component's memory;
 * the resulting session goes to the SessionStore.
 *
 * The form is a signal form built on the visitor's first interaction rather than with the page,
 * so that showing the page costs no `@angular/forms` code (`LazySignInForm`). That is why the two
 * inputs are bound by hand (`[value]`, `(input)`, `(blur)`) and not with `[formField]`, which
 * needs the form as the page first renders: 17.9 kB brotli more to show this page (97.4 → 115.3
 * kB, measured 2026-12-08).
 */
@Component({
  selector: 'pdm-login-page',
  imports: [SingleSignOn, BrandMark],
  templateUrl: './login-page.html',
  styleUrls: ['./sign-in-card.scss', './sign-in-controls.scss'],
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

  /** E-mail and password, typed before and after the form's code arrives. */
  protected readonly signInForm = new LazySignInForm({
    action: () => this.signIn(),
    onInvalid: () => this.focusFirstInvalidField(),
    loadFailed: () =>
      this.error.set('The sign-in form could not load. Check your connection, then try again.'),
  });
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  /** Where the code step goes while `challengeToken` is set. */
  private readonly challengeHost = viewChild('challengeHost', { read: ViewContainerRef });
  protected readonly busy = signal(false);
  protected readonly lockout = new SignInLockout();
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

  /**
   * The code step, loaded only now: few accounts reach it, and its signal form would otherwise
   * bring `@angular/forms` with the page. Built by hand rather than with `@defer (on immediate)`
   * + `@error`, whose runtime would cost every visitor of this page 1.7 kB brotli in the initial
   * chunks (90.2 → 91.9 kB, and 334.07 kB raw, over the 334 kB budget; measured 2026-12-08).
   */
  private async showChallenge(challengeToken: string): Promise<void> {
    let component: typeof import('./two-factor-challenge').TwoFactorChallenge;
    try {
      ({ TwoFactorChallenge: component } = await import('./two-factor-challenge'));
    } catch {
      this.showCredentialsAgain(
        'The code step could not load. Check your connection, then sign in again.',
      );
      return;
    }
    // Once the page shows the step's place: it may have rendered while the code loaded, or not.
    afterNextRender(
      () => {
        const host = this.challengeHost();
        if (!host || this.challengeToken() !== challengeToken) {
          return; // The step ended while it loaded.
        }
        host.createComponent(component, {
          bindings: [
            inputBinding('challengeToken', () => challengeToken),
            outputBinding<string>('verified', (token) => void this.completeSignIn(token)),
            outputBinding<string>('challengeEnded', (message) =>
              this.showCredentialsAgain(message),
            ),
            outputBinding('cancelled', () => this.showCredentialsAgain()),
          ],
        });
      },
      { injector: this.injector },
    );
  }

  protected togglePasswordVisibility(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  /** The form's submit action: runs only once every field is valid. */
  private async signIn(): Promise<void> {
    if (this.busy() || this.lockout.countdown() !== null) {
      return;
    }
    const { email, password } = this.signInForm.credentials();
    this.busy.set(true);
    this.error.set('');
    try {
      await this.continueWith(await firstValueFrom(this.auth.login(email.trim(), password)));
      this.lockout.signedIn(email);
    } catch (error: unknown) {
      this.busy.set(false);
      if (passwordWasNotJudged(error)) {
        // The server failed, not the password: keep what was typed for Try again.
        this.error.set(loginErrorMessage(error));
        this.focusFirstInvalidField();
        return;
      }
      const refusals = this.lockout.refused(email);
      this.lockout.lockFor(lockoutSeconds(error));
      this.showCredentialsAgain(loginErrorMessage(error, refusals));
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
    this.signInForm.forgetPassword();
    this.title.setTitle(titles.credentials);
    this.focusFirstInvalidField();
  }

  private startChallenge(challengeToken: string): void {
    // The password has done its job; do not keep it around while the code step is shown.
    this.signInForm.forgetPassword();
    this.busy.set(false);
    this.challengeToken.set(challengeToken);
    this.title.setTitle(titles.challenge);
    void this.showChallenge(challengeToken);
  }

  /** After render: the form may have just come back in place of the code step. */
  private focusFirstInvalidField(): void {
    afterNextRender(
      () => {
        const input =
          this.signInForm.fieldToFocus() === 'email' ? this.emailInput() : this.passwordInput();
        input?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }
}
