import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/session/auth.guard';

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
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'properties' },
      {
        path: 'account',
        title: 'Account · Paradarum',
        loadChildren: () => import('./features/account/account.routes'),
      },
      {
        path: 'api-keys',
        title: 'API keys · Paradarum',
        loadChildren: () => import('./features/api-keys/api-keys.routes'),
      },
      {
        path: 'properties',
        loadChildren: () => import('./features/properties/properties.routes'),
      },
      {
        path: '**',
        title: 'Page not found · Paradarum',
        loadComponent: () => import('./core/layout/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
