import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { CopyButton } from '../../../shared/ui/copy-button';
import { SNIPPET_LANGUAGES } from './snippet-catalog';
import { SnippetOptions } from './snippet-options';

/**
 * The purge call for every stack, one tab each (arrow keys move between tabs, as the ARIA tabs
 * pattern has it), each with its own copy button. Holds no key itself: the host passes the raw
 * key (the show-once dialog) or a placeholder (the API keys page).
 */
@Component({
  selector: 'pdm-snippet-tabs',
  imports: [MatTabsModule, CopyButton],
  template: `
    <mat-tab-group [aria-label]="label()" mat-stretch-tabs="false" animationDuration="0ms">
      @for (snippet of snippets(); track snippet.id) {
        <mat-tab [label]="snippet.label">
          <p class="hint">{{ snippet.hint }}</p>
          <pre
            class="snippet monospace"
            tabindex="0"
            role="region"
            [attr.aria-label]="snippet.label + ' snippet'"
          ><code>{{ snippet.code }}</code></pre>
          <pdm-copy-button [text]="snippet.code" [label]="'Copy ' + snippet.label + ' snippet'" />
        </mat-tab>
      }
    </mat-tab-group>
  `,
  styles: `
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
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SnippetTabs {
  /** The tab list's accessible name, e.g. "Purge snippets by language". */
  readonly label = input('Snippets by language');
  readonly options = input.required<SnippetOptions>();

  protected readonly snippets = computed(() =>
    SNIPPET_LANGUAGES.map((language) => ({ ...language, code: language.build(this.options()) })),
  );
}
