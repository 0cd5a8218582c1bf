import {
  APP_BOOTSTRAP_LISTENER,
  ApplicationConfig,
  DestroyRef,
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  NavigationEnd,
  provideRouter,
  Router,
  withComponentInputBinding,
  withDisabledInitialNavigation,
} from '@angular/router';
import { routes } from './app.routes';
import { RUNTIME_CONFIG, RuntimeConfig } from './core/config/runtime-config';
import { authInterceptor } from './core/session/auth.interceptor';

/**
 * Every finished navigation, back and forward included, starts at the top of the page: what
 * `withInMemoryScrolling({ scrollPositionRestoration: 'top' })` does, without the router's
 * scroller and ViewportScroller, which cost every first visit 1 kB brotli (`npm run bench`).
 */
export function provideScrollToTopOnNavigation(): EnvironmentProviders {
  return provideAppInitializer(() => {
    // Otherwise the browser restores the old position on back and forward, before or after ours.
    history.scrollRestoration = 'manual';
    const navigations = inject(Router).events.subscribe((event) => {
      if (event instanceof NavigationEnd) window.scrollTo(0, 0);
    });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());
  });
}

/**
 * The first navigation (matching the URL, the guards, creating the shell and the page) starts in
 * a task after bootstrap, not inside it: one long start-up task becomes two shorter ones, and the
 * browser may handle input between them (Total Blocking Time, `npm run bench`). Goes with
 * `withDisabledInitialNavigation()`.
 */
export function provideInitialNavigationInNextTask(): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: APP_BOOTSTRAP_LISTENER,
      multi: true,
      useFactory: () => {
        const router = inject(Router);
        return () => setTimeout(() => router.initialNavigation());
      },
    },
  ]);
}

export function createAppConfig(runtimeConfig: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      { provide: RUNTIME_CONFIG, useValue: runtimeConfig },
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      provideRouter(routes, withComponentInputBinding(), withDisabledInitialNavigation()),
      provideInitialNavigationInNextTask(),
      provideScrollToTopOnNavigation(),
      provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    ],
  };
}
