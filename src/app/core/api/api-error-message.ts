import { HttpErrorResponse } from '@angular/common/http';
import { ApiEnvelopeError } from './api-envelope';

const unreachable =
  'The Paradarum API cannot be reached. Check your connection and try again in a moment.';
const serverFailure = 'Something went wrong on our side. Try again in a moment.';
const unexpected = 'Something unexpected happened. Try again, and reload the page if it persists.';

/**
 * The one place where a failed request becomes words for the account owner. `byStatus` lets a
 * caller word a status its own way (e.g. 404 → "Property not found"); otherwise the API's own
 * envelope message is used, which the contract keeps user-readable.
 */
export function apiErrorMessage(
  error: unknown,
  byStatus: Partial<Record<number, string>> = {},
): string {
  if (error instanceof ApiEnvelopeError) {
    return error.message;
  }
  if (!(error instanceof HttpErrorResponse)) {
    return unexpected;
  }
  const custom = byStatus[error.status];
  if (custom) {
    return custom;
  }
  if (error.status === 0) {
    return unreachable;
  }
  if (error.status >= 500) {
    return serverFailure;
  }
  const message = envelopeMessage(error.error);
  return message ?? unexpected;
}

/**
 * Did the request fail because what it acts on no longer exists (404: a key or property removed,
 * e.g. in another tab)? Then trying again cannot help; reloading what is shown can.
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 404;
}

function envelopeMessage(body: unknown): string | null {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    return typeof message === 'string' && message.trim() !== '' ? message : null;
  }
  return null;
}
