import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { CHALLENGE_EXPIRED, challengeFailure, TOO_MANY_WRONG_CODES } from './two-factor-errors';

/** How the API refuses a code: 401 for a wrong code and a void challenge alike. */
function refused(status: number, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, headers: new HttpHeaders(headers) });
}

const fresh = { wrongCodes: 1, elapsedMs: 1000, recoveryCode: false };

describe('challengeFailure', () => {
  it('lets the user retry a wrong code without counting down while tries are plenty', () => {
    expect(challengeFailure(refused(401), fresh)).toEqual({
      kind: 'retry',
      message:
        'That code is not valid. Wait for a new code in your authenticator app and try again.',
    });
  });

  it.each([
    [3, 2, '2 tries left.'],
    [4, 1, '1 try left.'],
  ])('after %i wrong codes, warns that %i remain', (wrongCodes, _left, warning) => {
    const failure = challengeFailure(refused(401), { ...fresh, wrongCodes });

    expect(failure.message.endsWith(` ${warning}`)).toBe(true);
  });

  it('does not count down while three tries are left', () => {
    const failure = challengeFailure(refused(401), { ...fresh, wrongCodes: 2 });

    expect(failure.message).not.toMatch(/left\.$/);
  });

  it('ends the challenge at the fifth wrong code', () => {
    expect(challengeFailure(refused(401), { ...fresh, wrongCodes: 5 })).toEqual({
      kind: 'ended',
      message: TOO_MANY_WRONG_CODES,
    });
  });

  it('ends the challenge once it is five minutes old', () => {
    expect(challengeFailure(refused(401), { ...fresh, elapsedMs: 5 * 60 * 1000 })).toEqual({
      kind: 'ended',
      message: CHALLENGE_EXPIRED,
    });
  });

  it('ends the challenge when the account gets locked', () => {
    expect(challengeFailure(refused(429, { 'Retry-After': '300' }), fresh).kind).toBe('ended');
  });

  it('keeps the challenge open when the API is unreachable', () => {
    expect(challengeFailure(refused(0), fresh).kind).toBe('retry');
  });
});
