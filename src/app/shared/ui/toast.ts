import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';

/** Where a toast's action leads: a route, or something to run (scroll to the history, say). */
export type ToastAction =
  | { readonly label: string; readonly link: string }
  | { readonly label: string; readonly run: () => void };

/** Long enough to read a sentence and reach the action with the keyboard. */
const DURATION_MS = 8000;

/**
 * Announces a success where the user looks: a snackbar at the bottom of the viewport, read out
 * politely, with an optional link to what changed. Errors do not go here: they sit next to the
 * control that failed (ErrorBlock).
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
