import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
  output,
} from '@angular/core';
import { Field, FieldControl } from '../../shared/ui/field';
import { Icon } from '../../shared/ui/icon';

/** What the user asked the pager for: a 0-based page and how many rows a page holds. */
export interface PageChange {
  readonly pageIndex: number;
  readonly pageSize: number;
}

/**
 * Pages of a long list: rows per page, "51 – 100 of 5,003", first, previous, next and last.
 *
 * Material's paginator does the same, but its page-size `MatSelect` brings the CDK overlay,
 * `LiveAnnouncer` and, through it, Angular's HTML sanitizer into the initial chunk every
 * visitor downloads (2.2 kB brotli on the sign-in page, `npm run bench`). A native select,
 * in the panel's text field (`pdm-field`), looks the same as the sort control beside the search.
 */
@Component({
  selector: 'pdm-list-pager',
  imports: [Field, FieldControl, Icon],
  template: `
    <div class="pager" role="group" [attr.aria-label]="label()">
      <pdm-field class="page-size" [label]="pageSizeLabel()">
        <select pdmFieldControl (change)="changePageSize($event)">
          @for (size of pageSizes(); track size) {
            <option [value]="size" [selected]="size === pageSize()">{{ size }}</option>
          }
        </select>
      </pdm-field>
      <span class="range" role="status">{{ range() }}</span>
      <span class="buttons">
        <button
          class="icon-button"
          type="button"
          aria-label="First page"
          [disabled]="isFirst()"
          (click)="goTo(0)"
        >
          <pdm-icon name="first-page" />
        </button>
        <button
          class="icon-button"
          type="button"
          aria-label="Previous page"
          [disabled]="isFirst()"
          (click)="goTo(pageIndex() - 1)"
        >
          <pdm-icon name="previous" />
        </button>
        <button
          class="icon-button"
          type="button"
          aria-label="Next page"
          [disabled]="isLast()"
          (click)="goTo(pageIndex() + 1)"
        >
          <pdm-icon name="next" />
        </button>
        <button
          class="icon-button"
          type="button"
          aria-label="Last page"
          [disabled]="isLast()"
          (click)="goTo(lastIndex())"
        >
          <pdm-icon name="last-page" />
        </button>
      </span>
    </div>
  `,
  styles: `
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: flex-end;
      gap: var(--pdm-space-2, 8px) var(--pdm-space-4, 16px);
      padding: var(--pdm-space-2, 8px) 0;
    }
    .page-size {
      width: 140px;
    }
    // Centred on the select, below its label.
    .range,
    .buttons {
      display: inline-flex;
      align-items: center;
      min-block-size: 56px;
    }
    .range {
      font: var(--mat-sys-body-medium);
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListPager {
  private readonly count = new Intl.NumberFormat(inject(LOCALE_ID));

  /** The group's accessible name, e.g. "Pages of properties". */
  readonly label = input.required<string>();
  readonly pageSizeLabel = input('Rows per page');
  /** How many rows the list has in all. */
  readonly length = input.required<number>();
  readonly pageIndex = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly pageSizes = input.required<readonly number[]>();
  readonly page = output<PageChange>();

  protected readonly lastIndex = computed(() =>
    Math.max(0, Math.ceil(this.length() / this.pageSize()) - 1),
  );
  protected readonly isFirst = computed(() => this.pageIndex() <= 0);
  protected readonly isLast = computed(() => this.pageIndex() >= this.lastIndex());
  protected readonly range = computed(() => {
    const length = this.length();
    const first = Math.min(this.pageIndex() * this.pageSize() + 1, length);
    const last = Math.min((this.pageIndex() + 1) * this.pageSize(), length);
    return `${this.count.format(first)} – ${this.count.format(last)} of ${this.count.format(length)}`;
  });

  protected goTo(pageIndex: number): void {
    this.page.emit({ pageIndex, pageSize: this.pageSize() });
  }

  /** Keeps the first row shown on screen, as Material's paginator does. */
  protected changePageSize(event: Event): void {
    const pageSize = Number((event.target as HTMLSelectElement).value);
    const firstRow = this.pageIndex() * this.pageSize();
    this.page.emit({ pageIndex: Math.floor(firstRow / pageSize), pageSize });
  }
}
