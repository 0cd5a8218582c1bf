import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Material 3's linear progress bar in CSS alone: a 4px track with a segment sweeping across it or,
 * for those who ask for less motion, the whole bar slowly fading in and out; with a `value`, the
 * determinate bar, filled to that percentage. Material's `mat-progress-bar` costs about 3 kB brotli
 * on a list page's first screen.
 *
 * ```html
 * <pdm-loading-bar label="Loading API keys" />
 * <pdm-loading-bar label="Purging the URLs in batches" [value]="40" valueText="2 of 5 batches sent" />
 * ```
 */
@Component({
  selector: 'pdm-loading-bar',
  template: `@if (value() !== null) {
    <span class="done" [style.width.%]="value()"></span>
  }`,
  host: {
    role: 'progressbar',
    '[attr.aria-label]': 'label()',
    '[class.determinate]': 'value() !== null',
    '[attr.aria-valuemin]': 'value() === null ? null : 0',
    '[attr.aria-valuemax]': 'value() === null ? null : 100',
    '[attr.aria-valuenow]': 'value()',
    '[attr.aria-valuetext]': 'valueText()',
  },
  styles: `
    :host {
      display: block;
      position: relative;
      height: 4px;
      overflow: hidden;
      background: var(--mat-sys-surface-variant);
    }
    :host(:not(.determinate))::before {
      content: '';
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      width: 40%;
      background: var(--mat-sys-primary);
      animation: sweep 1.6s cubic-bezier(0.4, 0, 0.2, 1) infinite;
    }
    .done {
      display: block;
      height: 100%;
      background: var(--mat-sys-primary);
      transition: width 250ms ease;
    }
    @media (prefers-reduced-motion: reduce) {
      :host(:not(.determinate))::before {
        width: 100%;
        animation: fade 2.4s ease-in-out infinite alternate;
      }
      .done {
        transition: none;
      }
    }
    @keyframes sweep {
      from {
        transform: translateX(-100%);
      }
      to {
        transform: translateX(250%);
      }
    }
    @keyframes fade {
      from {
        opacity: 0.3;
      }
      to {
        opacity: 1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadingBar {
  /** The bar's accessible name: what is loading, e.g. "Loading properties". */
  readonly label = input.required<string>();
  /** How far along, 0 to 100; null (the default) while that is not known. */
  readonly value = input<number | null>(null);
  /** The progress in words, e.g. "2 of 5 batches sent", read instead of the percentage. */
  readonly valueText = input<string | null>(null);
}
