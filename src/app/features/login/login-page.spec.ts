import { HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { authInterceptor } from '../../core/session/auth.interceptor';
import { SessionStore } from '../../core/session/session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { LoginPage } from './login-page';
import { WRONG_CREDENTIALS } from './sign-in-errors';
import { TOO_MANY_WRONG_CODES } from './two-factor-errors';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

@Component({ template: '<h1>Elsewhere in the app</h1>' })
class AppStub {}

const loginUrl = 'https://panel.test/api/Auth/Login';
const verifyUrl = 'https://panel.test/api/Auth/2fa/verify';
const unauthorized = { status: 401, statusText: 'Unauthorized' };

async function setUp(inputs: { returnUrl?: string; reason?: string } = {}) {
  await render(LoginPage, {
    inputs,
    providers: [
      provideTestRuntimeConfig({
        apiBaseUrl: 'https://panel.test/api',
        sessionPersistence: 'session',
        oidc: null,
      }),
      provideRouter([{ path: '**', component: AppStub }]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  return {
    user: userEvent.setup(),
    backend: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    session: TestBed.inject(SessionStore),
  };
}

const emailField = () => screen.getByRole('textbox', { name: 'Email' });
const passwordField = () => screen.getByLabelText('Password', { selector: 'input' });
const signInButton = () => screen.getByRole('button', { name: 'Sign in' });
const settle = () => new Promise((resolve) => setTimeout(resolve));

async function submitCredentials(user: ReturnType<typeof userEvent.setup>) {
  await user.type(emailField(), 'demo@paradarum.test');
  await user.type(passwordField(), 'Paradarum-demo-1{Enter}');
}

function answerLogin(backend: HttpTestingController, data: object) {
  backend.expectOne(loginUrl).flush({ succeeded: true, message: '', data });
}

function refuseLogin(
  backend: HttpTestingController,
  status: number,
  headers: Record<string, string> = {},
) {
  backend
    .expectOne(loginUrl)
    .flush(
      { succeeded: false, message: 'Refused.', data: null },
      { status, statusText: 'Refused', headers: new HttpHeaders(headers) },
    );
}

describe('LoginPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('labels its fields for people and for password managers', async () => {
    await setUp();

    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(emailField()).toHaveAttribute('autocomplete', 'username');
    expect(passwordField()).toHaveAttribute('autocomplete', 'current-password');
    expect(passwordField()).toHaveAttribute('type', 'password');
  });

  it('shows the password on request and says the toggle is pressed', async () => {
    const { user } = await setUp();
    const toggle = screen.getByRole('button', { name: 'Show password' });

    await user.click(toggle);

    expect(passwordField()).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await user.click(toggle);

    expect(passwordField()).toHaveAttribute('type', 'password');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  it('asks for what is missing instead of sending an empty form', async () => {
    const { user } = await setUp();

    await user.click(signInButton());

    expect(await screen.findByText('Enter your email address.')).toBeVisible();
    expect(screen.getByText('Enter your password.')).toBeVisible();
    expect(emailField()).toHaveFocus();
  });

  it('flags a field only once it was left, describing what is wrong', async () => {
    const { user } = await setUp();

    await user.click(emailField());
    expect(emailField()).toHaveAttribute('aria-invalid', 'false');
    await user.tab();

    expect(emailField()).toHaveAttribute('aria-invalid', 'true');
    expect(emailField()).toHaveAccessibleDescription('Enter your email address.');
    expect(passwordField()).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument();
  });

  it('asks for an e-mail address shaped like one', async () => {
    const { user } = await setUp();

    await user.type(emailField(), 'demo');
    await user.tab();

    expect(emailField()).toHaveAccessibleDescription(
      'Enter an email address like name@example.com.',
    );
  });

  it('takes the error away as soon as the field is right', async () => {
    const { user } = await setUp();
    await user.click(signInButton());

    await user.type(passwordField(), 'x');

    expect(passwordField()).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument();
  });

  it('sends the e-mail, without stray spaces, as username and the password to Login on Enter', async () => {
    const { user, backend } = await setUp();

    await user.type(emailField(), ' demo@paradarum.test ');
    await user.type(passwordField(), 'Paradarum-demo-1{Enter}');

    expect(backend.expectOne(loginUrl).request.body).toEqual({
      username: 'demo@paradarum.test',
      password: 'Paradarum-demo-1',
    });
  });

  it('signs in only once while the first attempt is on its way', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    await user.click(signInButton());

    expect(backend.match(loginUrl)).toHaveLength(1);
    expect(signInButton()).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Signing in…');
  });

  it('starts the session and goes back to where the user was headed', async () => {
    const { user, backend, router, session } = await setUp({ returnUrl: '/properties/7' });
    const token = fakeJwt();

    await submitCredentials(user);
    answerLogin(backend, { Token: token, Message: 'Success' });
    await settle();

    expect(session.token()).toBe(token);
    expect(router.url).toBe('/properties/7');
  });

  it('never follows a return URL out of the app', async () => {
    const { user, backend, router } = await setUp({ returnUrl: '//evil.com/phish' });

    await submitCredentials(user);
    answerLogin(backend, { Token: fakeJwt(), Message: 'Success' });
    await settle();

    expect(router.url).toBe('/');
  });

  it('says the e-mail or password is wrong, keeps the e-mail and clears the password', async () => {
    const { user, backend, session } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 401);

    expect(await screen.findByRole('alert')).toHaveTextContent(WRONG_CREDENTIALS);
    expect(emailField()).toHaveValue('demo@paradarum.test');
    expect(passwordField()).toHaveValue('');
    expect(session.isSignedIn()).toBe(false);
  });

  it('says "Error:" to screen readers before a refusal, as every error of the panel does', async () => {
    const { user, backend } = await setUp();

    expect(screen.getByRole('alert')).toHaveTextContent(/^$/);
    await submitCredentials(user);
    refuseLogin(backend, 401);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.trim()).toBe(`Error: ${WRONG_CREDENTIALS}`);
  });

  it('does not flag the cleared password as a second error after refused credentials', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 401);

    await screen.findByRole('alert');
    expect(screen.queryByText('Enter your password.')).not.toBeInTheDocument();
    expect(passwordField()).toHaveAttribute('aria-invalid', 'false');
    expect(passwordField()).toHaveFocus();
  });

  it('says how long a locked account must wait', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 429, { 'Retry-After': '240' });

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 4 minutes.');
  });

  it('warns from the third refusal in a row how many tries are left before the lockout', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 401);
    await user.type(passwordField(), 'second-guess{Enter}');
    refuseLogin(backend, 401);
    expect(await screen.findByRole('alert')).toHaveTextContent(WRONG_CREDENTIALS);
    expect(screen.getByRole('alert')).not.toHaveTextContent(/left before/);
    await user.type(passwordField(), 'third-guess{Enter}');
    refuseLogin(backend, 401);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '2 tries left before a 5-minute lockout.',
    );
  });

  it('counts down a lockout with the Sign in button disabled', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 429, { 'Retry-After': '300' });

    expect(await screen.findByText(/You can try again in/)).toHaveTextContent('5:00');
    expect(signInButton()).toHaveAttribute('aria-disabled', 'true');
    await user.type(passwordField(), 'hunter2');
    await user.click(signInButton());
    backend.expectNone(loginUrl);
  });

  it('keeps the password after a server failure: it was not judged wrong', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 503);

    await screen.findByRole('alert');
    expect(passwordField()).not.toHaveValue('');
  });

  it('says when the API cannot be reached', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    backend.expectOne(loginUrl).error(new ProgressEvent('error'), { status: 0 });

    expect(await screen.findByRole('alert')).toHaveTextContent('cannot be reached');
  });

  it('says something unexpected happened on a server failure', async () => {
    const { user, backend } = await setUp();

    await submitCredentials(user);
    refuseLogin(backend, 500);

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
  });

  it('explains why the previous session ended', async () => {
    await setUp({ reason: 'expired' });

    expect(screen.getByText(/Your session has ended/)).toBeVisible();
  });

  describe('with two-factor authentication on', () => {
    async function reachChallenge() {
      const context = await setUp({ returnUrl: '/api-keys' });
      await submitCredentials(context.user);
      answerLogin(context.backend, { RequiresTwoFactor: true, TwoFactorToken: 'challenge-123' });
      await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
      return context;
    }

    it('asks for the code, keeping the challenge out of the URL and of storage', async () => {
      const { router } = await reachChallenge();
      await settle();

      expect(screen.getByRole('textbox', { name: 'Authentication code' })).toHaveFocus();
      expect(router.url).not.toContain('challenge-123');
      expect(JSON.stringify({ ...sessionStorage })).not.toContain('challenge-123');
      expect(localStorage.length).toBe(0);
    });

    it('signs in with the code and goes where the user was headed', async () => {
      const { user, backend, router, session } = await reachChallenge();
      const token = fakeJwt();

      await user.type(
        screen.getByRole('textbox', { name: 'Authentication code' }),
        '123456{Enter}',
      );
      backend.expectOne(verifyUrl).flush({ succeeded: true, message: '', data: { Token: token } });
      await settle();

      expect(session.token()).toBe(token);
      expect(router.url).toBe('/api-keys');
    });

    it('goes back to the e-mail and password after too many wrong codes, saying why', async () => {
      const { user, backend } = await reachChallenge();

      for (let attempt = 1; attempt <= 5; attempt++) {
        const field = await screen.findByRole('textbox', { name: 'Authentication code' });
        await user.type(field, '000000{Enter}');
        backend.expectOne(verifyUrl).flush(null, unauthorized);
        await settle();
      }

      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      expect(screen.getAllByRole('alert')[0]).toHaveTextContent(TOO_MANY_WRONG_CODES);
      expect(emailField()).toHaveValue('demo@paradarum.test');
      expect(passwordField()).toHaveFocus();
    });

    it('goes back to the e-mail and password on Cancel', async () => {
      const { user } = await reachChallenge();

      await user.click(screen.getByRole('button', { name: 'Cancel' }));

      expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    });
  });
});
