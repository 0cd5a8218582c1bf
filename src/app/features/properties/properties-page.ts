import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
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
  ],
  providers: [PropertiesStore, { provide: MatPaginatorIntl, useFactory: propertiesPaginatorIntl }],
  templateUrl: './properties-page.html',
  styleUrl: './properties-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesPage {
  protected readonly store = inject(PropertiesStore);
  private readonly count = new Intl.NumberFormat(inject(LOCALE_ID));

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

  protected search(event: Event): void {
    this.store.search((event.target as HTMLInputElement).value);
  }

  protected showPage(event: PageEvent): void {
    this.store.showPage(event.pageIndex, event.pageSize);
  }
}
