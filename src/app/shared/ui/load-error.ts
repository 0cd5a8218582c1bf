import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * What every page shows when its data could not be loaded: what failed, why in words, and a way
 * to try again. Announced at once (role="alert").
 *
 * ```html
 * <pdm-load-error what="Your API keys" [reason]="status.message" (retry)="store.load()" />
 * ```
 */
@Component({
  selector: 'pdm-load-error',
  imports: [MatButtonModule],
  template: `
    <div role="alert">
      <p class="message">{{ what() }} could not be loaded. {{ reason() }}</p>
    </div>
    <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
  `,
  styles: `
    :host {
      display: block;
      margin: 16px 0;
    }
    .message {
      color: var(--mat-sys-error);
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  /** What failed to load, as the start of a sentence: "Your API keys", "The history". */
  readonly what = input.required<string>();
  /** Why, in words (from apiErrorMessage). */
  readonly reason = input<string | null>('');
  readonly retry = output();
}
