import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { SessionStore } from './session-store';

/** Set on a request that must not carry the session's Bearer token (e.g. testing an API key). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

/** Is `url` the API base URL itself or a path below it? Prefix look-alikes (`/apix`) are not. */
export function isApiUrl(url: string, apiBaseUrl: string): boolean {
  const absolute = new URL(url, document.baseURI).href;
  return (
    absolute === apiBaseUrl ||
    absolute.startsWith(`${apiBaseUrl}/`) ||
    absolute.startsWith(`${apiBaseUrl}?`)
  );
}

function isAuthEndpoint(url: string, apiBaseUrl: string): boolean {
  return new URL(url, document.baseURI).href
    .toLowerCase()
    .startsWith(`${apiBaseUrl.toLowerCase()}/auth/`);
}

/**
 * Sends the session's JWT to the Paradarum API, and to nothing else. A 401 from the API means
 * the session is over: it is cleared and the user is sent to sign in, coming back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiBaseUrl } = inject(RUNTIME_CONFIG);
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!isApiUrl(request.url, apiBaseUrl) || request.context.get(SKIP_AUTH)) {
    return next(request);
  }
  const token = session.token();
  const authorized = token
    ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : request;
  return next(authorized).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !isAuthEndpoint(request.url, apiBaseUrl)
      ) {
        session.signOut();
        void router.navigate(['/login'], {
          queryParams: { returnUrl: router.url, reason: 'expired' },
        });
      }
      return throwError(() => error);
    }),
  );
};
