import { computed, signal } from '@angular/core';

/**
 * A text field's value, whether it was left (or a submit was tried), and what is wrong with it.
 * `validate` returns the message to show, or '' when the value is fine.
 *
 * The message shows only once the field is touched, so a field emptied by `reset()` (the password
 * after refused credentials, a refused code) is not flagged: the alert already says what went wrong.
 */
export function fieldState(validate: (value: string) => string) {
  const value = signal('');
  const touched = signal(false);
  const problem = computed(() => validate(value()));
  return {
    value,
    touched,
    /** What is wrong with the value, whether or not it shows yet. */
    problem,
    /** What to show under the field: the problem once the field was touched, else ''. */
    error: computed(() => (touched() ? problem() : '')),
    reset(): void {
      value.set('');
      touched.set(false);
    },
  };
}

export type FieldState = ReturnType<typeof fieldState>;
