import { tapResponse } from '@ngrx/operators';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { type Observable, pipe, switchMap, tap } from 'rxjs';
import { apiErrorMessage } from '../api/api-error-message';
import { failed, loading, type RequestStatus } from '../api/request-status';

/**
 * The one way a store loads: each call (a first load, a "Try again") starts `request` and cancels
 * the one it replaces, so the last call counts. `setStatus` gets `loading`, then the failure in
 * words; `loaded` gets the value (and sets the loaded status itself, in the same patch).
 */
export function loadOneWay<T>(
  request: () => Observable<T>,
  setStatus: (status: RequestStatus) => void,
  loaded: (value: T) => void,
) {
  return rxMethod<void>(
    pipe(
      tap(() => setStatus(loading)),
      switchMap(() =>
        request().pipe(
          tapResponse({
            next: loaded,
            error: (error: unknown) => setStatus(failed(apiErrorMessage(error))),
          }),
        ),
      ),
    ),
  );
}
