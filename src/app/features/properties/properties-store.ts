import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withMethods, withState } from '@ngrx/signals';
import { setAllEntities, withEntities } from '@ngrx/signals/entities';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { debounceTime, distinctUntilChanged, firstValueFrom, map, pipe, tap } from 'rxjs';
import { apiErrorMessage } from '../../core/api/api-error-message';
import { Property, PropertyListClient } from '../../core/api/property-list-client';

/** Long enough to skip the keystrokes of a fluent typist, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 120;
export const PAGE_SIZES: readonly number[] = [25, 50, 100];

interface PropertiesState {
  status: 'loading' | 'loaded' | 'error';
  loadError: string | null;
  /** The search as applied (trimmed, debounced), not as typed. */
  query: string;
  pageIndex: number;
  pageSize: number;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The properties list: loads every property of the account once, then searches and pages in
 * memory. Accounts have thousands of properties, so the lower-cased search text is built once
 * per load, a keystroke only runs a `includes` per property, and only one page is rendered.
 */
export const PropertiesStore = signalStore(
  withEntities<Property>(),
  withState<PropertiesState>({
    status: 'loading',
    loadError: null,
    query: '',
    pageIndex: 0,
    pageSize: 50,
  }),
  withComputed(({ entities, query, pageIndex, pageSize }) => {
    const searchable = computed(() =>
      [...entities()]
        .sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.hostname, b.hostname))
        .map((property) => ({
          property,
          text: `${property.name}\n${property.hostname}`.toLowerCase(),
        })),
    );
    const matches = computed(() => {
      // Every word must appear, so "blog demo" finds "Demo Media blog".
      const words = query().toLowerCase().split(/\s+/).filter(Boolean);
      const all = searchable();
      return words.length === 0
        ? all
        : all.filter(({ text }) => words.every((word) => text.includes(word)));
    });
    return {
      total: computed(() => entities().length),
      matchCount: computed(() => matches().length),
      visible: computed(() => {
        const start = pageIndex() * pageSize();
        return matches()
          .slice(start, start + pageSize())
          .map(({ property }) => property);
      }),
    };
  }),
  withMethods((store) => {
    const client = inject(PropertyListClient);
    return {
      async load(): Promise<void> {
        patchState(store, { status: 'loading', loadError: null });
        try {
          const properties = await firstValueFrom(client.list());
          patchState(store, setAllEntities(properties), { status: 'loaded' });
        } catch (error) {
          patchState(store, { status: 'error', loadError: apiErrorMessage(error) });
        }
      },

      /** Applies what the user types, once they pause; a new search starts at the first page. */
      search: rxMethod<string>(
        pipe(
          map((typed) => typed.trim()),
          debounceTime(SEARCH_DEBOUNCE_MS),
          distinctUntilChanged(),
          tap((query) => patchState(store, { query, pageIndex: 0 })),
        ),
      ),

      showPage(pageIndex: number, pageSize: number): void {
        patchState(store, { pageIndex, pageSize });
      },
    };
  }),
);
