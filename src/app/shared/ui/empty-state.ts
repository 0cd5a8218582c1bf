import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon, IconName } from './icon';

/**
 * What a list shows when it has nothing to show: an icon, what is the matter and what to do
 * next, and the way to do it (the content: a button or a link, `.outlined-button` say). Every list
 * says it the same way, with nothing yet as with nothing matching.
 *
 * ```html
 * <pdm-empty-state icon="search-off" text="No active key matches “ci”.">
 *   <button class="outlined-button" type="button" (click)="clearFilter()">Clear the filter</button>
 * </pdm-empty-state>
 * ```
 */
@Component({
  selector: 'pdm-empty-state',
  imports: [Icon],
  template: `
    <span class="icon"><pdm-icon [name]="icon()" /></span>
    @if (heading(); as heading) {
      <h2 class="heading" [id]="headingId()">{{ heading }}</h2>
    }
    <p class="text">{{ text() }}</p>
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--pdm-space-2);
      padding: var(--pdm-space-6) var(--pdm-space-5);
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: var(--pdm-radius-card);
      text-align: center;
    }
    .icon {
      display: grid;
      place-items: center;
      width: 56px;
      height: 56px;
      border-radius: 50%;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      --pdm-icon-size: 28px;
    }
    .heading {
      margin: var(--pdm-space-2) 0 0;
      font: var(--pdm-type-subsection-title);
    }
    .text {
      max-width: 60ch;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--pdm-type-body-dense);
    }
    .actions:not(:empty) {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: var(--pdm-space-2);
      margin-top: var(--pdm-space-2);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly icon = input.required<IconName>();
  /** What is the matter, as a heading (level 2), where the state stands for a whole section. */
  readonly heading = input<string>();
  /** An id for the heading, for a section it names (`aria-labelledby`). */
  readonly headingId = input<string | null>(null);
  /** What it means and what to do next. */
  readonly text = input.required<string>();
}
