import { linkedSignal, Signal } from '@angular/core';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { ApiKey } from '../../core/api/api-key-list-client';
import { ActionFailure, ActionStatus } from '../../core/state/action';
import { CreatedApiKey } from './api-key';

/**
 * What a key action (create, roll, revoke: one status for the three) was asked to do, which is
 * what Try again repeats: a name or a listed key, never a raw key.
 */
export type KeyAttempt =
  | { readonly kind: 'create'; readonly name: string }
  | { readonly kind: 'roll'; readonly key: ApiKey }
  | { readonly kind: 'revoke'; readonly key: ApiKey };

/**
 * A key action that failed, as the page shows it: kept, `retrying`, while Try again repeats the
 * same attempt, so the alert (and the focus on its button) stays until the answer replaces it.
 */
export interface KeyFailure extends ActionFailure {
  readonly attempt: KeyAttempt;
  readonly retrying: boolean;
}

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

function sameAttempt(a: KeyAttempt, b: KeyAttempt): boolean {
  if (a.kind === 'create' || b.kind === 'create') {
    return a.kind === 'create' && b.kind === 'create' && a.name === b.name;
  }
  return a.kind === b.kind && a.key.id === b.key.id;
}

/**
 * The failure to show for a key action's status: the last failure, kept with `retrying` while the
 * same attempt runs again, gone once another attempt starts or one succeeds.
 */
export function failureOnShow(status: Signal<ActionStatus<KeyAttempt>>): Signal<KeyFailure | null> {
  return linkedSignal<ActionStatus<KeyAttempt>, KeyFailure | null>({
    source: status,
    computation: (current, previous) => {
      if (current.kind === 'failed') {
        return { ...current, retrying: false };
      }
      const shown = previous?.value;
      return current.kind === 'running' && shown && sameAttempt(shown.attempt, current.attempt)
        ? { ...shown, retrying: true }
        : null;
    },
  }).asReadonly();
}
