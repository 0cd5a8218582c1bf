import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  LOCALE_ID,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Property } from '../../core/api/property-list-client';
import { plural } from '../../shared/plural';
import { BulkBar } from '../../shared/ui/bulk-bar';
import { BulkProgress } from '../../shared/ui/bulk-progress';
import type { ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { Dialogs } from '../../shared/ui/dialogs';
import { EmptyState } from '../../shared/ui/empty-state';
import { LoadError } from '../../shared/ui/load-error';
import { LoadingBar } from '../../shared/ui/loading-bar';
import { ListPager, PageChange } from './list-pager';
import { restoreScrollOnBack } from './list-scroll-memory';
import { PropertiesControls } from './properties-controls';
import { countProperties, PropertiesStore } from './properties-store';
import { PropertiesTable } from './properties-table';
import { PAGE_SIZES, PropertiesView } from './property-list-view';
import { parseSort, PropertySort, SORT_LABELS } from './property-order';
import { revealRows } from './row-reveal';

/** Rows rendered per task when the list first arrives: about a phone's screenful. */
const ROWS_PER_TASK = 10;

/** `/properties`: every property of the account, searchable by name or hostname. */
@Component({
  selector: 'pdm-properties-page',
  imports: [
    BulkBar,
    BulkProgress,
    EmptyState,
    ListPager,
    LoadError,
    LoadingBar,
    PropertiesControls,
    PropertiesTable,
    RouterLink,
  ],
  providers: [PropertiesStore],
  templateUrl: './properties-page.html',
  styleUrl: './properties-page.scss',
  // Closing or reloading the tab while purges run would leave some not sent: ask first.
  host: { '(window:beforeunload)': 'confirmLeaving($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesPage {
  protected readonly store = inject(PropertiesStore);
  private readonly router = inject(Router);
  private readonly dialogs = inject(Dialogs);
  private readonly destroyRef = inject(DestroyRef);
  private readonly numbers = new Intl.NumberFormat(inject(LOCALE_ID));
  private readonly bulkBar = viewChild(BulkBar);
  private readonly controls = viewChild(PropertiesControls);

  /** `?q=`: the search, as typed. */
  readonly q = input<string>();
  /** `?page=`: 1-based, as people count pages. */
  readonly page = input<string>();
  /** `?sort=`: name (default), hostname or last-purge. */
  readonly sort = input<string>();

  /** What the URL asks the list to show. */
  protected readonly view = computed<PropertiesView>(() => ({
    query: this.q() ?? '',
    pageIndex: parsePage(this.page()),
    sort: parseSort(this.sort()),
  }));
  protected readonly sortLabel = computed(() => SORT_LABELS[this.view().sort].toLowerCase());
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly matchCountText = computed(() => this.numbers.format(this.store.matchCount()));

  private readonly shownRows = revealRows(
    () => this.store.propertiesStatus().kind === 'loaded',
    () => this.store.visible().length,
    ROWS_PER_TASK,
  );
  protected readonly rows = computed(() => this.store.visible().slice(0, this.shownRows()));

  /** "123 properties": all of them, whatever the search. */
  protected readonly countText = computed(() => countProperties(this.store.total(), this.numbers));

  /** Said after each search, so screen-reader users learn the result without leaving the box. */
  protected readonly summary = computed(() => {
    if (this.store.propertiesStatus().kind === 'loading') {
      return 'Loading your properties…';
    }
    const properties = this.countText();
    const query = this.store.query();
    if (query === '') {
      return properties;
    }
    const matches = this.store.matchCount();
    return matches === 0
      ? `No property matches “${query}”`
      : `${this.numbers.format(matches)} of ${properties} match “${query}”`;
  });

  constructor() {
    this.store.showView(this.view);
    restoreScrollOnBack(() => {
      const kind = this.store.propertiesStatus().kind;
      return kind === 'failed' || (kind === 'loaded' && this.shownRows() === Infinity);
    });
  }

  protected confirmLeaving(event: BeforeUnloadEvent): void {
    if (this.store.bulkPurgeRunning()) {
      event.preventDefault();
    }
  }

  protected clearSelection(): void {
    this.store.clearSelection();
    // With nothing ticked and nothing matching, the bar goes: the search is where to go on.
    if (this.store.matchCount() === 0) {
      this.controls()?.focusSearch();
    } else {
      this.bulkBar()?.focus();
    }
  }

  /** Purges the ticked properties, those the search shows first, then any it hides. */
  protected async purgeSelected(): Promise<void> {
    await this.confirmAndPurge(this.store.selected());
  }

  protected async purgeOne(property: Property): Promise<void> {
    await this.confirmAndPurge([property]);
  }

  private async confirmAndPurge(properties: readonly Property[]): Promise<void> {
    if (properties.length === 0 || this.store.bulkPurgeRunning()) {
      return;
    }
    const confirmed = await this.dialogs.confirm(purgeQuestion(properties, this.numbers));
    if (confirmed && !this.destroyRef.destroyed) {
      await this.store.purgeEverything(properties);
    }
  }

  /** Nothing matched: back to every property, the caret in the search box. */
  protected clearSearch(): void {
    this.controls()?.clearSearch();
  }

  /** The search replaces the URL (Back should not replay every pause) and starts at page 1. */
  protected search(text: string): void {
    this.showInUrl({ q: text || null, page: null }, true);
  }

  protected sortBy(sort: PropertySort): void {
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
}

/** "Purge everything on 6 properties?", naming the first three hostnames. */
function purgeQuestion(
  properties: readonly Property[],
  numbers: Intl.NumberFormat,
): ConfirmDialogData {
  const count = countProperties(properties.length, numbers);
  const shown = properties.slice(0, 3).map((property) => property.hostname);
  const others = properties.length - 3;
  const more =
    others > 0
      ? ` and ${plural(others, { one: 'other', other: 'others' }, numbers.format(others))}`
      : '';
  return {
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
}

/** `?page=` as a 0-based index; anything but a positive whole number is the first page. */
function parsePage(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page - 1 : 0;
}
