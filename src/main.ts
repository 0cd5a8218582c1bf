import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { createAppConfig } from './app/app.config';
import { loadShell, signedInPageLoader } from './app/app.routes';
import { loadRuntimeConfig } from './app/core/config/runtime-config';
import { SESSION_STORAGE_KEY } from './app/core/session/session-store';

// What the URL shows starts downloading while /config.json loads, instead of after bootstrap: for
// a signed-out visitor the sign-in page, whatever the URL (0.3 to 0.6 s sooner on Lighthouse's
// mobile preset, `npm run bench`); for a tab holding a session (a reload) the signed-in frame and
// the URL's page. The router then finds the modules already loaded.
// A failed fetch is the router's to report, when it loads the module itself.
try {
  if (!sessionStorage.getItem(SESSION_STORAGE_KEY)) {
    import('./app/features/login/login-page').catch(() => undefined);
  } else {
    loadShell().catch(() => undefined);
    signedInPageLoader(location.pathname)?.().catch(() => undefined);
  }
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
