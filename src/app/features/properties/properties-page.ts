import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  HostListener,
  inject,
  Injector,
  input,
  LOCALE_ID,
  PendingTasks,
  signal,
  untracked,
  ElementRef,
  viewChild,
} from '@angular/core';
import { BulkItemResult } from '../../shared/run-bounded';
import { BulkProgress, BulkProgressItem } from '../../shared/ui/bulk-progress';
import type { ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { Dialogs } from '../../shared/ui/dialogs';
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
import { ListPager, PageChange } from './list-pager';
import { ListScrollMemory } from './list-scroll-memory';
import { plural } from '../../shared/plural';
import { LoadError } from '../../shared/ui/load-error';
import { Icon } from '../../shared/ui/icon';
import { LoadingBar } from '../../shared/ui/loading-bar';

/** Rows rendered per task when the list first arrives: about a phone's screenful. */
const ROWS_PER_TASK = 10;

/** `/properties`: every property of the account, searchable by name or hostname. */
@Component({
  selector: 'pdm-properties-page',
  imports: [LoadError, Icon, RouterLink, ListPager, LoadingBar, RelativeTime, BulkProgress],
  providers: [PropertiesStore],
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

  private readonly dialogs = inject(Dialogs);
  private readonly destroyRef = inject(DestroyRef);
  private readonly bulkBar = viewChild<ElementRef<HTMLElement>>('bulkBar');

  /** Ticked properties, by id; they stay ticked across searches and pages. */
  protected readonly selectedIds = signal<ReadonlySet<number>>(new Set());
  protected readonly selectedCount = computed(() => this.selectedIds().size);
  protected readonly pageAllSelected = computed(
    () =>
      this.store.visible().length > 0 &&
      this.store.visible().every((property) => this.selectedIds().has(property.id)),
  );
  protected readonly pageSomeSelected = computed(
    () =>
      !this.pageAllSelected() &&
      this.store.visible().some((property) => this.selectedIds().has(property.id)),
  );
  /** Offered once the page is ticked and the search matches more than the page shows. */
  protected readonly canSelectAllMatching = computed(
    () =>
      this.pageAllSelected() &&
      this.store.matchCount() > this.store.visible().length &&
      this.store.matching().some((property) => !this.selectedIds().has(property.id)),
  );
  protected readonly matchCountText = computed(() => this.count.format(this.store.matchCount()));
  protected readonly bulkPurge = signal<{
    readonly heading: string;
    readonly items: readonly BulkProgressItem[];
  } | null>(null);
  protected readonly purging = computed(
    () => this.bulkPurge()?.items.some((item) => item.result.kind === 'pending') ?? false,
  );
  /** The properties of the current run, by id, for retrying the failed ones. */
  private runProperties = new Map<number, Property>();
  protected readonly pageSizes = PAGE_SIZES;

  /**
   * How many of the page's rows are rendered. When the list first arrives, a screenful shows at
   * once and the rest follows a screenful per task, so that no single task renders 50 rows on a
   * slow phone (Lighthouse's blocking time); after that every row renders. The app is not stable
   * (`whenStable`, the tests) until all of them are there.
   */
  private readonly shownRows = signal(ROWS_PER_TASK);
  private readonly allRowsShown = computed(() => this.shownRows() === Infinity);
  protected readonly rows = computed(() => this.store.visible().slice(0, this.shownRows()));
  private readonly pendingTasks = inject(PendingTasks);

  /** Said after each search, so screen-reader users learn the result without leaving the box. */
  protected readonly summary = computed(() => {
    if (this.store.loadStatus().kind === 'loading') {
      return 'Loading your properties…';
    }
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

  /** Closing or reloading the tab while purges run would leave some not sent: ask first. */
  @HostListener('window:beforeunload', ['$event'])
  protected confirmLeaving(event: BeforeUnloadEvent): void {
    if (this.purging()) {
      event.preventDefault();
    }
  }

  protected isSelected(property: Property): boolean {
    return this.selectedIds().has(property.id);
  }

  protected toggleProperty(property: Property, checked: boolean): void {
    this.selectedIds.update((ids) => {
      const next = new Set(ids);
      if (checked) {
        next.add(property.id);
      } else {
        next.delete(property.id);
      }
      return next;
    });
  }

  protected togglePage(checked: boolean): void {
    this.selectedIds.update((ids) => {
      const next = new Set(ids);
      for (const property of this.store.visible()) {
        if (checked) {
          next.add(property.id);
        } else {
          next.delete(property.id);
        }
      }
      return next;
    });
  }

  protected selectAllMatching(): void {
    this.selectedIds.update(
      (ids) => new Set([...ids, ...this.store.matching().map((property) => property.id)]),
    );
  }

  protected clearSelection(): void {
    this.selectedIds.set(new Set());
    // The button that had focus is gone with the selection: stay in the bar, not on <body>.
    this.bulkBar()?.nativeElement.focus();
  }

  /** Purges the ticked properties, those the search shows first, then any it hides. */
  protected async purgeSelected(): Promise<void> {
    const ids = this.selectedIds();
    const shown = this.store.matching().filter((property) => ids.has(property.id));
    const shownIds = new Set(shown.map((property) => property.id));
    const hidden = this.store
      .entities()
      .filter((property) => ids.has(property.id) && !shownIds.has(property.id));
    await this.confirmAndPurge([...shown, ...hidden]);
  }

  protected async purgeOne(property: Property): Promise<void> {
    await this.confirmAndPurge([property]);
  }

  protected async retryFailedPurges(ids: readonly number[]): Promise<void> {
    const run = this.bulkPurge();
    const properties = ids.flatMap((id) => this.runProperties.get(id) ?? []);
    if (run === null || properties.length === 0 || this.purging()) {
      return;
    }
    this.bulkPurge.set({
      ...run,
      items: run.items.map((item) =>
        ids.includes(item.id) ? { ...item, result: { kind: 'pending' } } : item,
      ),
    });
    await this.store.purgeEach(properties, (property, result) =>
      this.settlePurge(property, result),
    );
  }

  private async confirmAndPurge(properties: readonly Property[]): Promise<void> {
    if (properties.length === 0 || this.purging()) {
      return;
    }
    const count = plural(
      properties.length,
      { one: 'property', other: 'properties' },
      this.count.format(properties.length),
    );
    const shown = properties.slice(0, 3).map((property) => property.hostname);
    const more =
      properties.length > 3
        ? ` and ${plural(properties.length - 3, { one: 'other', other: 'others' }, this.count.format(properties.length - 3))}`
        : '';
    const data: ConfirmDialogData = {
      title:
        properties.length === 1
          ? `Purge everything on ${shown[0]}?`
          : `Purge everything on ${count}?`,
      message:
        `Every cached file of ${shown.join(', ')}${more} is dropped; the next visitors are ` +
        'served from the origin until the cache fills again.',
      confirmLabel: properties.length === 1 ? 'Purge everything' : `Purge ${count}`,
      destructive: true,
    };
    const confirmed = await this.dialogs.confirm(data);
    if (!confirmed || this.destroyRef.destroyed) {
      return;
    }
    this.runProperties = new Map(properties.map((property) => [property.id, property]));
    this.bulkPurge.set({
      heading: properties.length === 1 ? `Purging ${shown[0]}` : `Purging ${count}`,
      items: properties.map((property) => ({
        id: property.id,
        label: property.hostname,
        result: { kind: 'pending' },
      })),
    });
    await this.store.purgeEach(properties, (property, result) =>
      this.settlePurge(property, result),
    );
  }

  private settlePurge(property: Property, result: BulkItemResult): void {
    this.bulkPurge.update(
      (run) =>
        run && {
          ...run,
          items: run.items.map((item) => (item.id === property.id ? { ...item, result } : item)),
        },
    );
  }

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
    const reveal = effect(() => {
      if (this.store.loadStatus().kind === 'loaded') {
        reveal.destroy();
        untracked(() => this.revealRows());
      }
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

  private revealRows(): void {
    const done = this.pendingTasks.add();
    const step = () => {
      if (this.destroyRef.destroyed || this.shownRows() >= this.store.visible().length) {
        this.shownRows.set(Infinity);
        done();
        return;
      }
      this.shownRows.update((shown) => shown + ROWS_PER_TASK);
      // Queued after the render this update schedules, so each screenful is its own task.
      setTimeout(step);
    };
    setTimeout(step);
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

  protected showPage(event: PageChange): void {
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
      const kind = this.store.loadStatus().kind;
      if (kind === 'failed' || (kind === 'loaded' && this.allRowsShown())) {
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
