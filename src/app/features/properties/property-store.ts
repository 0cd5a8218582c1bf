import { computed, inject, LOCALE_ID } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import {
  patchState,
  signalStore,
  type,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { EMPTY, filter, firstValueFrom, merge, Observable, pipe, switchMap, take, tap } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { Property } from '../../core/api/property-list-client';
import { failed, loaded, loading, RequestStatus } from '../../core/api/request-status';
import { withApiKeyList } from '../../core/api/with-shared-reads';
import {
  ActionResult,
  failureShown,
  idleAction,
  runAction,
  withAction,
} from '../../core/state/action';
import { PropertiesClient, PurgeRecord, PurgeRequest } from './properties-client';
import { describePurge, describePurgeFailure, PartlyPurged } from './purge-messages';
import { batchUrls, MAX_PURGE_URLS } from './purge-url-list';

interface PropertyState {
  /** `not-found` covers unknown ids and other accounts' properties alike, as the API does. */
  loadStatus: RequestStatus | { readonly kind: 'not-found' };
  property: Property | null;
  history: readonly PurgeRecord[];
  historyStatus: RequestStatus;
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
  lastPurge: null,
  lastPurgeBatches: 1,
  batchProgress: null,
};

/**
 * One property's page: its details, its purge history (with the names of the keys that purged),
 * and purging it, one action (`purgeStatus`) whether it purges everything, a URL list (in batches
 * when long) or a purge again from the history. Its attempt is what Try again repeats: the same
 * request, or, when a long list failed in part, the failed batches' URLs. The page connects its
 * `:id` route input to `load`, so loading starts with the page and follows the id.
 */
export const PropertyStore = signalStore(
  withState<PropertyState>(initialState),
  withAction('purgeStatus', type<PurgeRequest>()),
  withApiKeyList(),
  withProps(() => ({
    _client: inject(PropertiesClient),
    _timeOfDay: new Intl.DateTimeFormat(inject(LOCALE_ID), { timeStyle: 'medium' }),
  })),
  withComputed(
    ({ purgeStatus, keyEntities, lastPurge, lastPurgeBatches, property, _timeOfDay }) => ({
      purging: computed(() => purgeStatus().kind === 'running'),
      /** The failed purge to show: the last one, kept in place while a purge runs again. */
      purgeFailure: computed(() => failureShown(purgeStatus())),
      /** Key prefix → key name, for the history's "Requested by"; empty until they are read. */
      keyNames: computed<ReadonlyMap<string, string>>(
        () => new Map(keyEntities().map((key) => [key.prefix, key.name])),
      ),
      /** "Purged everything on cdn.example at 14:03:07.", once the API confirms; '' until then. */
      purgeMessage: computed(() => {
        const record = lastPurge();
        const hostname = property()?.hostname;
        return record === null || hostname === undefined
          ? ''
          : describePurge(record, lastPurgeBatches(), hostname, _timeOfDay);
      }),
    }),
  ),
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

    /** Notes a purge the API confirmed: the success message, and the property's last purge. */
    function purged(property: Property, record: PurgeRecord, batches = 1): void {
      patchState(store, { lastPurge: record, lastPurgeBatches: batches });
      if (store.property()?.id === property.id) {
        patchState(store, { property: { ...property, lastPurgedAt: record.createdAt } });
      }
    }

    /** One request: everything, or at most {@link MAX_PURGE_URLS} URLs. */
    async function sendOnce(property: Property, request: PurgeRequest): Promise<void> {
      purged(property, await firstValueFrom(client.purge(property.id, request)));
    }

    /**
     * A long list in batches the API accepts, one request after another (the API's order, and
     * one failure does not stop the rest). Throws when a batch failed, with the URLs left.
     */
    async function sendInBatches(property: Property, urls: readonly string[]): Promise<void> {
      const batches = batchUrls(urls);
      const sent: string[] = [];
      const left: string[] = [];
      let sentBatches = 0;
      let firstError: unknown = null;
      let lastRecord: PurgeRecord | null = null;
      patchState(store, { batchProgress: { settled: 0, total: batches.length } });
      for (const [index, batch] of batches.entries()) {
        try {
          lastRecord = await firstValueFrom(
            client.purge(property.id, { type: 'url', urls: batch }),
          );
          sent.push(...batch);
          sentBatches++;
        } catch (error) {
          left.push(...batch);
          firstError ??= error;
        }
        patchState(store, { batchProgress: { settled: index + 1, total: batches.length } });
      }
      patchState(store, { batchProgress: null });
      if (lastRecord !== null) {
        purged(property, { ...lastRecord, urls: sent }, sentBatches);
      }
      if (firstError !== null) {
        throw new PartlyPurged(firstError, left, sentBatches, batches.length);
      }
    }

    async function purge(attempt: PurgeRequest): Promise<ActionResult> {
      const property = store.property();
      if (property === null) {
        return { kind: 'skipped' };
      }
      const result = await runAction(
        store,
        'purgeStatus',
        attempt,
        async () => {
          patchState(store, { lastPurge: null });
          await (attempt.type === 'url' && attempt.urls.length > MAX_PURGE_URLS
            ? sendInBatches(property, attempt.urls)
            : sendOnce(property, attempt));
        },
        describePurgeFailure,
      );
      // The list on screen stays while the new one comes: no "Loading" flash after a purge.
      if (result.kind !== 'skipped' && store.lastPurge() !== null) {
        await firstValueFrom(historyOf(property.id), { defaultValue: undefined });
      }
      return result;
    }

    /** Loads the property with this route id; a newer id cancels the older request. */
    const load = rxMethod<string>(
      pipe(
        tap(() => patchState(store, initialState, { purgeStatus: idleAction })),
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
    );

    return {
      load,

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

      /** Purges everything cached for the property. */
      purgeAll: (): Promise<ActionResult> => purge({ type: 'all' }),

      /** Purges these (already checked) URLs: in batches of {@link MAX_PURGE_URLS} when more. */
      purgeUrls: (urls: readonly string[]): Promise<ActionResult> => purge({ type: 'url', urls }),

      /**
       * Try again: the purge that failed (for batches, the failed ones' URLs), as it was. When
       * the property no longer exists no purge can succeed: it is loaded again instead (the page
       * then says it is gone) and nothing is sent.
       */
      retryPurge(): Promise<ActionResult> {
        const status = store.purgeStatus();
        const property = store.property();
        if (status.kind !== 'failed' || property === null) {
          return Promise.resolve({ kind: 'skipped' });
        }
        if (status.gone) {
          load(String(property.id));
          return Promise.resolve({ kind: 'skipped' });
        }
        return purge(status.attempt);
      },

      /** Key names for the history, asked for once: the first time the history names a key. */
      _nameKeysOnce: rxMethod<boolean>(
        pipe(
          filter(Boolean),
          take(1),
          tap(() => store.loadKeys()),
        ),
      ),
    };
  }),
  withHooks({
    onInit: (store) =>
      store._nameKeysOnce(
        computed(() => store.history().some((record) => record.requestedBy.kind === 'key')),
      ),
  }),
);

function loadFailure(error: unknown): PropertyState['loadStatus'] {
  return isNotFound(error) ? { kind: 'not-found' } : failed(apiErrorMessage(error));
}
