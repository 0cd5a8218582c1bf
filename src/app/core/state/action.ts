import {
  getState,
  patchState,
  signalStoreFeature,
  withState,
  type WritableStateSource,
} from '@ngrx/signals';
import { apiErrorMessage, isNotFound } from '../api/api-error-message';

/**
 * Where one thing a user does (create a key, purge, change a password) stands, as one value, so
 * "busy", "its error" and "what Try again repeats" can never disagree. `attempt` is what was
 * asked for (a name, a key, the URLs): what Try again repeats exactly, never a secret.
 */
export type ActionStatus<Attempt = void> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly attempt: Attempt }
  | { readonly kind: 'succeeded'; readonly attempt: Attempt }
  | ({ readonly kind: 'failed'; readonly attempt: Attempt } & ActionFailure);

/** Why an action failed, in words for the user, and whether trying again can help. */
export interface ActionFailure {
  readonly message: string;
  /** What the action acts on no longer exists (404): reload it rather than try again. */
  readonly gone: boolean;
}

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

/** The API's reason in words (`byStatus` words a status the caller's way), and whether it is a 404. */
export function apiFailure(
  error: unknown,
  byStatus: Partial<Record<number, string>> = {},
): ActionFailure {
  return { message: apiErrorMessage(error, byStatus), gone: isNotFound(error) };
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
  describeFailure: (error: unknown) => ActionFailure = apiFailure,
): Promise<ActionResult<T>> {
  if (getState(store)[name].kind === 'running') {
    return { kind: 'skipped' };
  }
  setStatus(store, name, { kind: 'running', attempt });
  try {
    const value = await work();
    setStatus(store, name, { kind: 'succeeded', attempt });
    return { kind: 'succeeded', value };
  } catch (error) {
    const failure = describeFailure(error);
    setStatus(store, name, { kind: 'failed', attempt, ...failure });
    return { kind: 'failed', ...failure };
  }
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
