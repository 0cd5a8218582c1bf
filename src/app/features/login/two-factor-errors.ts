import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { plural } from '../../shared/plural';
import { lockoutMessage } from './sign-in-errors';

/*
 * What the two-factor step says when a code fails. Apart from `sign-in-errors.ts`, so these words
 * load with the step, not with every visit to the sign-in page.
 */

/** The API voids a two-factor challenge after this many wrong codes... */
const MAX_WRONG_CODES = 5;
/** ...or after this long. */
const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;

export const TOO_MANY_WRONG_CODES =
  'Too many wrong codes. For your security, sign in again with your email and password.';
export const CHALLENGE_EXPIRED =
  'The sign-in expired after 5 minutes without a valid code. Sign in again with your email and password.';

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
