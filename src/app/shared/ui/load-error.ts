import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { ErrorBlock } from './error-block';

/**
 * What every page shows when its data could not be loaded: what failed, why in words, and a way
 * to try again, in the one error style of the panel (ErrorBlock). Announced at once.
 *
 * ```html
 * <pdm-load-error what="Your API keys" [reason]="status.message" (retry)="store.load()" />
 * ```
 */
@Component({
  selector: 'pdm-load-error',
  imports: [ErrorBlock],
  template: `<pdm-error-block
    [message]="message()"
    [retryable]="true"
    [retrying]="retrying()"
    (retry)="retry.emit()"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  /** What failed to load, as the start of a sentence: "Your API keys", "The history". */
  readonly what = input.required<string>();
  /** Why, in words (from apiErrorMessage). */
  readonly reason = input<string | null>('');
  /** The load is running again: the alert stays in place and its button says "Trying again…". */
  readonly retrying = input(false);
  readonly retry = output();

  protected readonly message = computed(() =>
    `${this.what()} could not be loaded. ${this.reason() ?? ''}`.trim(),
  );
}
