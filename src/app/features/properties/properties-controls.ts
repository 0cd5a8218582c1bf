import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import { debounceTime, Subject } from 'rxjs';
import { Field, FieldControl } from '../../shared/ui/field';
import { parseSort, PROPERTY_SORTS, PropertySort, SORT_LABELS } from './property-order';

/** Long enough to skip the keystrokes of a fluent typist, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * The list's search box and order. What was typed is handed on (`queryChange`) once typing
 * pauses, so that the URL, which the page keeps it in, is not replaced on every keystroke.
 *
 * Not a signal form (`form()`, `[formField]`, `debounce()`), as the panel's other forms are:
 * for this one box they would bring Angular's signal-forms code into the list's first screen,
 * 17.9 kB brotli (the list's own code is 13.9 kB). The box is kept the way a signal form keeps
 * its field: what it holds (`text`, as typed) apart from what is applied (`applied`, the URL's
 * or the last pause's), so that the URL catching up with a pause never rewrites the box under a
 * keystroke typed since, while Back or a bookmark do set it.
 */
@Component({
  selector: 'pdm-properties-controls',
  imports: [Field, FieldControl],
  template: `
    <pdm-field class="search" label="Search properties" hint="By name or hostname">
      <input
        #searchBox
        pdmFieldControl
        type="search"
        autocomplete="off"
        spellcheck="false"
        [value]="text()"
        (input)="type($event)"
      />
    </pdm-field>
    <pdm-field class="sort" label="Sort by">
      <select pdmFieldControl (change)="sortBy($event)">
        @for (option of sorts; track option.value) {
          <option [value]="option.value" [selected]="option.value === sort()">
            {{ option.label }}
          </option>
        }
      </select>
    </pdm-field>
  `,
  styles: `
    // Side by side down to a phone's width: the search takes what the order leaves.
    :host {
      display: flex;
      gap: var(--pdm-space-3) var(--pdm-space-4);
      align-items: flex-start;
    }
    .search {
      flex: 1 1 auto;
      max-width: 480px;
    }
    .sort {
      flex: 0 0 200px;
    }
    @media (max-width: 599.98px) {
      :host {
        gap: var(--pdm-space-3);
      }
      .sort {
        flex-basis: 136px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropertiesControls {
  /** The search the URL holds (`?q=`), as typed. */
  readonly query = input.required<string>();
  readonly sort = input.required<PropertySort>();
  /** What was typed, once typing pauses. */
  readonly queryChange = output<string>();
  readonly sortChange = output<PropertySort>();

  protected readonly sorts = PROPERTY_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

  /** The search as applied: the URL's, or what the box held at the last pause. */
  private readonly applied = linkedSignal(() => this.query());
  /** What the box holds: what was typed, or the applied search when that changes. */
  protected readonly text = linkedSignal(() => this.applied());
  private readonly typed = new Subject<string>();
  private readonly searchBox = viewChild.required<ElementRef<HTMLInputElement>>('searchBox');

  constructor() {
    const pauses = this.typed.pipe(debounceTime(SEARCH_DEBOUNCE_MS)).subscribe((text) => {
      this.applied.set(text);
      this.queryChange.emit(text);
    });
    inject(DestroyRef).onDestroy(() => pauses.unsubscribe());
  }

  /** Empties the search at once, without waiting for a pause, and puts the caret in the box. */
  clearSearch(): void {
    this.text.set('');
    this.applied.set('');
    this.queryChange.emit('');
    this.focusSearch();
  }

  focusSearch(): void {
    this.searchBox().nativeElement.focus();
  }

  protected type(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.text.set(text);
    this.typed.next(text);
  }

  protected sortBy(event: Event): void {
    this.sortChange.emit(parseSort((event.target as HTMLSelectElement).value));
  }
}
