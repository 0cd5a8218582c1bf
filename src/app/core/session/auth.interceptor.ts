import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { SessionStore } from './session-store';

/** Set on a request that must not carry the session's Bearer token (e.g. testing an API key). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);

function parse(url: string, baseUri: string): URL | null {
  try {
    return new URL(url, baseUri);
  } catch {
    return null;
  }
}

/**
 * Is `url` the API base URL itself or a path below it? Compared as parsed URLs (same origin,
 * then whole path segments), so `https://host/apix`, `https://host/api.evil.com`,
 * `https://host@evil.com/api` and `/api/../elsewhere` are not the API.
 */
function isApiUrl(url: string, apiBaseUrl: string, baseUri: string): boolean {
  const target = parse(url, baseUri);
  const base = parse(apiBaseUrl, baseUri);
  if (target === null || base === null || target.origin !== base.origin) {
    return false;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  return target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
}

/** Login and 2FA answer 401 for wrong credentials or codes: that is not a session ending. */
function isAuthEndpoint(url: string, apiBaseUrl: string, baseUri: string): boolean {
  const authBase = `${apiBaseUrl}/auth`;
  return isApiUrl(url.toLowerCase(), authBase.toLowerCase(), baseUri);
}

/**
 * Sends the session's JWT to the Paradarum API, and to nothing else. A 401 from the API means
 * the session is over: it is cleared and the user is sent to sign in, coming back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const { apiBaseUrl } = inject(RUNTIME_CONFIG);
  const session = inject(SessionStore);
  // Relative URLs resolve against the page, as the browser will resolve them.
  const baseUri = inject(DOCUMENT).baseURI;
  if (!isApiUrl(request.url, apiBaseUrl, baseUri) || request.context.get(SKIP_AUTH)) {
    return next(request);
  }
  const token = session.token();
  const authorized = token
    ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : request;
  return next(authorized).pipe(
    catchError((error: unknown) => {
      const sessionRefused =
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !isAuthEndpoint(request.url, apiBaseUrl, baseUri) &&
        // A late 401 for a token that has since been replaced must not end the new session.
        session.token() === token;
      if (sessionRefused) {
        session.endSession('expired');
      }
      return throwError(() => error);
    }),
  );
};
