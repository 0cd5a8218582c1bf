import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { createAppConfig } from './app/app.config';
import { preloadFirstScreen } from './app/app.routes';
import { loadRuntimeConfig } from './app/core/config/runtime-config';
import { SESSION_STORAGE_KEY } from './app/core/session/session-store';
// Small modules that every signed-in page shares with its dialogs (the API clients and error
// wording, the toast, the dialog opener, plurals, dates, quick-jump targets): about 6 kB raw in
// all. Left to the bundler, each is a chunk of its own, under 2 kB, because a different set of
// lazy pages and dialogs uses each; a signed-in page then fetched a dozen of them, and over six
// HTTP/1.1 connections they queued ahead of the page's large chunks (Lighthouse mobile: /api-keys
// 94 → 95, its LCP 2.6 → 2.5 s, `npm run bench`). Here they travel in the main chunk, for
// about 2 kB brotli on the sign-in page too.
import './app/core/api/api-error-message';
import './app/core/api/api-key-list-client';
import './app/core/api/account-client';
import './app/core/api/property-list-client';
import './app/shared/plural';
import './app/shared/ui/toast';
import './app/shared/ui/dialogs';
import './app/shared/ui/local-date-pipe';
import './app/core/quick-jump/quick-jump-targets';

// What the URL shows starts downloading while /config.json loads, instead of after bootstrap: for
// a signed-out visitor the sign-in page (0.3 to 0.6 s sooner on Lighthouse's mobile preset,
// `npm run bench`); for a tab holding a session the signed-in frame and the URL's page.
try {
  void preloadFirstScreen(location.pathname, !!sessionStorage.getItem(SESSION_STORAGE_KEY));
} catch {
  // sessionStorage refused (privacy settings): the router loads the page when it needs it.
}

loadRuntimeConfig()
  .then((runtimeConfig) => bootstrapApplication(App, createAppConfig(runtimeConfig)))
  .catch((error: unknown) => {
    document.body.textContent =
      'Paradarum Panel could not start: its configuration (/config.json) could not be loaded.';
    throw error;
  });
