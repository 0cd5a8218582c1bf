import { Routes } from '@angular/router';
import { preloadRoute } from './core/routing/preload-route';
import { authGuard, guestGuard } from './core/session/auth.guard';

/**
 * Resolves in a task of its own. Once its modules are there, a signed-in reload's start-up
 * (bootstrap and the navigation, then creating the shell and the page) would otherwise run as one
 * long task, which keeps the browser from answering input (Total Blocking Time, `npm run bench`);
 * a break after each module costs a few milliseconds.
 */
const inNextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value)));

/**
 * Every page is a lazy route, and main.ts preloads from this table (`preloadFirstScreen`), so a
 * route added here is preloaded without more code. The properties list and a property are loaded
 * apart: the list's first screen needs none of the purge form's code.
 */
export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · Paradarum',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    // canMatch runs before the router loads anything below, and again on every navigation.
    canMatch: [authGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => inNextTask(m.Shell)),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Overview · Paradarum',
        loadComponent: () =>
          import('./features/overview/overview-page').then((m) => inNextTask(m.OverviewPage)),
      },
      {
        path: 'account',
        title: 'Account · Paradarum',
        loadChildren: () => import('./features/account/account.routes').then(inNextTask),
      },
      {
        path: 'api-keys',
        title: 'API keys · Paradarum',
        loadChildren: () => import('./features/api-keys/api-keys.routes').then(inNextTask),
      },
      {
        path: 'properties',
        title: 'Properties · Paradarum',
        loadComponent: () =>
          import('./features/properties/properties-page').then((m) => inNextTask(m.PropertiesPage)),
      },
      {
        path: 'properties/:id',
        title: 'Property · Paradarum',
        loadComponent: () =>
          import('./features/properties/property-page').then((m) => inNextTask(m.PropertyPage)),
      },
      {
        path: '**',
        title: 'Page not found · Paradarum',
        loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];

/**
 * Starts loading what the first screen shows while /config.json loads (main.ts), so the router
 * finds it already there: for a signed-out visitor the sign-in page, whatever the URL (the guards
 * send them there); for a tab holding a session (a reload) the signed-in frame and the URL's page.
 */
export function preloadFirstScreen(pathname: string, signedIn: boolean): Promise<void> {
  return preloadRoute(routes, signedIn ? pathname : '/login');
}
