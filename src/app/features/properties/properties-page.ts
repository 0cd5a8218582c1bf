import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  HostListener,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { BulkItemResult } from '../../shared/run-bounded';
import { BulkProgress, BulkProgressItem } from '../../shared/ui/bulk-progress';
import { ConfirmDialog, ConfirmDialogData } from '../../shared/ui/confirm-dialog';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { RelativeTime } from '../../shared/ui/relative-time';
import { Property } from '../../core/api/property-list-client';
import { PAGE_SIZES, PropertiesStore } from './properties-store';
import { plural } from '../../shared/plural';
import { LoadError } from '../../shared/ui/load-error';

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
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    RelativeTime,
    MatCheckboxModule,
    BulkProgress,
  ],
  providers: [PropertiesStore, { provide: MatPaginatorIntl, useFactory: propertiesPaginatorIntl }],
  templateUrl: './properties-page.html',
  styleUrl: './properties-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesPage {
  protected readonly store = inject(PropertiesStore);
  private readonly count = new Intl.NumberFormat(inject(LOCALE_ID));

  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly columns = ['select', 'name', 'hostname', 'lastPurgedAt', 'actions'];

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
    const confirmed = await firstValueFrom(this.dialog.open(ConfirmDialog, { data }).afterClosed());
    if (confirmed !== true || this.destroyRef.destroyed) {
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

  protected search(event: Event): void {
    this.store.search((event.target as HTMLInputElement).value);
  }

  protected showPage(event: PageEvent): void {
    this.store.showPage(event.pageIndex, event.pageSize);
  }
}
