import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { plural, PluralForms } from '../plural';
import { BulkItemResult } from '../run-bounded';
import { ErrorBlock } from './error-block';

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
 * determinate bar, a count in a polite live region, and each item's result. Once finished,
 * failures are said in the panel's error style: the items that may still succeed can be retried
 * together; those that no longer exist (404) are counted apart and never retried, and when only
 * they are left the way on is reloading the list.
 *
 * ```html
 * <pdm-bulk-progress heading="Revoking keys" verb="revoked" [noun]="{ one: 'key', other: 'keys' }"
 *   [items]="items()" (retry)="retry($event)" (reload)="store.load()" />
 * ```
 */
@Component({
  selector: 'pdm-bulk-progress',
  imports: [ErrorBlock],
  template: `
    <h3>{{ heading() }}</h3>
    <div
      class="bar"
      role="progressbar"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="percent()"
      [attr.aria-label]="heading()"
      [attr.aria-valuetext]="summary()"
    >
      <span [style.width.%]="percent()"></span>
    </div>
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
    @if (failureMessage(); as message) {
      <pdm-error-block
        [message]="message"
        [retryable]="true"
        [retryLabel]="retryLabel()"
        (retry)="retryOrReload()"
      />
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
    // Material 3's determinate linear progress, without Material's component on the list pages.
    .bar {
      height: 4px;
      overflow: hidden;
      background: var(--mat-sys-surface-variant);
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--mat-sys-primary);
      transition: width 250ms ease;
    }
    @media (prefers-reduced-motion: reduce) {
      .bar span {
        transition: none;
      }
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
  /** What one item is called, for counts such as "2 keys no longer exist". */
  readonly noun = input<PluralForms>({ one: 'item', other: 'items' });
  readonly items = input.required<readonly BulkProgressItem[]>();
  /** Emits the ids of the failed items that may still succeed when the user asks to retry them. */
  readonly retry = output<number[]>();
  /** Asks to reload the list, when the only failed items left no longer exist. */
  readonly reload = output();

  private readonly settled = computed(
    () => this.items().filter((item) => item.result.kind !== 'pending').length,
  );
  protected readonly failedIds = computed(() =>
    this.items()
      .filter((item) => item.result.kind === 'failed')
      .map((item) => item.id),
  );
  private readonly goneCount = computed(
    () => this.items().filter((item) => item.result.kind === 'failed' && item.result.gone).length,
  );
  /** Failed for a reason trying again may cure: not those that no longer exist. */
  protected readonly retryableIds = computed(() =>
    this.items()
      .filter((item) => item.result.kind === 'failed' && !item.result.gone)
      .map((item) => item.id),
  );
  protected readonly failureMessage = computed(() => {
    if (!this.finished() || this.failedIds().length === 0) {
      return null;
    }
    const retryable = this.retryableIds().length;
    const gone = this.goneCount();
    const parts: string[] = [];
    if (retryable > 0) {
      parts.push(`${plural(retryable, this.noun())} could not be ${this.verb()}.`);
    }
    if (gone > 0) {
      parts.push(
        `${plural(gone, this.noun())} no longer ${gone === 1 ? 'exists' : 'exist'}` +
          (retryable > 0 ? '.' : ': reload the list to see what is left.'),
      );
    }
    return parts.join(' ');
  });
  protected readonly retryLabel = computed(() =>
    this.retryableIds().length > 0
      ? `Retry ${this.retryableIds().length} failed`
      : 'Reload the list',
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

  protected retryOrReload(): void {
    if (this.retryableIds().length > 0) {
      this.retry.emit(this.retryableIds());
    } else {
      this.reload.emit();
    }
  }

  protected failedMessage(item: BulkProgressItem): string {
    return item.result.kind === 'failed' ? item.result.message : '';
  }
}
