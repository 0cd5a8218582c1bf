import { inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { EMPTY, firstValueFrom, merge, Observable, pipe, switchMap, tap } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { Property } from '../../core/api/property-list-client';
import { failed, idle, loaded, loading, RequestStatus } from '../../core/api/request-status';
import { PropertiesClient, PurgeRecord, PurgeRequest } from './properties-client';

/**
 * How a long URL list's batches went: the URLs of the failed ones, why the first failed, and
 * whether a batch failed because the property no longer exists (then no batch can succeed).
 */
export interface BatchPurgeOutcome {
  readonly sentBatches: number;
  readonly failedUrls: readonly string[];
  readonly failedBatches: number;
  readonly error: string | null;
  readonly gone: boolean;
}

interface PropertyState {
  /** `not-found` covers unknown ids and other accounts' properties alike, as the API does. */
  loadStatus: RequestStatus | { readonly kind: 'not-found' };
  property: Property | null;
  history: readonly PurgeRecord[];
  historyStatus: RequestStatus;
  /** `loading` while a purge is on its way: a second one is ignored, not sent. */
  purgeStatus: RequestStatus;
  /**
   * The purge the API last confirmed, for the success message. For a list sent in batches: the
   * last batch's record with every URL sent, so the outcome is said once, not per batch.
   */
  lastPurge: PurgeRecord | null;
  /** How many batches `lastPurge` took; 1 for a single request. */
  lastPurgeBatches: number;
  /** While a long URL list is sent in batches: how many are settled, out of how many. */
  batchProgress: { readonly settled: number; readonly total: number } | null;
}

const initialState: PropertyState = {
  loadStatus: loading,
  property: null,
  history: [],
  historyStatus: loading,
  purgeStatus: idle,
  lastPurge: null,
  lastPurgeBatches: 1,
  batchProgress: null,
};

const notFound = 'Property not found. It may have been removed from your account.';

/**
 * One property's page: its details, its purge history, and purging it. The page connects its
 * `:id` route input to `load`, so loading starts with the page and follows the id.
 */
export const PropertyStore = signalStore(
  withState<PropertyState>(initialState),
  withProps(() => ({ _client: inject(PropertiesClient) })),
  withMethods((store) => {
    const client = store._client;

    function historyOf(id: number): Observable<unknown> {
      return client.history(id).pipe(
        tapResponse({
          next: (history) => patchState(store, { history, historyStatus: loaded }),
          error: (error: unknown) =>
            patchState(store, { historyStatus: failed(apiErrorMessage(error)) }),
        }),
      );
    }

    async function purge(request: PurgeRequest): Promise<boolean> {
      const property = store.property();
      // A double click or a second Enter arrives before the button shows it is busy.
      if (property === null || store.purgeStatus().kind === 'loading') {
        return false;
      }
      patchState(store, { purgeStatus: loading, lastPurge: null });
      try {
        const record = await firstValueFrom(client.purge(property.id, request));
        patchState(store, {
          purgeStatus: loaded,
          lastPurge: record,
          lastPurgeBatches: 1,
          property: { ...property, lastPurgedAt: record.createdAt },
        });
      } catch (error) {
        patchState(store, {
          purgeStatus: failed(apiErrorMessage(error, { 404: notFound }), {
            gone: isNotFound(error),
          }),
        });
        return false;
      }
      // The list on screen stays while the new one comes: no "Loading" flash after each purge.
      await firstValueFrom(historyOf(property.id), { defaultValue: undefined });
      return true;
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
              patchState(store, { loadStatus: { kind: 'not-found' } });
              return EMPTY;
            }
            // merge, not forkJoin: one failing must not cancel the other.
            return merge(
              client.get(id).pipe(
                tapResponse({
                  next: (property) => patchState(store, { property, loadStatus: loaded }),
                  error: (error: unknown) => patchState(store, { loadStatus: loadFailure(error) }),
                }),
              ),
              historyOf(id),
            );
          }),
        ),
      ),

      /** Asks for the history again; a new call cancels the request it replaces. */
      retryHistory: rxMethod<void>(
        pipe(
          switchMap(() => {
            const property = store.property();
            if (property === null) {
              return EMPTY;
            }
            patchState(store, { historyStatus: loading });
            return historyOf(property.id);
          }),
        ),
      ),

      /** Purges everything cached for the property. Resolves to whether it was purged. */
      purgeAll(): Promise<boolean> {
        return purge({ type: 'all' });
      },

      /**
       * Purges a long list in batches the API accepts, one request after another (the API's
       * order, and one failure does not stop the rest). The history is read once, at the end.
       */
      async purgeUrlBatches(batches: readonly (readonly string[])[]): Promise<BatchPurgeOutcome> {
        const property = store.property();
        if (property === null || store.purgeStatus().kind === 'loading') {
          return { sentBatches: 0, failedUrls: [], failedBatches: 0, error: null, gone: false };
        }
        patchState(store, {
          purgeStatus: loading,
          lastPurge: null,
          batchProgress: { settled: 0, total: batches.length },
        });
        const failedUrls: string[] = [];
        const sentUrls: string[] = [];
        let failedBatches = 0;
        let error: string | null = null;
        let gone = false;
        let lastRecord: PurgeRecord | null = null;
        for (const [index, urls] of batches.entries()) {
          try {
            lastRecord = await firstValueFrom(client.purge(property.id, { type: 'url', urls }));
            sentUrls.push(...urls);
          } catch (caught) {
            failedBatches++;
            failedUrls.push(...urls);
            error ??= apiErrorMessage(caught, { 404: notFound });
            gone ||= isNotFound(caught);
          }
          patchState(store, { batchProgress: { settled: index + 1, total: batches.length } });
        }
        const sentBatches = batches.length - failedBatches;
        patchState(store, {
          purgeStatus: error === null ? loaded : failed(error, { gone }),
          lastPurge: lastRecord && { ...lastRecord, urls: sentUrls },
          lastPurgeBatches: sentBatches,
          batchProgress: null,
          property: lastRecord ? { ...property, lastPurgedAt: lastRecord.createdAt } : property,
        });
        if (sentBatches > 0) {
          await firstValueFrom(historyOf(property.id), { defaultValue: undefined });
        }
        return { sentBatches, failedUrls, failedBatches, error, gone };
      },

      /** Purges these (already checked) URLs. Resolves to whether they were purged. */
      purgeUrls(urls: readonly string[]): Promise<boolean> {
        return purge({ type: 'url', urls });
      },
    };
  }),
);

function loadFailure(error: unknown): PropertyState['loadStatus'] {
  return isNotFound(error) ? { kind: 'not-found' } : failed(apiErrorMessage(error));
}
