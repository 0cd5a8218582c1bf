import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { form, FormField, FormRoot, validate } from '@angular/forms/signals';
import { FormErrors } from '../../shared/forms/form-errors';
import { ErrorBlock } from '../../shared/ui/error-block';
import { Field, FieldControl } from '../../shared/ui/field';
import { comparableKeyName, keyNameError } from './api-key';
import { KeyFailure } from './key-action';

/**
 * "Create a key": the name field with its rule, hint and warning, the Create button, and the alert
 * of a create that failed. Emits the name to create; the page runs the action and then tells the
 * form through {@link keyCreated}.
 */
@Component({
  selector: 'pdm-create-key-form',
  imports: [ErrorBlock, Field, FieldControl, FormField, FormRoot],
  templateUrl: './create-key-form.html',
  styleUrl: './create-key-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateKeyForm {
  /** A key action is under way: Create is aria-disabled (a second press is ignored). */
  readonly busy = input(false);
  /** The failed create to show, with its Try again. */
  readonly failure = input<KeyFailure | null>(null);
  /** The active keys' names (`comparableKeyName`), to warn before a second key gets one. */
  readonly activeNames = input<ReadonlySet<string>>(new Set());
  /** The name to create a key with, as typed (a valid one). */
  readonly create = output<string>();
  readonly retry = output();

  private readonly destroyRef = inject(DestroyRef);
  private readonly createButton = viewChild.required<ElementRef<HTMLElement>>('createButton');
  private readonly model = signal({ name: '' });
  private readonly formErrors = new FormErrors();
  protected readonly createForm = form(
    this.model,
    (path) => validate(path.name, ({ value }) => keyNameError(value())),
    {
      submission: this.formErrors.submission({
        action: async () => this.create.emit(this.model().name),
        onInvalid: () => this.focusName(),
      }),
    },
  );
  /**
   * An empty name is only an error once the user tried to create a key with it: merely leaving
   * the field (opening the new key's dialog, clicking Roll) is not a mistake. Any other error
   * shows as soon as it is typed.
   */
  protected readonly nameErrors = this.formErrors.field(() => this.createForm.name, 'once-filled');
  /** A second active key with this name is allowed, but the owner is told in the hint's place. */
  protected readonly nameInUseWarning = computed(() => {
    const name = this.model().name;
    return name.trim() !== '' && this.activeNames().has(comparableKeyName(name))
      ? `An active key is already named “${name.trim()}”: a distinct name helps you tell them apart.`
      : null;
  });

  focusName(): void {
    this.createForm.name().focusBoundControl();
  }

  /**
   * A key named `name` was created and its dialog shows it until `dialogClosed`. The field is
   * emptied, unless the user typed another name since (a failed attempt retried); once the dialog
   * is closed, focus returns to Create if it was left nowhere.
   */
  async keyCreated(name: string, dialogClosed: Promise<void>): Promise<void> {
    if (this.model().name.trim() === name.trim()) {
      this.createForm().reset({ name: '' });
    }
    this.formErrors.forget();
    await dialogClosed;
    // Opening the dialog blurred the emptied field, which marks it touched: after an Enter that
    // showed "Enter a name for the key." for a key that was just created.
    if (this.model().name === '') {
      this.createForm().reset({ name: '' });
    }
    if (!this.destroyRef.destroyed && document.activeElement === document.body) {
      this.createButton().nativeElement.focus();
    }
  }
}
