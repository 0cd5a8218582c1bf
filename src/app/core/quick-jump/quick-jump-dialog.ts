import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatDialogRef } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { bestMatches } from './fuzzy-match';
import { QuickJumpStore } from './quick-jump-store';
import { PAGE_AND_ACTION_TARGETS, QuickJumpTarget } from './quick-jump-targets';
import { RecentProperties } from './recent-properties';

/** Options shown at once: enough to choose from, few enough to read out. */
const MAX_OPTIONS = 12;
const KIND_LABELS = { property: 'Property', page: 'Page', action: 'Action' } as const;

/**
 * The quick-jump box: one input (ARIA 1.2 combobox) over a listbox of properties, pages and
 * actions, best match first. Arrow keys move the active option (aria-activedescendant, so focus
 * stays in the input), Enter goes there, Escape closes. Properties are loaded by its store when
 * the box opens; recently visited ones come first.
 */
@Component({
  selector: 'pdm-quick-jump-dialog',
  providers: [QuickJumpStore],
  template: `
    <div class="box">
      <div class="field">
        <label for="quick-jump-input">Jump to a property, page or action</label>
        <input
          id="quick-jump-input"
          class="field-control"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="quick-jump-options"
          [attr.aria-expanded]="options().length > 0"
          [attr.aria-activedescendant]="activeOptionId()"
          cdkFocusInitial
          [value]="query()"
          (input)="typed($event)"
          (keydown)="navigate($event)"
        />
      </div>
      <ul id="quick-jump-options" role="listbox" aria-label="Matches">
        @for (option of options(); track option.id; let index = $index) {
          <li
            role="option"
            [id]="'quick-jump-option-' + option.id"
            [attr.aria-selected]="index === activeIndex()"
            [class.active]="index === activeIndex()"
            tabindex="-1"
            (click)="go(option)"
            (keydown.enter)="go(option)"
            (mousemove)="activeIndex.set(index)"
          >
            <span class="label">{{ option.label }}</span>
            <span class="detail">
              <span class="kind">{{ kindLabel(option) }}</span>
              {{ option.detail }}
            </span>
          </li>
        }
      </ul>
      <p role="status" class="status">{{ statusText() }}</p>
      @if (properties.propertiesStatus().kind === 'failed') {
        <button class="outlined-button" type="button" (click)="properties.loadProperties()">
          Load properties again
        </button>
      }
    </div>
  `,
  styles: `
    /* The panel's text field (ui.text-field), its label above, then the matches. */
    .box {
      padding: 16px;
    }
    ul {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
      max-height: min(60vh, 480px);
      overflow-y: auto;
    }
    li {
      display: flex;
      flex-direction: column;
      padding: 8px 12px;
      border-radius: 8px;
      cursor: pointer;
    }
    li.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      outline: 2px solid var(--mat-sys-primary);
    }
    .label {
      font: var(--mat-sys-body-large);
      overflow-wrap: anywhere;
    }
    .detail {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .kind {
      font-weight: 500;
    }
    .status {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuickJumpDialog {
  private readonly dialogRef = inject<MatDialogRef<QuickJumpDialog>>(MatDialogRef);
  private readonly router = inject(Router);
  private readonly recent = inject(RecentProperties);
  protected readonly properties = inject(QuickJumpStore);
  protected readonly query = signal('');
  protected readonly activeIndex = signal(0);

  private readonly recentTargets = computed(() => {
    const byId = new Map(this.properties.propertyTargets().map((target) => [target.id, target]));
    return this.recent.ids().flatMap((id) => byId.get(`property-${id}`) ?? []);
  });

  protected readonly options = computed<readonly QuickJumpTarget[]>(() => {
    const query = this.query().trim();
    if (query === '') {
      return [...this.recentTargets(), ...PAGE_AND_ACTION_TARGETS].slice(0, MAX_OPTIONS);
    }
    const recentIds = new Set(this.recentTargets().map((target) => target.id));
    // Recently visited properties first among the matches, then the rest by score.
    const all = [
      ...this.recentTargets(),
      ...PAGE_AND_ACTION_TARGETS,
      ...this.properties.propertyTargets().filter((target) => !recentIds.has(target.id)),
    ];
    const matches = bestMatches(all, query, (target) => target.texts, MAX_OPTIONS * 4);
    return [
      ...matches.filter((target) => recentIds.has(target.id)),
      ...matches.filter((target) => !recentIds.has(target.id)),
    ].slice(0, MAX_OPTIONS);
  });

  protected readonly activeOptionId = computed(() => {
    const option = this.options()[this.activeIndex()];
    return option ? `quick-jump-option-${option.id}` : null;
  });

  protected readonly statusText = computed(() => {
    const status = this.properties.propertiesStatus();
    if (status.kind === 'loading') {
      return 'Loading your properties…';
    }
    if (status.kind === 'failed') {
      return `Your properties could not be loaded. ${status.message} Pages and actions still work.`;
    }
    const count = this.options().length;
    if (this.query().trim() !== '' && count === 0) {
      return `Nothing matches “${this.query().trim()}”.`;
    }
    return count === 1
      ? '1 match. Enter goes there.'
      : `${count} matches. Use the arrow keys, then Enter.`;
  });

  protected kindLabel(target: QuickJumpTarget): string {
    return KIND_LABELS[target.kind];
  }

  protected typed(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.activeIndex.set(0);
  }

  protected navigate(event: KeyboardEvent): void {
    const count = this.options().length;
    this.scrollActiveIntoViewSoon();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.activeIndex.update((index) => (count === 0 ? 0 : (index + 1) % count));
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.activeIndex.update((index) => (count === 0 ? 0 : (index - 1 + count) % count));
        break;
      case 'Enter': {
        event.preventDefault();
        const option = this.options()[this.activeIndex()];
        if (option) {
          this.go(option);
        }
        break;
      }
    }
  }

  /** Keeps the active option visible once the keystroke has moved it. */
  private scrollActiveIntoViewSoon(): void {
    setTimeout(() => {
      const id = this.activeOptionId();
      document.getElementById(id ?? '')?.scrollIntoView?.({ block: 'nearest' });
    });
  }

  protected go(target: QuickJumpTarget): void {
    this.dialogRef.close();
    void this.router.navigate([...target.commands], { queryParams: target.queryParams });
  }
}
