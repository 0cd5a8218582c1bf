import { Injector, WritableSignal } from '@angular/core';
import { FieldTree, form, required, submit, validate } from '@angular/forms/signals';
import { FieldErrors, FormErrors } from '../../shared/forms/form-errors';

/** What the sign-in form holds; the password is emptied as soon as it has done its job. */
export interface Credentials {
  email: string;
  password: string;
}

/** The built form: its fields, what each says once left, and its submit. */
export interface SignInForm {
  readonly fields: FieldTree<Credentials>;
  readonly emailErrors: FieldErrors;
  readonly passwordErrors: FieldErrors;
  /** Touches every field, then runs the action, or `onInvalid`. */
  submit(): Promise<boolean>;
}

/** A simple `name@host` shape; the API has the last word on what an address is. */
const emailShape = /^[^\s@]+@[^\s@]+$/;

/**
 * The sign-in form's signal form: its rules, its errors and its submit. It sits in its own module
 * because the login page loads it on the visitor's first interaction (see
 * `LoginPage.loadSignInForm`): `@angular/forms/signals` shares a chunk with the `@angular/forms`
 * code the Material features use, about 18 kB brotli that showing the page does not need.
 */
export function createSignInForm(
  credentials: WritableSignal<Credentials>,
  submission: { action: () => Promise<void>; onInvalid: () => void },
  injector: Injector,
): SignInForm {
  const errors = new FormErrors();
  const fields = form(
    credentials,
    (path) => {
      required(path.email, { message: 'Enter your email address.' });
      validate(path.email, ({ value }) => {
        const email = value().trim();
        return email === '' || emailShape.test(email)
          ? null
          : { kind: 'email', message: 'Enter an email address like name@example.com.' };
      });
      required(path.password, { message: 'Enter your password.' });
    },
    { injector, submission: errors.submission(submission) },
  );
  return {
    fields,
    // A field is flagged once left, even when it was left before the form had loaded.
    emailErrors: errors.field(() => fields.email, 'once-left'),
    passwordErrors: errors.field(() => fields.password, 'once-left'),
    submit: () => submit(fields),
  };
}
