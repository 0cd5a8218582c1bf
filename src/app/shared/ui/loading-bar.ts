import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Material 3's indeterminate linear progress bar in CSS alone: a 4px track with a segment sweeping
 * across it or, for those who ask for less motion, the whole bar slowly fading in and out.
 * Material's `mat-progress-bar` costs about 3 kB brotli on a list page's first screen.
 *
 * ```html
 * <pdm-loading-bar label="Loading API keys" />
 * ```
 */
@Component({
  selector: 'pdm-loading-bar',
  template: '',
  host: { role: 'progressbar', '[attr.aria-label]': 'label()' },
  styles: `
    :host {
      display: block;
      position: relative;
      height: 4px;
      overflow: hidden;
      background: var(--mat-sys-surface-variant);
    }
    :host::before {
      content: '';
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      width: 40%;
      background: var(--mat-sys-primary);
      animation: sweep 1.6s cubic-bezier(0.4, 0, 0.2, 1) infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      :host::before {
        width: 100%;
        animation: fade 2.4s ease-in-out infinite alternate;
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
}
