import { inject, Injector, signal } from '@angular/core';
import type { Credentials, SignInForm } from './sign-in-form';

/**
 * The sign-in page's signal form, built on the visitor's first interaction rather than with the
 * page (see `sign-in-form.ts`): what is typed before it arrives is already in `credentials`, which
 * the page's inputs show and write. Create it in an injection context.
 */
export class LazySignInForm {
  readonly credentials = signal<Credentials>({ email: '', password: '' });
  /** The form over `credentials`, once built. */
  readonly built = signal<SignInForm | undefined>(undefined);
  private loading?: Promise<SignInForm | undefined>;
  private readonly injector = inject(Injector);

  constructor(
    private readonly page: {
      action: () => Promise<void>;
      onInvalid: () => void;
      /** The form's code could not load (offline, a new deployment): say so. */
      loadFailed: () => void;
    },
  ) {}

  /**
   * Loads and builds the form, once: on the first focus in it, or on submit. A failed load is
   * tried again on the next interaction.
   */
  load(): Promise<SignInForm | undefined> {
    return (this.loading ??= import('./sign-in-form').then(
      ({ createSignInForm }) => {
        const form = createSignInForm(this.credentials, this.page, this.injector);
        this.built.set(form);
        return form;
      },
      () => {
        this.loading = undefined;
        this.page.loadFailed();
        return undefined;
      },
    ));
  }

  async submit(event: Event): Promise<void> {
    // The browser must not navigate: the form's own submit runs, after its code has loaded.
    event.preventDefault();
    await (await this.load())?.submit();
  }

  update(field: keyof Credentials, event: Event): void {
    const { value } = event.target as HTMLInputElement;
    this.credentials.update((credentials) => ({ ...credentials, [field]: value }));
  }

  /** Leaving a field flags it, even when it was left before the form had loaded. */
  markLeft(field: keyof Credentials): void {
    void this.load().then((form) => form?.fields[field]().markAsTouched());
  }

  /**
   * Empties the password and forgets it was touched, so the emptied field is not flagged: the
   * page's alert already says what went wrong.
   */
  forgetPassword(): void {
    const form = this.built();
    if (form) {
      form.fields.password().reset('');
    } else {
      this.credentials.update((credentials) => ({ ...credentials, password: '' }));
    }
  }

  /** Where the user goes on: the e-mail, unless it is known to be right (the form is built). */
  fieldToFocus(): keyof Credentials {
    const form = this.built();
    return !form || form.fields.email().invalid() ? 'email' : 'password';
  }
}
