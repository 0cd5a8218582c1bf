import { computed, signal, type Signal } from '@angular/core';
import type { FieldTree, FormSubmitOptions } from '@angular/forms/signals';

/**
 * When a field says what is wrong with it. Never while it is typed the first time; the policies
 * differ in what else counts:
 *
 * - `after-submit`: only once the user tried to submit (a code: half a code is no mistake yet).
 * - `once-left`: also once the field was left. Signal forms' submit touches every field, and
 *   `reset()` untouches one, which hides its error again (sign-in, passwords).
 * - `once-filled`: after a submit attempt, or as soon as it holds something (a key name: leaving
 *   it empty to click elsewhere is no mistake, a name too long is one while it is typed).
 * - `until-edited`: after a submit attempt, for what was submitted: editing the form hides the
 *   problems until the next attempt (a URL list, whose lines are rewritten one by one).
 */
export type ShowErrors = 'after-submit' | 'once-left' | 'once-filled' | 'until-edited';

/** What one field shows now: `<pdm-field [error]="nameErrors.first()">` (shared/ui/field.ts). */
export interface FieldErrors {
  /** The messages shown now, empty while there is nothing to say. */
  readonly messages: Signal<readonly string[]>;
  /** The first of them, for a field that shows one at a time. */
  readonly first: Signal<string | undefined>;
}

/** The last submit attempt: the form, and its value then (as text, to tell an edit). */
interface Attempt {
  readonly root: FieldTree<unknown>;
  readonly valueThen: string;
}

/**
 * The one way a form shows its errors: one instance per form, whose `submission()` wraps the
 * form's submit so every attempt, valid or not, counts; `field()` says what a field shows, by a
 * {@link ShowErrors} policy.
 *
 * ```ts
 * private readonly errors = new FormErrors();
 * protected readonly form = form(this.model, schema, {
 *   submission: this.errors.submission({ action: () => this.save() }),
 * });
 * protected readonly nameErrors = this.errors.field(() => this.form.name, 'after-submit');
 * // <pdm-field label="Name" [error]="nameErrors.first()"><input pdmFieldControl …/></pdm-field>
 * ```
 *
 * It imports nothing of `@angular/forms` at run time, so a page that builds its form on demand
 * (the sign-in page) can hold one before the form exists.
 */
export class FormErrors {
  private readonly attempt = signal<Attempt | null>(null);

  /** The form's `submission`, recording each attempt before its action or `onInvalid` runs. */
  submission<T>(options: FormSubmitOptions<T, unknown>): FormSubmitOptions<T, unknown> {
    const record = (root: FieldTree<unknown>) =>
      this.attempt.set({ root, valueThen: JSON.stringify(root().value()) });
    return {
      ...options,
      action: (field, detail) => {
        record(detail.root);
        return options.action(field, detail);
      },
      onInvalid: (field, detail) => {
        record(detail.root);
        options.onInvalid?.(field, detail);
      },
    };
  }

  /** Forgets the attempt, after a success: the emptied form starts afresh. */
  forget(): void {
    this.attempt.set(null);
  }

  /** What `field` shows now, by `when`; `field` may return undefined while the form is not built. */
  field(field: () => FieldTree<unknown> | undefined, when: ShowErrors): FieldErrors {
    const messages = computed<readonly string[]>(() => {
      const state = field()?.();
      if (!state?.invalid() || !this.shows(when, state.touched(), state.value())) {
        return [];
      }
      return state.errors().map((error) => error.message ?? '');
    });
    return { messages, first: computed(() => messages()[0]) };
  }

  private shows(when: ShowErrors, touched: boolean, value: unknown): boolean {
    const attempt = this.attempt();
    switch (when) {
      case 'once-left':
        return touched;
      case 'after-submit':
        return attempt !== null;
      case 'once-filled':
        return attempt !== null || String(value ?? '').trim() !== '';
      case 'until-edited':
        return attempt !== null && JSON.stringify(attempt.root().value()) === attempt.valueThen;
    }
  }
}
