import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import {
  patchState,
  signalStore,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';
import { setAllEntities, updateEntity, withEntities } from '@ngrx/signals/entities';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import {
  debounceTime,
  distinctUntilChanged,
  firstValueFrom,
  map,
  pipe,
  switchMap,
  tap,
} from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api/api-error-message';
import { failed, loaded, loading, RequestStatus } from '../../core/api/request-status';
import { Property, PropertyListClient } from '../../core/api/property-list-client';
import { BulkItemResult, runBounded } from '../../shared/run-bounded';
import { PropertiesClient } from './properties-client';

/** Purges in flight at once in a bulk purge: quick for hundreds, no burst for the API to refuse. */
export const PURGE_CONCURRENCY = 4;

/** Long enough to skip the keystrokes of a fluent typist, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 120;
export const PAGE_SIZES: readonly number[] = [25, 50, 100];

/** The orders the list offers, as they appear in the URL (`?sort=`). */
export const PROPERTY_SORTS = ['name', 'hostname', 'last-purge'] as const;
export type PropertySort = (typeof PROPERTY_SORTS)[number];

/** What the URL says the list shows: `?q=&page=&sort=`, already checked. */
export interface PropertiesView {
  readonly query: string;
  readonly pageIndex: number;
  readonly sort: PropertySort;
}

interface PropertiesState {
  loadStatus: RequestStatus;
  /** The search as applied (trimmed, debounced), not as typed. */
  query: string;
  pageIndex: number;
  pageSize: number;
  sort: PropertySort;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const nameOrder = (a: Property, b: Property) =>
  byName.compare(a.name, b.name) || byName.compare(a.hostname, b.hostname);

/** Last purge: most recent first, never-purged properties last, ties by name. */
const comparators: Record<PropertySort, (a: Property, b: Property) => number> = {
  name: nameOrder,
  hostname: (a, b) => byName.compare(a.hostname, b.hostname) || byName.compare(a.name, b.name),
  'last-purge': (a, b) =>
    (b.lastPurgedAt?.getTime() ?? -Infinity) - (a.lastPurgedAt?.getTime() ?? -Infinity) ||
    nameOrder(a, b),
};

/** Pages ending within this many rows come from a partial selection, deeper ones from a sort. */
const PARTIAL_ORDER_LIMIT = 500;

/**
 * The first `count` items in `order`, as `[...items].sort(order).slice(0, count)` gives them
 * (ties keep their input order), without sorting them all: once the front is full, most items
 * cost one comparison. The first page of 5,000 properties needs about 5,000 comparisons rather
 * than the 60,000 of a full sort.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  order: (a: T, b: T) => number,
): T[] {
  const front: T[] = [];
  if (count <= 0) {
    return front;
  }
  for (const item of items) {
    if (front.length === count) {
      if (order(item, front[count - 1]) >= 0) {
        continue;
      }
      front.pop();
    }
    let low = 0;
    let high = front.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(item, front[middle]) < 0) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    front.splice(low, 0, item);
  }
  return front;
}

/**
 * The properties list: loads every property of the account once, then searches and pages in
 * memory. Accounts have thousands of properties, so nothing before the first rows grows with the
 * account beyond storing them: the shown page is picked without sorting the whole list, a
 * property's lower-cased search text is built on the first search that reads it (and kept until
 * the property changes), and only one page is rendered. A full sort happens only for a page deep
 * in the list or for "select all matching".
 */
export const PropertiesStore = signalStore(
  withEntities<Property>(),
  withState<PropertiesState>({
    loadStatus: loading,
    query: '',
    pageIndex: 0,
    pageSize: 50,
    sort: 'name' as PropertySort,
  }),
  withProps(() => ({ _client: inject(PropertyListClient), _purges: inject(PropertiesClient) })),
  withComputed(({ entities, query, pageIndex, pageSize, sort }) => {
    // Keyed by the property object: a purge replaces one property, and with it one text.
    const searchTexts = new WeakMap<Property, string>();
    const searchText = (property: Property): string => {
      let text = searchTexts.get(property);
      if (text === undefined) {
        text = `${property.name}\n${property.hostname}`.toLowerCase();
        searchTexts.set(property, text);
      }
      return text;
    };
    const matches = computed(() => {
      // Every word must appear, so "blog demo" finds "Demo Media blog".
      const words = query().toLowerCase().split(/\s+/).filter(Boolean);
      const all = entities();
      return words.length === 0
        ? all
        : all.filter((property) => words.every((word) => searchText(property).includes(word)));
    });
    const ordered = computed(() => [...matches()].sort(comparators[sort()]));
    const shownPageIndex = computed(() =>
      Math.max(0, Math.min(pageIndex(), Math.ceil(matches().length / pageSize()) - 1)),
    );
    return {
      total: computed(() => entities().length),
      matchCount: computed(() => matches().length),
      /** Every property the search matches, in list order, for "select all N matching". */
      matching: ordered,
      /** The page shown: the one asked for, or the last one when fewer matches are left. */
      shownPageIndex,
      visible: computed(() => {
        const start = shownPageIndex() * pageSize();
        const end = start + pageSize();
        return end <= PARTIAL_ORDER_LIMIT
          ? firstInOrder(matches(), end, comparators[sort()]).slice(start)
          : ordered().slice(start, end);
      }),
    };
  }),
  withMethods((store) => {
    return {
      /** (Re)loads every property; a new call cancels the request it replaces. */
      load: rxMethod<void>(
        pipe(
          tap(() => patchState(store, { loadStatus: loading })),
          switchMap(() =>
            store._client.list().pipe(
              tapResponse({
                next: (properties) =>
                  patchState(store, setAllEntities(properties), { loadStatus: loaded }),
                error: (error: unknown) =>
                  patchState(store, { loadStatus: failed(apiErrorMessage(error)) }),
              }),
            ),
          ),
        ),
      ),

      /** Applies what the user types, once they pause; a new search starts at the first page. */
      search: rxMethod<string>(
        pipe(
          map((typed) => typed.trim()),
          debounceTime(SEARCH_DEBOUNCE_MS),
          distinctUntilChanged(),
          tap((query) => patchState(store, { query, pageIndex: 0 })),
        ),
      ),

      /**
       * Purges everything on each property, at most {@link PURGE_CONCURRENCY} at a time, and
       * reports each as it settles; a purged property's "Last purge" updates at once.
       */
      purgeEach(
        properties: readonly Property[],
        onSettled: (property: Property, result: BulkItemResult) => void,
      ): Promise<void> {
        return runBounded(
          properties,
          PURGE_CONCURRENCY,
          async (property) => {
            const record = await firstValueFrom(store._purges.purge(property.id, { type: 'all' }));
            patchState(
              store,
              updateEntity({ id: property.id, changes: { lastPurgedAt: record.createdAt } }),
            );
          },
          onSettled,
          (error) => ({
            message: apiErrorMessage(error, { 404: 'This property no longer exists.' }),
            gone: isNotFound(error),
          }),
        );
      },

      showPage(pageIndex: number, pageSize: number): void {
        patchState(store, { pageIndex, pageSize });
      },

      /** Shows what the URL asks for (search, page and order), at once. */
      showView({ query, pageIndex, sort }: PropertiesView): void {
        patchState(store, { query: query.trim(), pageIndex, sort });
      },
    };
  }),
  withHooks({ onInit: (store) => store.load() }),
);
