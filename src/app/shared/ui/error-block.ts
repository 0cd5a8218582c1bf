import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Icon } from './icon';

/**
 * The one way the panel shows that something failed: icon, colour and text together, placed
 * next to the control that failed, with Try again when trying again can help. Announced at once
 * (role="alert").
 *
 * ```html
 * <pdm-error-block [message]="error" [retryable]="true" [retrying]="busy()" (retry)="purgeAgain()" />
 * ```
 */
@Component({
  selector: 'pdm-error-block',
  imports: [Icon],
  template: `
    <div class="block" role="alert">
      <pdm-icon class="icon" name="error" />
      <p class="message"><span class="visually-hidden">Error: </span>{{ message() }}</p>
      @if (retryable()) {
        <!-- aria-disabled, not disabled: focus stays on the button while the action runs again. -->
        <button
          type="button"
          class="outlined-button"
          [attr.aria-disabled]="retrying() || null"
          (click)="retryUnlessRunning()"
        >
          {{ retrying() ? 'Trying again…' : retryLabel() }}
        </button>
      }
    </div>
  `,
  styleUrl: './error-block.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorBlock {
  readonly message = input.required<string>();
  /** Shows Try again; the parent decides what trying again means. */
  readonly retryable = input(false);
  /** The retry button's words, where "Try again" alone would not say what is repeated. */
  readonly retryLabel = input('Try again');
  /** Asks the parent to repeat exactly the action that failed, with the same input. */
  readonly retry = output();
  /**
   * The action is running again: the block stays where it is (so focus and place are kept) and
   * its button says so; when it fails again, the alert is said anew.
   */
  readonly retrying = input(false);

  protected retryUnlessRunning(): void {
    if (!this.retrying()) {
      this.retry.emit();
    }
  }
}
