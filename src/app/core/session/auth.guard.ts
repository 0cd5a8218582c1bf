import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { safeReturnUrl } from './return-url';
import { SessionStore } from './session-store';

/** Lets signed-in users through; sends others to sign in and back here afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(SessionStore).isSignedIn()) {
    return true;
  }
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Keeps a signed-in user away from the sign-in page: on to where they were going, or the app. */
export const guestGuard: CanActivateFn = (route) =>
  inject(SessionStore).isSignedIn()
    ? inject(Router).parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')))
    : true;
