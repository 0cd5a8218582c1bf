import { computed, type Signal } from '@angular/core';
import {
  patchState,
  signalStoreFeature,
  type,
  withComputed,
  withMethods,
  withState,
} from '@ngrx/signals';
import { Property } from '../../core/api/property-list-client';

/** What ticking reads from the list: every property, those the search matches, the page shown. */
interface ListedProperties {
  propertyEntities: Signal<Property[]>;
  matching: Signal<Property[]>;
  visible: Signal<Property[]>;
}

/** How much of the shown page is ticked, for its header box: checked, indeterminate or neither. */
export type PageSelection = 'all' | 'some' | 'none';

/**
 * The ticked properties of the list, by id: they stay ticked across searches, orders and pages,
 * so a bulk purge can gather them from several searches. `selected()` gives them for the purge.
 */
export function withPropertySelection() {
  return signalStoreFeature(
    { props: type<ListedProperties>() },
    withState<{ selectedIds: ReadonlySet<number> }>({ selectedIds: new Set<number>() }),
    withComputed(({ selectedIds, propertyEntities, matching, visible }) => {
      const pageSelection = computed<PageSelection>(() => {
        const ticked = visible().filter((property) => selectedIds().has(property.id)).length;
        return ticked === 0 ? 'none' : ticked === visible().length ? 'all' : 'some';
      });
      return {
        selectedCount: computed(() => selectedIds().size),
        pageSelection,
        /** Offered once the page is ticked and the search matches more than the page shows. */
        canSelectAllMatching: computed(
          () =>
            pageSelection() === 'all' &&
            matching().length > visible().length &&
            matching().some((property) => !selectedIds().has(property.id)),
        ),
        /** The ticked properties: those the search shows first (in list order), then the rest. */
        selected: computed(() => {
          const ids = selectedIds();
          const shown = matching().filter((property) => ids.has(property.id));
          const shownIds = new Set(shown.map((property) => property.id));
          const hidden = propertyEntities().filter(
            (property) => ids.has(property.id) && !shownIds.has(property.id),
          );
          return [...shown, ...hidden];
        }),
      };
    }),
    withMethods((store) => {
      const tick = (ids: readonly number[], checked: boolean) => {
        const next = new Set(store.selectedIds());
        for (const id of ids) {
          if (checked) {
            next.add(id);
          } else {
            next.delete(id);
          }
        }
        patchState(store, { selectedIds: next });
      };
      return {
        select(property: Property, checked: boolean): void {
          tick([property.id], checked);
        },
        /** Ticks or unticks every property of the shown page, leaving the others as they are. */
        selectPage(checked: boolean): void {
          tick(
            store.visible().map((property) => property.id),
            checked,
          );
        },
        selectAllMatching(): void {
          tick(
            store.matching().map((property) => property.id),
            true,
          );
        },
        clearSelection(): void {
          patchState(store, { selectedIds: new Set<number>() });
        },
      };
    }),
  );
}
