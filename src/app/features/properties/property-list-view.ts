import { computed, type Signal } from '@angular/core';
import {
  patchState,
  signalStoreFeature,
  type,
  withComputed,
  withMethods,
  withState,
} from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { tap } from 'rxjs';
import { Property } from '../../core/api/property-list-client';
import { firstInOrder, propertyOrders, PropertySort } from './property-order';

export const PAGE_SIZES: readonly number[] = [25, 50, 100];

/** What the URL says the list shows: `?q=&page=&sort=`, already checked. */
export interface PropertiesView {
  readonly query: string;
  readonly pageIndex: number;
  readonly sort: PropertySort;
}

interface ListViewState {
  /** The search as applied (trimmed), not as typed. */
  query: string;
  pageIndex: number;
  pageSize: number;
  sort: PropertySort;
}

/** Pages ending within this many rows come from a partial selection, deeper ones from a sort. */
const PARTIAL_ORDER_LIMIT = 500;

/**
 * The list as shown: searched, ordered and paged in memory. Accounts have thousands of
 * properties, so nothing before the first rows grows with the account beyond storing them: the
 * shown page is picked without sorting the whole list, a property's lower-cased search text is
 * built on the first search that reads it (and kept until the property changes), and only one
 * page is rendered. A full sort happens only for a page deep in the list or for "select all
 * matching".
 */
export function withPropertyListView() {
  return signalStoreFeature(
    { props: type<{ propertyEntities: Signal<Property[]> }>() },
    withState<ListViewState>({ query: '', pageIndex: 0, pageSize: 50, sort: 'name' }),
    withComputed(({ propertyEntities, query, pageIndex, pageSize, sort }) => {
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
        const all = propertyEntities();
        return words.length === 0
          ? all
          : all.filter((property) => words.every((word) => searchText(property).includes(word)));
      });
      const ordered = computed(() => [...matches()].sort(propertyOrders[sort()]));
      const shownPageIndex = computed(() =>
        Math.max(0, Math.min(pageIndex(), Math.ceil(matches().length / pageSize()) - 1)),
      );
      return {
        total: computed(() => propertyEntities().length),
        matchCount: computed(() => matches().length),
        /** Every property the search matches, in list order, for "select all N matching". */
        matching: ordered,
        /** The page shown: the one asked for, or the last one when fewer matches are left. */
        shownPageIndex,
        visible: computed(() => {
          const start = shownPageIndex() * pageSize();
          const end = start + pageSize();
          return end <= PARTIAL_ORDER_LIMIT
            ? firstInOrder(matches(), end, propertyOrders[sort()]).slice(start)
            : ordered().slice(start, end);
        }),
      };
    }),
    withMethods((store) => ({
      showPage(pageIndex: number, pageSize: number): void {
        patchState(store, { pageIndex, pageSize });
      },

      /**
       * Shows what the URL asks for (search, page and order); given a signal, follows it. An
       * rxMethod, not signalMethod: that would add its code to the chunk every visitor loads.
       */
      showView: rxMethod<PropertiesView>(
        tap(({ query, pageIndex, sort }) =>
          patchState(store, { query: query.trim(), pageIndex, sort }),
        ),
      ),
    })),
  );
}
