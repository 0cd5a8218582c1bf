import { inject, Injectable } from '@angular/core';
import type { MatSnackBar } from '@angular/material/snack-bar';
import { NavigationEnd, Router } from '@angular/router';
import { filter, take } from 'rxjs';
import { lazyService } from './lazy-service';

/** Where a toast's action leads: a route, or something to run (scroll to the history, say). */
export type ToastAction =
  | { readonly label: string; readonly link: string }
  | { readonly label: string; readonly run: () => void };

/** Long enough to read a sentence and reach the action with the keyboard. */
const DURATION_MS = 8000;

/** The page a URL shows: a list's `?q=&page=` do not make another page. */
function pageOf(url: string): string {
  return url.split(/[?#]/, 1)[0];
}

/**
 * Announces a success where the user looks: a snackbar at the bottom of the viewport, read out
 * politely, with an optional link to what changed. Errors do not go here: they sit next to the
 * control that failed (ErrorBlock). A toast belongs to the page it speaks of: it goes when the user
 * moves to another page (its action, "View history" say, would act on a page no longer shown).
 * Material's snackbar (with the CDK overlay) is fetched with the first toast, not with the page.
 */
@Injectable({ providedIn: 'root' })
export class Toast {
  private readonly router = inject(Router);
  private readonly snackBar = lazyService(() =>
    import('@angular/material/snack-bar').then((m) => m.MatSnackBar),
  );

  success(message: string, action?: ToastAction): void {
    // Whatever changed is on the page already: a toast that cannot load (offline) is only lost.
    const shownOn = pageOf(this.router.url);
    this.snackBar().then(
      (snackBar) => this.show(snackBar, shownOn, message, action),
      () => undefined,
    );
  }

  private show(snackBar: MatSnackBar, shownOn: string, message: string, action?: ToastAction) {
    // The user moved on while it loaded: the toast would speak of a page no longer shown.
    if (pageOf(this.router.url) !== shownOn) {
      return;
    }
    const ref = snackBar.open(message, action?.label, {
      duration: DURATION_MS,
      politeness: 'polite',
      panelClass: 'pdm-toast',
    });
    const leaving = this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        filter((event) => pageOf(event.urlAfterRedirects) !== shownOn),
        take(1),
      )
      .subscribe(() => ref.dismiss());
    ref.afterDismissed().subscribe(() => leaving.unsubscribe());
    if (action) {
      ref.onAction().subscribe(() => {
        if ('link' in action) {
          void this.router.navigateByUrl(action.link);
        } else {
          action.run();
        }
      });
    }
  }
}
