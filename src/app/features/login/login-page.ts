import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
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
import type { FieldTree } from '@angular/forms/signals';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { safeReturnUrl } from '../../core/session/return-url';
import { SessionEndReason, SessionStore } from '../../core/session/session-store';
import { BrandMark } from '../../shared/ui/brand-mark';
import { AuthClient, LoginOutcome } from './auth-client';
import type { Credentials, submitSignInForm } from './sign-in-form';
import { lockoutSeconds, loginErrorMessage, passwordWasNotJudged } from './sign-in-errors';
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

/** The loaded signal form and its submit, which arrive together. */
interface LoadedSignInForm {
  form: FieldTree<Credentials>;
  submit: typeof submitSignInForm;
}

/**
 * Sign-in: e-mail and password, then, for accounts with two-factor on, the code step. The page
 * talks to the AuthClient itself rather than through a store because the one piece of state
 * between the steps, the API's TwoFactorToken, must live only in this component's memory;
 * the resulting session goes to the SessionStore.
 *
 * The form is a signal form over `credentials`, built on the visitor's first interaction rather
 * than with the page, so that showing the page costs no `@angular/forms` code (see
 * `sign-in-form.ts`); what is typed before it arrives is already in `credentials`.
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

  protected readonly credentials = signal<Credentials>({ email: '', password: '' });
  /** The signal form over `credentials`, once `loadSignInForm` has built it. */
  protected readonly signInForm = signal<FieldTree<Credentials> | undefined>(undefined);
  private signInFormLoad?: Promise<LoadedSignInForm | undefined>;
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  /** Where the code step goes while `challengeToken` is set. */
  private readonly challengeHost = viewChild('challengeHost', { read: ViewContainerRef });
  protected readonly busy = signal(false);
  /**
   * Refused sign-ins in a row, per e-mail address as typed (trimmed, lower case), to warn before
   * the API's lockout. Memory only; the API keeps the real count.
   */
  private readonly failures = new Map<string, number>();
  /** When a lockout the API announced ends (epoch ms), while it lasts. */
  private readonly lockedUntil = signal<number | null>(null);
  private readonly now = signal(Date.now());
  /** "4:59" while locked, for the countdown beside the disabled button; null otherwise. */
  protected readonly lockoutCountdown = computed(() => {
    const until = this.lockedUntil();
    const seconds = until === null ? 0 : Math.ceil((until - this.now()) / 1000);
    return seconds > 0
      ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
      : null;
  });
  private countdownTimer: ReturnType<typeof setInterval> | undefined;
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

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.countdownTimer));
    effect(() => {
      const host = this.challengeHost();
      const token = this.challengeToken();
      if (host && token) {
        void this.showChallenge(host, token);
      }
    });
  }

  /**
   * Loads and builds the signal form, once: on the first focus in the form, or on submit. A
   * failed load (offline, a new deployment) says so and is tried again on the next interaction.
   */
  protected loadSignInForm(): Promise<LoadedSignInForm | undefined> {
    const load = (this.signInFormLoad ??= import('./sign-in-form').then(
      ({ createSignInForm, submitSignInForm: submit }) => {
        const form = createSignInForm(
          this.credentials,
          { action: () => this.signIn(), onInvalid: () => this.focusFirstInvalidField() },
          this.injector,
        );
        this.signInForm.set(form);
        return { form, submit };
      },
      () => {
        this.signInFormLoad = undefined;
        this.error.set('The sign-in form could not load. Check your connection, then try again.');
        return undefined;
      },
    ));
    return load;
  }

  protected async submitSignIn(event: Event): Promise<void> {
    // The browser must not navigate: the form's own submit runs, after its code has loaded.
    event.preventDefault();
    const loaded = await this.loadSignInForm();
    await loaded?.submit(loaded.form);
  }

  protected updateCredentials(field: keyof Credentials, event: Event): void {
    const { value } = event.target as HTMLInputElement;
    this.credentials.update((credentials) => ({ ...credentials, [field]: value }));
  }

  /** Leaving a field flags it, even when it was left before the form had loaded. */
  protected markTouched(field: keyof Credentials): void {
    void this.loadSignInForm().then((loaded) => loaded?.form[field]().markAsTouched());
  }

  /**
   * The code step, loaded only now: few accounts reach it, and its signal form would otherwise
   * bring `@angular/forms` with the page.
   */
  private async showChallenge(host: ViewContainerRef, challengeToken: string): Promise<void> {
    let component: typeof import('./two-factor-challenge').TwoFactorChallenge;
    try {
      ({ TwoFactorChallenge: component } = await import('./two-factor-challenge'));
    } catch {
      this.showCredentialsAgain(
        'The code step could not load. Check your connection, then sign in again.',
      );
      return;
    }
    if (this.challengeHost() !== host || this.challengeToken() !== challengeToken) {
      return; // The step ended while it loaded.
    }
    host.createComponent(component, {
      bindings: [
        inputBinding('challengeToken', () => challengeToken),
        outputBinding<string>('verified', (token) => void this.completeSignIn(token)),
        outputBinding<string>('challengeEnded', (message) => this.showCredentialsAgain(message)),
        outputBinding('cancelled', () => this.showCredentialsAgain()),
      ],
    });
  }

  protected togglePasswordVisibility(): void {
    this.passwordVisible.update((visible) => !visible);
  }

  /** The form's submit action: runs only once every field is valid. */
  private async signIn(): Promise<void> {
    if (this.busy() || this.lockoutCountdown() !== null) {
      return;
    }
    const { email, password } = this.credentials();
    const account = email.trim().toLowerCase();
    this.busy.set(true);
    this.error.set('');
    try {
      await this.continueWith(await firstValueFrom(this.auth.login(email.trim(), password)));
      this.failures.delete(account);
    } catch (error: unknown) {
      this.busy.set(false);
      if (passwordWasNotJudged(error)) {
        // The server failed, not the password: keep what was typed for Try again.
        this.error.set(loginErrorMessage(error));
        this.focusFirstInvalidField();
        return;
      }
      const failures = (this.failures.get(account) ?? 0) + 1;
      this.failures.set(account, failures);
      this.startLockoutCountdown(lockoutSeconds(error));
      this.showCredentialsAgain(loginErrorMessage(error, failures));
    }
  }

  /** Ticks once a second while a lockout lasts, then lets the button work again. */
  private startLockoutCountdown(seconds: number | null): void {
    if (seconds === null) {
      return;
    }
    this.lockedUntil.set(Date.now() + seconds * 1000);
    this.now.set(Date.now());
    clearInterval(this.countdownTimer);
    this.countdownTimer = setInterval(() => {
      this.now.set(Date.now());
      if (this.lockoutCountdown() === null) {
        clearInterval(this.countdownTimer);
        this.lockedUntil.set(null);
        this.failures.clear();
      }
    }, 1000);
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
    this.forgetPassword();
    this.title.setTitle(titles.credentials);
    this.focusFirstInvalidField();
  }

  private startChallenge(challengeToken: string): void {
    // The password has done its job; do not keep it around while the code step is shown.
    this.forgetPassword();
    this.busy.set(false);
    this.challengeToken.set(challengeToken);
    this.title.setTitle(titles.challenge);
  }

  /**
   * Empties the password and forgets it was touched, so the emptied field is not flagged: the
   * alert already says what went wrong.
   */
  private forgetPassword(): void {
    const form = this.signInForm();
    if (form) {
      form.password().reset('');
    } else {
      this.credentials.update((credentials) => ({ ...credentials, password: '' }));
    }
  }

  /** After render: the form may have just come back in place of the code step. */
  private focusFirstInvalidField(): void {
    afterNextRender(
      () => {
        // Before the form has loaded nothing is known to be wrong: the e-mail comes first.
        const form = this.signInForm();
        const input = !form || form.email().invalid() ? this.emailInput() : this.passwordInput();
        input?.nativeElement.focus();
      },
      { injector: this.injector },
    );
  }
}
