import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import { safeReturnUrl } from './return-url';
import { SessionStore } from './session-store';

/** A visit to the app's root names no page: after sign-in it lands on the start page anyway. */
const appRoot = '/';

/**
 * Lets signed-in users match the app's routes; sends others to sign in and back here afterwards.
 * A match guard, not an activate guard: the router loads lazy routes while matching, so only a
 * refusal here keeps a signed-out visit from downloading feature code and Material first.
 */
export const authGuard: CanMatchFn = () => {
  if (inject(SessionStore).isSignedIn()) {
    return true;
  }
  const router = inject(Router);
  const target = router.currentNavigation()?.extractedUrl;
  const url = target ? router.serializeUrl(target) : '/';
  return router.createUrlTree(
    ['/login'],
    url === appRoot ? {} : { queryParams: { returnUrl: url } },
  );
};

/** Keeps a signed-in user away from the sign-in page: on to where they were going, or the app. */
export const guestGuard: CanActivateFn = (route) =>
  inject(SessionStore).isSignedIn()
    ? inject(Router).parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')))
    : true;
