import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { TOO_MANY_WRONG_CODES } from './two-factor-errors';
import { TwoFactorChallenge } from './two-factor-challenge';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

const verifyUrl = 'https://panel.test/api/Auth/2fa/verify';
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const refused = { succeeded: false, message: 'Invalid code.', data: null };

async function setUp() {
  const verified = jest.fn<void, [string]>();
  const challengeEnded = jest.fn<void, [string]>();
  const cancelled = jest.fn<void, []>();
  await render(TwoFactorChallenge, {
    inputs: { challengeToken: 'challenge-123' },
    on: { verified, challengeEnded, cancelled },
    providers: [
      provideTestRuntimeConfig({
        apiBaseUrl: 'https://panel.test/api',
        sessionPersistence: 'memory',
        oidc: null,
      }),
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  return {
    user: userEvent.setup(),
    backend: TestBed.inject(HttpTestingController),
    verified,
    challengeEnded,
    cancelled,
  };
}

const codeField = () => screen.getByRole('textbox', { name: 'Authentication code' });
const verifyButton = () => screen.getByRole('button', { name: 'Verify' });

describe('TwoFactorChallenge', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for the authenticator code, ready for one-time-code autofill on a numeric keypad', async () => {
    await setUp();

    expect(codeField()).toHaveAttribute('inputmode', 'numeric');
    expect(codeField()).toHaveAttribute('autocomplete', 'one-time-code');
    expect(codeField()).toHaveFocus();
  });

  it('sends the code without the spaces an authenticator app shows', async () => {
    const { user, backend } = await setUp();

    await user.type(codeField(), '123 456{Enter}');

    expect(backend.expectOne(verifyUrl).request.body).toEqual({
      twoFactorToken: 'challenge-123',
      code: '123456',
    });
  });

  it('hands over the session token when the code is accepted', async () => {
    const { user, backend, verified } = await setUp();

    await user.type(codeField(), '123456');
    await user.click(verifyButton());
    backend
      .expectOne(verifyUrl)
      .flush({ succeeded: true, message: '', data: { Token: 'jwt', Message: 'Success' } });
    await screen.findByRole('button', { name: 'Verify' });

    expect(verified).toHaveBeenCalledWith('jwt');
  });

  it('does not send a code that is not 6 digits', async () => {
    const { user } = await setUp();

    await user.type(codeField(), '12345{Enter}');

    expect(
      await screen.findByText('Enter the 6-digit code from your authenticator app.'),
    ).toBeVisible();
    expect(codeField()).toHaveAttribute('aria-invalid', 'true');
    expect(codeField()).toHaveAccessibleDescription(
      'Enter the 6-digit code from your authenticator app.',
    );
    expect(codeField()).toHaveFocus();
  });

  it('describes the code expected until something is wrong with it', async () => {
    await setUp();

    expect(codeField()).toHaveAccessibleDescription('6 digits');
    expect(codeField()).toHaveAttribute('aria-invalid', 'false');
  });

  it('switches to a recovery code, saying so, and back', async () => {
    const { user } = await setUp();
    const toggle = screen.getByRole('switch', { name: 'Use a recovery code' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');

    await user.click(toggle);

    expect(toggle).toHaveAttribute('aria-checked', 'true');
    const field = screen.getByRole('textbox', { name: 'Recovery code' });
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription('Format: xxxxx-xxxxx');

    await user.click(toggle);

    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(codeField()).toHaveFocus();
  });

  it('does not send a recovery code in another shape', async () => {
    const { user } = await setUp();

    await user.click(screen.getByRole('switch', { name: 'Use a recovery code' }));
    await user.type(screen.getByRole('textbox', { name: 'Recovery code' }), 'HXQ6F{Enter}');

    expect(screen.getByRole('textbox', { name: 'Recovery code' })).toHaveAccessibleDescription(
      'Enter a recovery code in the format xxxxx-xxxxx.',
    );
  });

  it('says a wrong code was wrong and lets the user try again', async () => {
    const { user, backend, challengeEnded } = await setUp();

    await user.type(codeField(), '000000{Enter}');
    backend.expectOne(verifyUrl).flush(refused, unauthorized);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That code is not valid.');
    expect(alert.textContent?.trim()).toMatch(/^Error: /);
    expect(codeField()).toHaveValue('');
    expect(codeField()).toHaveAttribute('aria-invalid', 'false');
    expect(codeField()).toHaveFocus();
    expect(challengeEnded).not.toHaveBeenCalled();
  });

  it('does not count an unreachable API as a wrong code', async () => {
    const { user, backend, challengeEnded } = await setUp();

    for (let attempt = 1; attempt <= 4; attempt++) {
      await user.type(codeField(), '123456{Enter}');
      backend.expectOne(verifyUrl).error(new ProgressEvent('error'), { status: 0 });
      await screen.findByRole('button', { name: 'Verify' });
    }
    await user.clear(codeField());
    await user.type(codeField(), '000000{Enter}');
    backend.expectOne(verifyUrl).flush(refused, unauthorized);
    await screen.findByRole('button', { name: 'Verify' });

    expect(challengeEnded).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).not.toHaveTextContent(/left\./);
  });

  it('ends the challenge after the fifth wrong code, as the API voids it', async () => {
    const { user, backend, challengeEnded } = await setUp();

    for (let attempt = 1; attempt <= 5; attempt++) {
      await user.type(codeField(), '000000{Enter}');
      backend.expectOne(verifyUrl).flush(refused, unauthorized);
      await screen.findByRole('button', { name: 'Verify' });
    }

    expect(challengeEnded).toHaveBeenCalledWith(TOO_MANY_WRONG_CODES);
  });

  it('ends the challenge when it has expired', async () => {
    const { user, backend, challengeEnded } = await setUp();
    const fiveMinutesLater = Date.now() + 5 * 60 * 1000;
    jest.spyOn(Date, 'now').mockReturnValue(fiveMinutesLater);

    await user.type(codeField(), '123456{Enter}');
    backend.expectOne(verifyUrl).flush(refused, unauthorized);
    await screen.findByRole('button', { name: 'Verify' });
    jest.restoreAllMocks();

    expect(challengeEnded).toHaveBeenCalledWith(expect.stringMatching(/expired/));
  });

  it('takes a recovery code instead, in any case and with or without its dash', async () => {
    const { user, backend } = await setUp();

    await user.click(screen.getByRole('switch', { name: 'Use a recovery code' }));
    const field = screen.getByRole('textbox', { name: 'Recovery code' });
    await user.type(field, 'hxq6f3gqyb{Enter}');

    expect(backend.expectOne(verifyUrl).request.body).toEqual({
      twoFactorToken: 'challenge-123',
      code: 'HXQ6F-3GQYB',
    });
  });

  it('says a refused recovery code may have been used already', async () => {
    const { user, backend } = await setUp();

    await user.click(screen.getByRole('switch', { name: 'Use a recovery code' }));
    await user.type(screen.getByRole('textbox', { name: 'Recovery code' }), 'HXQ6F-3GQYB{Enter}');
    backend.expectOne(verifyUrl).flush(refused, unauthorized);

    expect(await screen.findByRole('alert')).toHaveTextContent('already been used');
  });

  it('lets the user go back to the email and password form', async () => {
    const { user, cancelled } = await setUp();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(cancelled).toHaveBeenCalled();
  });

  it('sends a code once while the first attempt is on its way', async () => {
    const { user, backend } = await setUp();

    await user.type(codeField(), '123456{Enter}');
    await user.click(verifyButton());

    expect(backend.match(verifyUrl)).toHaveLength(1);
  });
});
