import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  signal,
  viewChildren,
} from '@angular/core';
import { CopyButton } from '../../../shared/ui/copy-button';
import { SNIPPET_LANGUAGES } from './snippet-catalog';
import { SnippetOptions } from './snippet-options';

/** Makes each instance's ids unique: the page and the show-once dialog can both show one. */
let nextInstance = 0;

/**
 * The purge call for every stack, one tab each, with its own copy button. A light ARIA tabs
 * widget (WAI-ARIA APG, tabs with automatic activation: arrows wrap, Home and End, only the
 * selected tab is a Tab stop) instead of Material's tab group, which cost the API keys page's
 * first screen ~10 kB brotli and a long task; only the selected language's snippet is built and
 * rendered. Holds no key itself: the host passes the raw key (the show-once dialog) or a
 * placeholder (the API keys page).
 */
@Component({
  selector: 'pdm-snippet-tabs',
  imports: [CopyButton],
  template: `
    <div class="tablist" role="tablist" [attr.aria-label]="label()">
      @for (language of languages; track language.id; let index = $index) {
        <button
          #tab
          type="button"
          role="tab"
          class="tab"
          [id]="idPrefix + '-tab-' + language.id"
          [attr.aria-selected]="index === selectedIndex()"
          [attr.aria-controls]="panelId"
          [tabIndex]="index === selectedIndex() ? 0 : -1"
          (click)="selectedIndex.set(index)"
          (keydown)="moveFocus($event, index)"
        >
          {{ language.label }}
        </button>
      }
    </div>
    <!-- No tabindex on the panel: its code region is focusable, so Tab reaches the content. -->
    <div role="tabpanel" [id]="panelId" [attr.aria-labelledby]="idPrefix + '-tab-' + selected().id">
      <p class="hint">{{ selected().hint }}</p>
      <pre
        class="snippet monospace"
        tabindex="0"
        role="region"
        [attr.aria-label]="selected().label + ' snippet'"
      ><code>{{ code() }}</code></pre>
      <pdm-copy-button [text]="code()" [label]="'Copy ' + selected().label + ' snippet'" />
    </div>
  `,
  styles: `
    @use '../../../shared/ui/styles' as ui;

    :host {
      display: block;
      min-width: 0;
    }
    /* Material 3's secondary tabs, from the theme's tokens. A row wider than a phone scrolls
       inside itself, never the page. */
    .tablist {
      display: flex;
      overflow-x: auto;
      scrollbar-width: thin;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tab {
      position: relative;
      flex: none;
      height: 48px;
      padding: 0 16px;
      border: 0;
      background: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
      white-space: nowrap;
      cursor: pointer;
      @include ui.focus-ring;
      /* Inside the tab, above the active indicator: the scrolling row would clip a ring drawn
         outside it, and the indicator must stay visible. */
      &:focus-visible {
        outline-offset: calc(-1 * var(--pdm-focus-ring-width) - 2px);
      }
      &::before {
        content: '';
        position: absolute;
        inset: 0;
        background: currentColor;
        opacity: 0;
        pointer-events: none;
      }
      &:hover::before {
        opacity: var(--mat-sys-hover-state-layer-opacity, 0.08);
      }
      &:focus-visible::before {
        opacity: var(--mat-sys-focus-state-layer-opacity, 0.1);
      }
      &[aria-selected='true'] {
        color: var(--mat-sys-on-surface);
        &::after {
          content: '';
          position: absolute;
          inset: auto 0 0;
          height: 2px;
          background: var(--mat-sys-primary);
        }
      }
    }
    .hint {
      margin: 12px 0 4px;
    }
    .snippet {
      margin: 8px 0;
      padding: 12px;
      overflow-x: auto;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font-size: 0.875rem;
      @include ui.focus-ring;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SnippetTabs {
  /** The tab list's accessible name, e.g. "Purge snippets by language". */
  readonly label = input('Snippets by language');
  readonly options = input.required<SnippetOptions>();

  protected readonly languages = SNIPPET_LANGUAGES;
  protected readonly idPrefix = `pdm-snippet-tabs-${nextInstance++}`;
  protected readonly panelId = `${this.idPrefix}-panel`;
  protected readonly selectedIndex = signal(0);
  protected readonly selected = computed(() => this.languages[this.selectedIndex()]);
  protected readonly code = computed(() => this.selected().build(this.options()));

  private readonly tabs = viewChildren<ElementRef<HTMLButtonElement>>('tab');

  /** Arrow keys wrap around, Home and End jump; the focused tab is selected at once. */
  protected moveFocus(event: KeyboardEvent, current: number): void {
    const last = this.languages.length - 1;
    const targets: Partial<Record<string, number>> = {
      ArrowLeft: current === 0 ? last : current - 1,
      ArrowRight: current === last ? 0 : current + 1,
      Home: 0,
      End: last,
    };
    const next = targets[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    this.selectedIndex.set(next);
    this.tabs()[next].nativeElement.focus();
  }
}
