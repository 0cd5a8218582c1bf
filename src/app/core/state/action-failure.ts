import { apiErrorMessage, isNotFound } from '../api/api-error-message';

/** Why an action failed, in words for the user, and whether trying again can help. */
export interface ActionFailure {
  readonly message: string;
  /** What the action acts on no longer exists (404): reload it rather than try again. */
  readonly gone: boolean;
}

/** The API's reason in words (`byStatus` words a status the caller's way), and whether it is a 404. */
export function apiFailure(
  error: unknown,
  byStatus: Partial<Record<number, string>> = {},
): ActionFailure {
  return { message: apiErrorMessage(error, byStatus), gone: isNotFound(error) };
}
