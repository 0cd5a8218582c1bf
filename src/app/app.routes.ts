import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/session/auth.guard';

/**
 * Resolves in a task of its own. Once its modules are there, a signed-in reload's start-up
 * (bootstrap and the navigation, then creating the shell and the page) would otherwise run as one
 * long task, which keeps the browser from answering input (Total Blocking Time, `npm run bench`);
 * a break after each module costs a few milliseconds.
 */
const inNextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value)));

/**
 * The signed-in frame and the modules of each page, so main.ts can start fetching what a
 * signed-in reload shows while /config.json loads; the router then finds them already loaded.
 * The properties list and a property are loaded apart: the list's first screen needs none of
 * the purge form's code.
 */
export const loadShell = () => import('./core/layout/shell').then((m) => inNextTask(m.Shell));
const loadAccount = () => import('./features/account/account.routes').then(inNextTask);
const loadApiKeys = () => import('./features/api-keys/api-keys.routes').then(inNextTask);
const loadPropertiesPage = () =>
  import('./features/properties/properties-page').then((m) => inNextTask(m.PropertiesPage));
const loadPropertyPage = () =>
  import('./features/properties/property-page').then((m) => inNextTask(m.PropertyPage));

/** What a signed-in visit to `pathname` shows, or undefined for a page not found. */
export function signedInPageLoader(pathname: string): (() => Promise<unknown>) | undefined {
  const [first = 'properties', second, ...rest] = pathname.split('/').filter(Boolean);
  if (rest.length > 0) return undefined;
  if (first === 'properties') return second === undefined ? loadPropertiesPage : loadPropertyPage;
  if (second !== undefined) return undefined;
  return first === 'account' ? loadAccount : first === 'api-keys' ? loadApiKeys : undefined;
}

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
    loadComponent: loadShell,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'properties' },
      { path: 'account', title: 'Account · Paradarum', loadChildren: loadAccount },
      { path: 'api-keys', title: 'API keys · Paradarum', loadChildren: loadApiKeys },
      { path: 'properties', title: 'Properties · Paradarum', loadComponent: loadPropertiesPage },
      { path: 'properties/:id', title: 'Property · Paradarum', loadComponent: loadPropertyPage },
      {
        path: '**',
        title: 'Page not found · Paradarum',
        loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
