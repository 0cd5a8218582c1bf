import { LoadChildren, Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/session/auth.guard';

/**
 * The signed-in frame and each feature's routes, by the URL's first path segment (none is the
 * properties list), so main.ts can start fetching what a signed-in reload shows while
 * /config.json loads; the router then finds the modules already loaded.
 */
export const loadShell = () => import('./core/layout/shell').then((m) => m.Shell);
export const featureLoaders = {
  account: () => import('./features/account/account.routes'),
  'api-keys': () => import('./features/api-keys/api-keys.routes'),
  properties: () => import('./features/properties/properties.routes'),
} satisfies Record<string, LoadChildren>;

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
      {
        path: 'account',
        title: 'Account · Paradarum',
        loadChildren: featureLoaders['account'],
      },
      {
        path: 'api-keys',
        title: 'API keys · Paradarum',
        loadChildren: featureLoaders['api-keys'],
      },
      {
        path: 'properties',
        loadChildren: featureLoaders['properties'],
      },
      {
        path: '**',
        title: 'Page not found · Paradarum',
        loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
