import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { NavigationEnd, Router } from '@angular/router';
import { filter, take } from 'rxjs';

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
 */
@Injectable({ providedIn: 'root' })
export class Toast {
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  success(message: string, action?: ToastAction): void {
    const ref = this.snackBar.open(message, action?.label, {
      duration: DURATION_MS,
      politeness: 'polite',
      panelClass: 'pdm-toast',
    });
    const shownOn = pageOf(this.router.url);
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
