import { computed, DestroyRef, inject, signal } from '@angular/core';

/**
 * What the sign-in page knows of the API's lockout: refused sign-ins in a row per e-mail address
 * as typed (trimmed, lower case), to warn before the lockout, and the countdown of a lockout the
 * API announced. Memory only; the API keeps the real count. Create it in an injection context:
 * its clock stops with the page.
 */
export class SignInLockout {
  private readonly refusals = signal<Readonly<Record<string, number>>>({});
  /** When the announced lockout ends (epoch ms), while it lasts. */
  private readonly lockedUntil = signal<number | null>(null);
  private readonly now = signal(Date.now());
  private timer: ReturnType<typeof setInterval> | undefined;

  /** "4:59" while locked, for the countdown beside the disabled button; null otherwise. */
  readonly countdown = computed(() => {
    const until = this.lockedUntil();
    const seconds = until === null ? 0 : Math.ceil((until - this.now()) / 1000);
    return seconds > 0
      ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
      : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  /** One more refusal for `email`; answers the refusals in a row so far. */
  refused(email: string): number {
    const account = accountOf(email);
    const count = (this.refusals()[account] ?? 0) + 1;
    this.refusals.update((refusals) => ({ ...refusals, [account]: count }));
    return count;
  }

  /** `email` got in: its count starts again. */
  signedIn(email: string): void {
    this.refusals.update((refusals) => ({ ...refusals, [accountOf(email)]: 0 }));
  }

  /** The API paused sign-in for `seconds` (null: it did not say); ticks until it may go on. */
  lockFor(seconds: number | null): void {
    if (seconds === null) {
      return;
    }
    this.lockedUntil.set(Date.now() + seconds * 1000);
    this.now.set(Date.now());
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.now.set(Date.now());
      if (this.countdown() === null) {
        clearInterval(this.timer);
        this.lockedUntil.set(null);
        this.refusals.set({});
      }
    }, 1000);
  }
}

function accountOf(email: string): string {
  return email.trim().toLowerCase();
}
