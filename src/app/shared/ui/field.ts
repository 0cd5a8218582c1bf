import {
  ChangeDetectionStrategy,
  Component,
  computed,
  Directive,
  inject,
  input,
} from '@angular/core';

let nextId = 0;

/**
 * A text field in the panel's one look (`ui.text-field`, drawn by the global stylesheet): the
 * label above its control, then one supporting line: the hint, or in its place a warning, or the
 * error. The control, marked `pdmFieldControl`, gets its id, `aria-invalid` and an
 * `aria-describedby` naming whichever line shows, so a screen reader reads the error (or the hint)
 * with the label. Errors come from `FormErrors` (shared/forms/form-errors.ts):
 *
 * ```html
 * <pdm-field label="New password" hint="At least 12 characters." [error]="newPasswordErrors.first()">
 *   <input pdmFieldControl type="password" [formField]="form.newPassword" />
 * </pdm-field>
 * ```
 */
@Component({
  selector: 'pdm-field',
  template: `
    <label [for]="controlId">{{ label() }}</label>
    <ng-content />
    @if (line(); as line) {
      <p class="supporting-text" [class]="line.kind" [id]="lineId">{{ line.text }}</p>
    }
  `,
  host: { class: 'field', '[class.invalid]': 'shownInvalid()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Field {
  /** The control's visible label and accessible name. */
  readonly label = input.required<string>();
  /** What to type, under the control while there is no warning or error. */
  readonly hint = input('');
  /** A caution that is no error (a name already in use), in the hint's place. */
  readonly warning = input<string | null | undefined>('');
  /** What is wrong, in the hint's place, in the error colour; empty while nothing is. */
  readonly error = input<string | null | undefined>('');
  /**
   * Wrong, with its words elsewhere (a list of problems under the control, named by
   * `describedBy`): the control turns red, and the hint stays.
   */
  readonly invalid = input(false);
  /** Ids of other elements describing the control too (an API's refusal under it, say). */
  readonly describedBy = input<string | null>(null);

  /** The control's id, for the label. */
  readonly controlId = `pdm-field-${nextId++}`;
  protected readonly lineId = `${this.controlId}-line`;

  readonly shownInvalid = computed(() => this.invalid() || !!this.error());
  protected readonly line = computed(() => {
    const [text, kind] = this.error()
      ? [this.error(), 'error']
      : this.warning()
        ? [this.warning(), 'warning']
        : [this.hint(), 'hint'];
    return text ? { text, kind } : null;
  });
  /** The supporting line shown and any other description, for `aria-describedby`. */
  readonly controlDescribedBy = computed(
    () => [this.line() ? this.lineId : null, this.describedBy()].filter(Boolean).join(' ') || null,
  );
}

/** The input, select or textarea of a {@link Field}: labelled, described and drawn by it. */
@Directive({
  selector: '[pdmFieldControl]',
  host: {
    class: 'field-control',
    '[id]': 'field.controlId',
    '[attr.aria-invalid]': 'field.shownInvalid()',
    '[attr.aria-describedby]': 'field.controlDescribedBy()',
  },
})
export class FieldControl {
  protected readonly field = inject(Field);
}
