import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { loginErrorMessage, WRONG_CREDENTIALS } from './sign-in-errors';

function httpError(status: number, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    headers: new HttpHeaders(headers),
    error: { succeeded: false, message: 'Invalid username or password.', data: null },
  });
}

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
