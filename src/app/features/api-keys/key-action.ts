import { apiErrorMessage } from '../../core/api/api-error-message';
import { ApiKey } from '../../core/api/api-key-list-client';
import { ActionFailure, ShownFailure } from '../../core/state/action';
import { CreatedApiKey } from './api-key';

/**
 * What a key action (create, roll, revoke: one status for the three) was asked to do, which is
 * what Try again repeats: a name or a listed key, never a raw key.
 */
export type KeyAttempt =
  | { readonly kind: 'create'; readonly name: string }
  | { readonly kind: 'roll'; readonly key: ApiKey }
  | { readonly kind: 'revoke'; readonly key: ApiKey };

/** A key action that failed, as the page shows it (`retrying` while Try again repeats it). */
export type KeyFailure = ShownFailure<KeyAttempt>;

/**
 * A key just created: its listing entry, its raw value and `show`, what shows it once (loaded
 * before the key was created). The raw key goes from here to that dialog and nowhere else.
 */
export interface NewKey<Show> extends CreatedApiKey {
  readonly show: Show;
}

/** Thrown when what would show a new key cannot be loaded: nothing is then created. */
export const SHOW_ONCE_UNAVAILABLE = new Error('The show-once dialog could not be loaded.');

/**
 * Why a create or a roll failed: what shows the key could not be loaded (nothing was created), or
 * the API's reason after `prefix` ("The key “x” was not created.").
 */
export function createFailure(error: unknown, name: string, prefix: string): ActionFailure {
  return {
    message:
      error === SHOW_ONCE_UNAVAILABLE
        ? `No key named “${name}” was created: the dialog that shows a new key could not be ` +
          'loaded. Check your connection and try again.'
        : `${prefix} ${apiErrorMessage(error)}`,
    gone: false,
  };
}
