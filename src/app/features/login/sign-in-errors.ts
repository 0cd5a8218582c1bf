import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { plural } from '../../shared/plural';

/** One message for an unknown user and a wrong password, so neither is revealed. */
export const WRONG_CREDENTIALS = 'Wrong email or password. Check both and try again.';

/** The API voids a two-factor challenge after this many wrong codes... */
const MAX_WRONG_CODES = 5;
/** ...or after this long. */
const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

export const TOO_MANY_WRONG_CODES =
  'Too many wrong codes. For your security, sign in again with your email and password.';
export const CHALLENGE_EXPIRED =
  'The sign-in expired after 5 minutes without a valid code. Sign in again with your email and password.';

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

/** What the two-factor step does after a failed code: let the user retry, or start over. */
type ChallengeFailure =
  | { readonly kind: 'retry'; readonly message: string }
  | { readonly kind: 'ended'; readonly message: string };

interface ChallengeProgress {
  /** Wrong codes so far, including the one that just failed when the API answered 401. */
  readonly wrongCodes: number;
  /** Time since the API opened the challenge. */
  readonly elapsedMs: number;
  readonly recoveryCode: boolean;
}

/**
 * The API answers 401 for a wrong code and for a void challenge alike, so the panel counts
 * wrong codes and the time itself to tell the user which one happened.
 */
export function challengeFailure(error: unknown, progress: ChallengeProgress): ChallengeFailure {
  const status = error instanceof HttpErrorResponse ? error.status : null;
  if (status === 429) {
    return { kind: 'ended', message: lockoutMessage(error) };
  }
  if (status !== 401) {
    return { kind: 'retry', message: apiErrorMessage(error) };
  }
  if (progress.elapsedMs >= CHALLENGE_LIFETIME_MS) {
    return { kind: 'ended', message: CHALLENGE_EXPIRED };
  }
  if (progress.wrongCodes >= MAX_WRONG_CODES) {
    return { kind: 'ended', message: TOO_MANY_WRONG_CODES };
  }
  const triesLeft = MAX_WRONG_CODES - progress.wrongCodes;
  const wrong = progress.recoveryCode
    ? 'That recovery code is not valid or has already been used.'
    : 'That code is not valid. Wait for a new code in your authenticator app and try again.';
  const warning =
    triesLeft <= 2 ? ` ${plural(triesLeft, { one: 'try', other: 'tries' })} left.` : '';
  return { kind: 'retry', message: `${wrong}${warning}` };
}

function lockoutMessage(error: unknown): string {
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
