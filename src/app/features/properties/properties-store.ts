import { inject, LOCALE_ID } from '@angular/core';
import { patchState, signalStore, type, withHooks, withMethods, withProps } from '@ngrx/signals';
import { updateEntity } from '@ngrx/signals/entities';
import { firstValueFrom } from 'rxjs';
import { Property } from '../../core/api/property-list-client';
import { withPropertyList } from '../../core/api/with-shared-reads';
import type { ActionResult } from '../../core/state/action';
import { apiFailure } from '../../core/state/action-failure';
import {
  BulkSummary,
  BulkTask,
  retryBulk,
  runBulk,
  withBulkAction,
} from '../../core/state/bulk-action';
import { plural } from '../../shared/plural';
import { PropertiesClient } from './properties-client';
import { withPropertyListView } from './property-list-view';
import { withPropertySelection } from './property-selection';

/** Purges in flight at once in a bulk purge: quick for hundreds, no burst for the API to refuse. */
export const PURGE_CONCURRENCY = 4;

/** "1 property", "5,000 properties", the number written the user's way. */
export function countProperties(count: number, numbers: Intl.NumberFormat): string {
  return plural(count, { one: 'property', other: 'properties' }, numbers.format(count));
}

/**
 * The properties list: every property of the account, loaded once, then searched, ordered and
 * paged in memory as the URL says (`withPropertyListView`); the ticked ones
 * (`withPropertySelection`) purged together, each result in `bulkPurge`.
 */
export const PropertiesStore = signalStore(
  withPropertyList(),
  withPropertyListView(),
  withPropertySelection(),
  withBulkAction('bulkPurge', type<Property>()),
  withProps(() => ({
    _purges: inject(PropertiesClient),
    _numbers: new Intl.NumberFormat(inject(LOCALE_ID)),
  })),
  withMethods((store) => {
    const purgeEach: BulkTask<Property> = {
      concurrency: PURGE_CONCURRENCY,
      run: async (property) => {
        const record = await firstValueFrom(store._purges.purge(property.id, { type: 'all' }));
        // The row's "Last purge" says so at once.
        patchState(
          store,
          updateEntity(
            { id: property.id, changes: { lastPurgedAt: record.createdAt } },
            { collection: 'property' },
          ),
        );
      },
      describeFailure: (error) => apiFailure(error, { 404: 'This property no longer exists.' }),
    };
    return {
      /**
       * Purges everything on each property, at most {@link PURGE_CONCURRENCY} at a time, each
       * result in `bulkPurge` as it settles. Skipped while a bulk purge runs.
       */
      purgeEverything(properties: readonly Property[]): Promise<ActionResult<BulkSummary>> {
        const heading =
          properties.length === 1
            ? `Purging ${properties[0].hostname}`
            : `Purging ${countProperties(properties.length, store._numbers)}`;
        return runBulk(
          store,
          'bulkPurge',
          { heading, items: properties, id: (p) => p.id, label: (p) => p.hostname },
          purgeEach,
        );
      },

      /** Purges again the properties of the last bulk purge with these ids (those that failed). */
      retryPurges(ids: readonly number[]): Promise<ActionResult<BulkSummary>> {
        return retryBulk(store, 'bulkPurge', ids, purgeEach);
      },
    };
  }),
  withHooks({ onInit: (store) => store.loadProperties() }),
);
