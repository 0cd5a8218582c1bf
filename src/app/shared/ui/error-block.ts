import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Icon } from './icon';

/**
 * The one way the panel shows that something failed: icon, colour and text together, placed
 * next to the control that failed, with Try again when trying again can help. Announced at once
 * (role="alert").
 *
 * ```html
 * <pdm-error-block [message]="error" [retryable]="true" (retry)="purgeAgain()" />
 * ```
 */
@Component({
  selector: 'pdm-error-block',
  imports: [MatButtonModule, Icon],
  template: `
    <div class="block" role="alert">
      <pdm-icon class="icon" name="error" />
      <p class="message"><span class="visually-hidden">Error: </span>{{ message() }}</p>
      @if (retryable()) {
        <button mat-stroked-button type="button" class="retry" (click)="retry.emit()">
          Try again
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
  readonly retry = output();
}
