import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { plural } from '../../shared/plural';

/** One message for an unknown user and a wrong password, so neither is revealed. */
export const WRONG_CREDENTIALS = 'Wrong email or password. Check both and try again.';

/** The API locks an account for 5 minutes at the fifth consecutive failure. */
export const LOCKOUT_AT_FAILURE = 5;

/**
 * Why Login failed, in words: wrong credentials (warning from the third failure in a row how
 * many tries are left), a lockout with its time left, or the rest.
 */
export function loginErrorMessage(error: unknown, consecutiveFailures = 1): string {
  const triesLeft = LOCKOUT_AT_FAILURE - consecutiveFailures;
  const wrong =
    consecutiveFailures >= 3 && triesLeft > 0
      ? `${WRONG_CREDENTIALS} ${plural(triesLeft, { one: 'try', other: 'tries' })} left before a 5-minute lockout.`
      : WRONG_CREDENTIALS;
  return apiErrorMessage(error, { 401: wrong, 429: lockoutMessage(error) });
}

/**
 * Whether the password the user typed may have been right: the server failed or was not
 * reached (5xx, network), so making them type it again would only add to the trouble.
 */
export function passwordWasNotJudged(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 500);
}

/** Seconds until a 429's lockout ends, when the API said (`Retry-After`). */
export function lockoutSeconds(error: unknown): number | null {
  return error instanceof HttpErrorResponse && error.status === 429
    ? retryAfterSeconds(error)
    : null;
}

export const SINGLE_SIGN_ON_REFUSED =
  'Single sign-on did not work. Try again, or sign in with your email and password.';
export const SINGLE_SIGN_ON_UNAVAILABLE =
  'Single sign-on is not available right now. Sign in with your email and password.';

/** Why single sign-on failed: the provider's sign-in was refused, a lockout, or the rest. */
export function singleSignOnErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return SINGLE_SIGN_ON_REFUSED;
  }
  return apiErrorMessage(error, { 401: SINGLE_SIGN_ON_REFUSED, 429: lockoutMessage(error) });
}

/** What a lockout (429) means for the user, with its time left when the API said. */
export function lockoutMessage(error: unknown): string {
  const seconds = error instanceof HttpErrorResponse ? retryAfterSeconds(error) : null;
  const wait = seconds === null ? 'a few minutes' : waitingTime(seconds);
  return `Too many failed attempts. For your security, sign-in to this account is paused. Try again in ${wait}.`;
}

/** `Retry-After` is either a number of seconds or an HTTP date (RFC 9110). */
function retryAfterSeconds(error: HttpErrorResponse): number | null {
  const value = error.headers.get('Retry-After')?.trim();
  if (!value) {
    return null;
  }
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : null;
}

function waitingTime(seconds: number): string {
  return seconds < 60
    ? plural(seconds, { one: 'second', other: 'seconds' })
    : plural(Math.ceil(seconds / 60), { one: 'minute', other: 'minutes' });
}
