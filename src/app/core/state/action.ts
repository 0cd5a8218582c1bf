import {
  getState,
  patchState,
  signalStoreFeature,
  withState,
  type WritableStateSource,
} from '@ngrx/signals';
import { type ActionFailure, apiFailure } from './action-failure';

// Apart, so that what needs only the wording (a bulk action) does not bring the rest along.
export { type ActionFailure, apiFailure };

/**
 * Where one thing a user does (create a key, purge, change a password) stands, as one value, so
 * "busy", "its error" and "what Try again repeats" can never disagree. `attempt` is what was
 * asked for (a name, a key, the URLs): what Try again repeats exactly, never a secret.
 */
export type ActionStatus<Attempt = void> =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly attempt: Attempt;
      /** The failure this run repeats (Try again): see {@link failureShown}. */
      readonly lastFailure?: FailedAction<Attempt>;
    }
  | { readonly kind: 'succeeded'; readonly attempt: Attempt }
  | FailedAction<Attempt>;

/** An action's status once it failed: what was asked for, why it failed, whether it is gone. */
export type FailedAction<Attempt = void> = {
  readonly kind: 'failed';
  readonly attempt: Attempt;
} & ActionFailure;

/**
 * How {@link runAction} words a failure. `retry` is for an action that can fail in part (a URL
 * list sent in batches): what Try again repeats then, instead of the whole attempt.
 */
export type FailureDescription<Attempt> = ActionFailure & { readonly retry?: Attempt };

/**
 * How one run of an action ended, handed back to whoever started it: the value the API answered
 * (a new key's raw value goes this way, straight to the dialog that shows it, never into state),
 * the failure, or `skipped` when the same action was already under way and nothing was sent.
 */
export type ActionResult<T = void> =
  | { readonly kind: 'succeeded'; readonly value: T }
  | ({ readonly kind: 'failed' } & ActionFailure)
  | { readonly kind: 'skipped' };

/** The state slice `withAction(name)` adds: one status under the action's name. */
export type ActionState<Name extends string, Attempt> = Record<Name, ActionStatus<Attempt>>;

export const idleAction: ActionStatus<never> = { kind: 'idle' };

/**
 * Adds one action's status to a store, under `name`, starting idle. The store's methods run the
 * action with {@link runAction}; pages read the status and never keep a copy of it.
 *
 * ```ts
 * export const KeysStore = signalStore(
 *   withAction('keyAction', type<KeyAttempt>()),
 *   withMethods((store) => ({
 *     create: (name: string) =>
 *       runAction(store, 'keyAction', { kind: 'create', name }, () => createKey(name)),
 *   })),
 * );
 * ```
 */
export function withAction<Name extends string, Attempt = void>(name: Name, _attempt?: Attempt) {
  return signalStoreFeature(withState({ [name]: idleAction } as ActionState<Name, Attempt>));
}

/**
 * Runs `work` as the action `name`: running, then succeeded or failed with `describeFailure`'s
 * words. A second run while one is under way (a double click, a second Enter) is skipped, not
 * sent. Never rejects: a failure is a result, and is also the status the page shows.
 */
export async function runAction<Name extends string, Attempt, T>(
  store: WritableStateSource<ActionState<Name, Attempt>>,
  name: Name,
  attempt: Attempt,
  work: () => Promise<T>,
  describeFailure: (error: unknown) => FailureDescription<Attempt> = apiFailure,
): Promise<ActionResult<T>> {
  const before = getState(store)[name];
  if (before.kind === 'running') {
    return { kind: 'skipped' };
  }
  setStatus(
    store,
    name,
    before.kind === 'failed' && sameAttempt(before.attempt, attempt)
      ? { kind: 'running', attempt, lastFailure: before }
      : { kind: 'running', attempt },
  );
  try {
    const value = await work();
    setStatus(store, name, { kind: 'succeeded', attempt });
    return { kind: 'succeeded', value };
  } catch (error) {
    const { retry = attempt, message, gone } = describeFailure(error);
    setStatus(store, name, { kind: 'failed', attempt: retry, message, gone });
    return { kind: 'failed', message, gone };
  }
}

/** A failure as a page shows it: `retrying` while Try again repeats that very attempt. */
export type ShownFailure<Attempt = void> = FailedAction<Attempt> & { readonly retrying: boolean };

/**
 * The failure a page shows for an action: the last one, kept while the same attempt runs again
 * (its alert stays in place, with the focus on its Try again, which says it is trying again) and
 * gone once another attempt starts, a run succeeds or the action is reset; null when there is none.
 */
export function failureShown<Attempt>(status: ActionStatus<Attempt>): ShownFailure<Attempt> | null {
  switch (status.kind) {
    case 'failed':
      return { ...status, retrying: false };
    case 'running':
      return status.lastFailure ? { ...status.lastFailure, retrying: true } : null;
    default:
      return null;
  }
}

/** Is this the attempt that failed, asked again (Try again)? Attempts are plain data. */
function sameAttempt<Attempt>(a: Attempt, b: Attempt): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Back to idle: the failure was dealt with another way (reloaded, dismissed, a new attempt). */
export function resetAction<Name extends string, Attempt>(
  store: WritableStateSource<ActionState<Name, Attempt>>,
  name: Name,
): void {
  setStatus(store, name, idleAction);
}

function setStatus<Name extends string, Attempt>(
  store: WritableStateSource<ActionState<Name, Attempt>>,
  name: Name,
  status: ActionStatus<Attempt>,
): void {
  patchState(store, { [name]: status } as Partial<ActionState<Name, Attempt>>);
}
