import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * Paradarum's mark and name: a rounded square in the primary colour with a cache "sweep" (a
 * stack of lines, the top one cleared). Inline SVG, so the sign-in page stays one request and
 * no Material is needed for it.
 */
@Component({
  selector: 'pdm-brand-mark',
  template: `
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect class="tile" width="32" height="32" rx="8" />
      <path class="sweep" d="M9 11h14M9 16h10M9 21h6" />
      <circle class="spark" cx="23" cy="20" r="3" />
    </svg>
    <span class="name">Paradarum</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--pdm-space-2, 8px);
      font: var(--mat-sys-title-large);
      font-weight: 600;
      letter-spacing: -0.01em;
    }
    svg {
      flex: none;
    }
    .tile {
      fill: var(--mat-sys-primary);
    }
    .sweep {
      fill: none;
      stroke: var(--mat-sys-on-primary);
      stroke-width: 2.5;
      stroke-linecap: round;
    }
    .spark {
      fill: var(--mat-sys-on-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandMark {}
