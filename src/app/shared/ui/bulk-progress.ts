import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BulkItemResult } from '../run-bounded';

/** One item of a bulk action as the progress list shows it. */
export interface BulkProgressItem {
  readonly id: number;
  /** How the user knows the item, e.g. `“CMS plugin” (pdm_AbCd…)` or a hostname. */
  readonly label: string;
  /** `pending` until the item settles. */
  readonly result: BulkItemResult | { readonly kind: 'pending' };
}

/**
 * The progress and outcome of an action run on many items (revoke keys, purge properties): a
 * determinate bar, a count in a polite live region, and each item's result. Failed items can be
 * retried together.
 *
 * ```html
 * <pdm-bulk-progress heading="Revoking keys" verb="revoked" [items]="items()" (retry)="retry($event)" />
 * ```
 */
@Component({
  selector: 'pdm-bulk-progress',
  imports: [MatButtonModule, MatProgressBarModule],
  template: `
    <h3>{{ heading() }}</h3>
    <mat-progress-bar
      mode="determinate"
      [value]="percent()"
      [attr.aria-label]="heading()"
      [attr.aria-valuetext]="summary()"
    />
    <p role="status" class="summary">{{ summary() }}</p>
    <!-- Scrolls when long: focusable, so keyboard users can scroll it too. -->
    <ul tabindex="0" [attr.aria-label]="heading() + ': each result'">
      @for (item of items(); track item.id) {
        <li [class.failed]="item.result.kind === 'failed'">
          <span class="label">{{ item.label }}</span>:
          @switch (item.result.kind) {
            @case ('pending') {
              waiting…
            }
            @case ('succeeded') {
              {{ verb() }}
            }
            @case ('failed') {
              failed. {{ failedMessage(item) }}
            }
          }
        </li>
      }
    </ul>
    @if (finished() && failedIds().length > 0) {
      <button mat-stroked-button type="button" (click)="retry.emit(failedIds())">
        Retry {{ failedIds().length }} failed
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 16px 0;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .summary {
      margin: 8px 0;
    }
    ul {
      margin: 0 0 12px;
      padding-inline-start: 20px;
      max-height: 320px;
      overflow-y: auto;
    }
    .label {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkProgress {
  /** What is being done, e.g. "Revoking keys"; names the bar and the result list. */
  readonly heading = input.required<string>();
  /** The past participle for a succeeded item: "revoked", "purged". */
  readonly verb = input.required<string>();
  readonly items = input.required<readonly BulkProgressItem[]>();
  /** Emits the ids of the failed items when the user asks to retry them. */
  readonly retry = output<number[]>();

  private readonly settled = computed(
    () => this.items().filter((item) => item.result.kind !== 'pending').length,
  );
  protected readonly failedIds = computed(() =>
    this.items()
      .filter((item) => item.result.kind === 'failed')
      .map((item) => item.id),
  );
  protected readonly finished = computed(() => this.settled() === this.items().length);
  protected readonly percent = computed(() =>
    this.items().length === 0 ? 100 : (100 * this.settled()) / this.items().length,
  );
  protected readonly summary = computed(() => {
    const total = this.items().length;
    const failedCount = this.failedIds().length;
    const done = `${this.settled()} of ${total} done`;
    const failedText = failedCount > 0 ? `, ${failedCount} failed` : '';
    return this.finished()
      ? `Finished: ${total - failedCount} of ${total} ${this.verb()}${failedText}.`
      : `${done}${failedText}…`;
  });

  protected failedMessage(item: BulkProgressItem): string {
    return item.result.kind === 'failed' ? item.result.message : '';
  }
}
