import { Injector, WritableSignal } from '@angular/core';
import { FieldTree, form, required, submit, validate } from '@angular/forms/signals';

/** What the sign-in form holds; the password is emptied as soon as it has done its job. */
export interface Credentials {
  email: string;
  password: string;
}

/** A simple `name@host` shape; the API has the last word on what an address is. */
const emailShape = /^[^\s@]+@[^\s@]+$/;

/**
 * The sign-in form's signal form: its rules and its submit. It sits in its own module because
 * the login page loads it on the visitor's first interaction (see `LoginPage.loadSignInForm`):
 * `@angular/forms/signals` shares a chunk with the `@angular/forms` code the Material features
 * use, about 18 kB brotli that showing the page does not need.
 */
export function createSignInForm(
  credentials: WritableSignal<Credentials>,
  submission: { action: () => Promise<void>; onInvalid: () => void },
  injector: Injector,
): FieldTree<Credentials> {
  return form(
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
    { injector, submission },
  );
}

/** Runs the form's submission: touches every field, then its action or its `onInvalid`. */
export function submitSignInForm(signInForm: FieldTree<Credentials>): Promise<boolean> {
  return submit(signInForm);
}
