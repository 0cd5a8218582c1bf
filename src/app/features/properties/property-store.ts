import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { catchError, EMPTY, firstValueFrom, merge, Observable, pipe, switchMap, tap } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { Property } from '../../core/api/property-list-client';
import { PropertiesClient, PurgeRecord, PurgeRequest } from './properties-client';

interface PropertyState {
  /** `not-found` covers unknown ids and other accounts' properties alike, as the API does. */
  status: 'loading' | 'loaded' | 'not-found' | 'error';
  loadError: string | null;
  property: Property | null;
  history: readonly PurgeRecord[];
  historyStatus: 'loading' | 'loaded' | 'error';
  historyError: string | null;
  /** True while a purge is on its way: a second one is ignored, not sent. */
  purging: boolean;
  lastPurge: PurgeRecord | null;
  purgeError: string | null;
}

const initialState: PropertyState = {
  status: 'loading',
  loadError: null,
  property: null,
  history: [],
  historyStatus: 'loading',
  historyError: null,
  purging: false,
  lastPurge: null,
  purgeError: null,
};

const notFound = 'Property not found. It may have been removed from your account.';

/** One property's page: its details, its purge history, and purging it. */
export const PropertyStore = signalStore(
  withState<PropertyState>(initialState),
  withMethods((store) => {
    const client = inject(PropertiesClient);

    function historyOf(id: number): Observable<unknown> {
      return client.history(id).pipe(
        tap((history) =>
          patchState(store, { history, historyStatus: 'loaded', historyError: null }),
        ),
        catchError((error: unknown) => {
          patchState(store, { historyStatus: 'error', historyError: apiErrorMessage(error) });
          return EMPTY;
        }),
      );
    }

    async function purge(request: PurgeRequest): Promise<boolean> {
      const property = store.property();
      // A double click or a second Enter arrives before the button shows it is busy.
      if (property === null || store.purging()) {
        return false;
      }
      patchState(store, { purging: true, purgeError: null, lastPurge: null });
      try {
        const record = await firstValueFrom(client.purge(property.id, request));
        patchState(store, {
          purging: false,
          lastPurge: record,
          property: { ...property, lastPurgedAt: record.createdAt },
        });
        await firstValueFrom(historyOf(property.id), { defaultValue: undefined });
        return true;
      } catch (error) {
        patchState(store, {
          purging: false,
          purgeError: apiErrorMessage(error, { 404: notFound }),
        });
        return false;
      }
    }

    return {
      /** Loads the property with this route id; a newer id cancels the older request. */
      load: rxMethod<string>(
        pipe(
          tap(() => patchState(store, initialState)),
          switchMap((routeId) => {
            const id = Number(routeId);
            // Nothing the API could know: answer like the API would, without asking it.
            if (!Number.isSafeInteger(id) || id <= 0) {
              patchState(store, { status: 'not-found' });
              return EMPTY;
            }
            // merge, not forkJoin: one failing must not cancel the other.
            return merge(
              client.get(id).pipe(
                tap((property) => patchState(store, { property, status: 'loaded' })),
                catchError((error: unknown) => {
                  patchState(store, loadFailure(error));
                  return EMPTY;
                }),
              ),
              historyOf(id),
            );
          }),
        ),
      ),

      retryHistory: rxMethod<void>(
        switchMap(() => {
          const property = store.property();
          if (property === null) {
            return EMPTY;
          }
          patchState(store, { historyStatus: 'loading', historyError: null });
          return historyOf(property.id);
        }),
      ),

      /** Purges everything cached for the property. Resolves to whether it was purged. */
      purgeAll(): Promise<boolean> {
        return purge({ type: 'all' });
      },

      /** Purges these (already checked) URLs. Resolves to whether they were purged. */
      purgeUrls(urls: readonly string[]): Promise<boolean> {
        return purge({ type: 'url', urls });
      },
    };
  }),
);

function loadFailure(error: unknown): Partial<PropertyState> {
  return error instanceof HttpErrorResponse && error.status === 404
    ? { status: 'not-found' }
    : { status: 'error', loadError: apiErrorMessage(error) };
}
