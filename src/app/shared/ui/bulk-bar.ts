import { ChangeDetectionStrategy, Component, ElementRef, inject, input } from '@angular/core';

/**
 * The bar above a list with ticks: a hint while nothing is ticked, the selection's actions (the
 * content) once something is. Both lists use it, so selecting looks and behaves the same on each.
 * Content marked `pdmBulkAlways` shows with or without a selection, after the rest. The bar keeps
 * a button's height either way, so ticking the first row moves nothing below it.
 *
 * ```html
 * <pdm-bulk-bar label="Selected keys" hint="Tick keys to revoke several at once."
 *   [selectedCount]="selected().length">
 *   <button …>Revoke 2 selected…</button>
 *   <button pdmBulkAlways …>Revoke every key…</button>
 * </pdm-bulk-bar>
 * ```
 */
@Component({
  selector: 'pdm-bulk-bar',
  template: `
    @if (selectedCount() === 0) {
      <span class="hint">{{ hint() }}</span>
    } @else {
      <ng-content />
    }
    <ng-content select="[pdmBulkAlways]" />
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin: 8px 0 12px;
      // A button's height, so that the bar does not grow when the first row is ticked.
      min-block-size: 40px;
    }
    :host(:focus) {
      outline: none;
    }
    // A button's height too: when the bar wraps (a phone), the line the hint had is as tall as
    // the actions that replace it.
    .hint {
      display: inline-flex;
      align-items: center;
      min-block-size: 40px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--pdm-type-body-dense);
    }
  `,
  host: { role: 'group', '[attr.aria-label]': 'label()', tabindex: '-1' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkBar {
  /** Names the group for screen readers, e.g. "Selected properties". */
  readonly label = input.required<string>();
  /** Said while nothing is ticked, e.g. "Tick properties to purge several at once." */
  readonly hint = input.required<string>();
  readonly selectedCount = input.required<number>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** When the button that had focus goes with the selection: stay in the bar, not on <body>. */
  focus(): void {
    this.host.nativeElement.focus();
  }
}
