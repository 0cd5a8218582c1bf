import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  Injector,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { RelativeTime } from '../../shared/ui/relative-time';
import { Property } from '../../core/api/property-list-client';
import {
  PAGE_SIZES,
  PROPERTY_SORTS,
  PropertiesStore,
  PropertySort,
  SEARCH_DEBOUNCE_MS,
} from './properties-store';
import { ListScrollMemory } from './list-scroll-memory';
import { plural } from '../../shared/plural';
import { LoadError } from '../../shared/ui/load-error';
import { Icon } from '../../shared/ui/icon';

/** The paginator's words, with numbers grouped as in the summary above it ("5,003"). */
function propertiesPaginatorIntl(): MatPaginatorIntl {
  const intl = new MatPaginatorIntl();
  const count = new Intl.NumberFormat(inject(LOCALE_ID));
  intl.itemsPerPageLabel = 'Properties per page:';
  intl.getRangeLabel = (page, size, length) => {
    const first = Math.min(page * size + 1, length);
    const last = Math.min((page + 1) * size, length);
    return `${count.format(first)} – ${count.format(last)} of ${count.format(length)}`;
  };
  return intl;
}

/** `/properties`: every property of the account, searchable by name or hostname. */
@Component({
  selector: 'pdm-properties-page',
  imports: [
    LoadError,
    Icon,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    RelativeTime,
  ],
  providers: [PropertiesStore, { provide: MatPaginatorIntl, useFactory: propertiesPaginatorIntl }],
  templateUrl: './properties-page.html',
  styleUrl: './properties-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesPage {
  protected readonly store = inject(PropertiesStore);
  private readonly count = new Intl.NumberFormat(inject(LOCALE_ID));
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly scrollMemory = inject(ListScrollMemory);

  /** `?q=`: the search, as typed. */
  readonly q = input<string>();
  /** `?page=`: 1-based, as people count pages. */
  readonly page = input<string>();
  /** `?sort=`: name (default), hostname or last-purge. */
  readonly sort = input<string>();

  protected readonly sorts: readonly { value: PropertySort; label: string }[] = [
    { value: 'name', label: 'Name' },
    { value: 'hostname', label: 'Hostname' },
    { value: 'last-purge', label: 'Last purge' },
  ];
  protected readonly sortValue = computed(() => parseSort(this.sort()));
  /**
   * What the search box shows: follows the URL when it changes from outside (Back, a bookmark),
   * never while the user types, so a late URL update cannot eat a keystroke.
   */
  protected readonly searchText = signal('');
  private sentQuery: string | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly columns = ['name', 'hostname', 'lastPurgedAt'];
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly trackById = (_: number, property: Property): number => property.id;

  /** Said after each search, so screen-reader users learn the result without leaving the box. */
  protected readonly summary = computed(() => {
    const total = this.store.total();
    const properties = plural(
      total,
      { one: 'property', other: 'properties' },
      this.count.format(total),
    );
    const query = this.store.query();
    if (query === '') {
      return properties;
    }
    const matches = this.store.matchCount();
    return matches === 0
      ? `No property matches “${query}”`
      : `${this.count.format(matches)} of ${properties} match “${query}”`;
  });

  protected readonly sortLabel = computed(
    () => this.sorts.find(({ value }) => value === this.sortValue())?.label.toLowerCase() ?? '',
  );

  constructor() {
    effect(() => {
      const query = this.q() ?? '';
      const view = { query, pageIndex: parsePage(this.page()), sort: this.sortValue() };
      untracked(() => {
        if (query !== this.sentQuery) {
          this.searchText.set(query);
        }
        this.sentQuery = null;
        this.store.showView(view);
      });
    });
    this.restoreScrollOnBack();
    // Noted as the user scrolls: by the time this page is destroyed the router already shows
    // the next URL.
    const rememberScroll = () => this.scrollMemory.remember(this.router.url, window.scrollY);
    window.addEventListener('scroll', rememberScroll, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.searchTimer);
      window.removeEventListener('scroll', rememberScroll);
    });
  }

  /** Typing waits for a pause, then replaces the URL (Back should not replay every keystroke). */
  protected search(event: Event): void {
    const typed = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.sentQuery = typed;
      this.showInUrl({ q: typed || null, page: null }, true);
    }, SEARCH_DEBOUNCE_MS);
  }

  protected sortBy(event: Event): void {
    const sort = parseSort((event.target as HTMLSelectElement).value);
    this.showInUrl({ sort: sort === 'name' ? null : sort, page: null });
  }

  protected showPage(event: PageEvent): void {
    if (event.pageSize !== this.store.pageSize()) {
      this.store.showPage(event.pageIndex, event.pageSize);
    }
    this.showInUrl({ page: event.pageIndex === 0 ? null : String(event.pageIndex + 1) });
  }

  private showInUrl(params: Record<string, string | null>, replaceUrl = false): void {
    void this.router.navigate([], {
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }

  /** After Back (or Forward) to this list, once the rows are there, where the user was. */
  private restoreScrollOnBack(): void {
    const navigation = this.router.currentNavigation();
    if (navigation?.trigger !== 'popstate') {
      return;
    }
    const url = this.router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl);
    const scrollY = this.scrollMemory.recall(url);
    if (scrollY === undefined) {
      return;
    }
    const restore = effect(() => {
      if (this.store.loadStatus().kind !== 'loading') {
        restore.destroy();
        afterNextRender(() => window.scrollTo(0, scrollY), { injector: this.injector });
      }
    });
  }
}

function parseSort(value: string | undefined): PropertySort {
  return (PROPERTY_SORTS as readonly string[]).includes(value ?? '')
    ? (value as PropertySort)
    : 'name';
}

/** `?page=` as a 0-based index; anything but a positive whole number is the first page. */
function parsePage(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page - 1 : 0;
}
