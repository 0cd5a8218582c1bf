import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import {
  CHALLENGE_EXPIRED,
  challengeFailure,
  loginErrorMessage,
  TOO_MANY_WRONG_CODES,
  WRONG_CREDENTIALS,
} from './sign-in-errors';

function httpError(status: number, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    headers: new HttpHeaders(headers),
    error: { succeeded: false, message: 'Invalid username or password.', data: null },
  });
}

const fresh = { wrongCodes: 1, elapsedMs: 1000, recoveryCode: false };

describe('loginErrorMessage', () => {
  it('says the same for an unknown user and a wrong password', () => {
    expect(loginErrorMessage(httpError(401))).toBe(WRONG_CREDENTIALS);
  });

  it.each([
    ['30', 'Try again in 30 seconds.'],
    ['60', 'Try again in 1 minute.'],
    ['299', 'Try again in 5 minutes.'],
  ])('turns Retry-After: %s into words', (retryAfter, expected) => {
    expect(loginErrorMessage(httpError(429, { 'Retry-After': retryAfter }))).toContain(expected);
  });

  it('reads Retry-After given as a date', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();

    expect(loginErrorMessage(httpError(429, { 'Retry-After': inTwoMinutes }))).toContain(
      'Try again in 2 minutes.',
    );
  });

  it('still explains a lockout without Retry-After', () => {
    expect(loginErrorMessage(httpError(429))).toContain('Try again in a few minutes.');
  });
});

describe('challengeFailure', () => {
  it('lets the user retry a wrong code without counting down while tries are plenty', () => {
    expect(challengeFailure(httpError(401), fresh)).toEqual({
      kind: 'retry',
      message:
        'That code is not valid. Wait for a new code in your authenticator app and try again.',
    });
  });

  it.each([
    [3, 2, '2 tries left.'],
    [4, 1, '1 try left.'],
  ])('after %i wrong codes, warns that %i remain', (wrongCodes, _left, warning) => {
    const failure = challengeFailure(httpError(401), { ...fresh, wrongCodes });

    expect(failure.message.endsWith(` ${warning}`)).toBe(true);
  });

  it('does not count down while three tries are left', () => {
    const failure = challengeFailure(httpError(401), { ...fresh, wrongCodes: 2 });

    expect(failure.message).not.toMatch(/left\.$/);
  });

  it('ends the challenge at the fifth wrong code', () => {
    expect(challengeFailure(httpError(401), { ...fresh, wrongCodes: 5 })).toEqual({
      kind: 'ended',
      message: TOO_MANY_WRONG_CODES,
    });
  });

  it('ends the challenge once it is five minutes old', () => {
    expect(challengeFailure(httpError(401), { ...fresh, elapsedMs: 5 * 60 * 1000 })).toEqual({
      kind: 'ended',
      message: CHALLENGE_EXPIRED,
    });
  });

  it('ends the challenge when the account gets locked', () => {
    expect(challengeFailure(httpError(429, { 'Retry-After': '300' }), fresh).kind).toBe('ended');
  });

  it('keeps the challenge open when the API is unreachable', () => {
    expect(challengeFailure(httpError(0), fresh).kind).toBe('retry');
  });
});
