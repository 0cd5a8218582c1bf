import { Component } from '@angular/core';
import { Routes } from '@angular/router';
import { preloadRoute } from './preload-route';

@Component({ template: '' })
class Page {}

/** A loader that records its name when called, as a lazy route's `import()` would start. */
function recorder() {
  const started: string[] = [];
  const load = (name: string) => () => {
    started.push(name);
    return Promise.resolve(Page);
  };
  return { started, load };
}

describe('preloadRoute', () => {
  it('starts the loaders of the routes the URL matches, outermost first, in table order', async () => {
    const { started, load } = recorder();
    const config: Routes = [
      { path: 'login', loadComponent: load('login') },
      {
        path: '',
        loadComponent: load('frame'),
        children: [
          { path: 'items', loadComponent: load('list') },
          { path: 'items/:id', loadComponent: load('item') },
        ],
      },
    ];

    await preloadRoute(config, '/items/42');

    expect(started).toEqual(['frame', 'item']);
  });

  it('follows a redirect and a wildcard as the router does', async () => {
    const { started, load } = recorder();
    const config: Routes = [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      { path: 'home', loadComponent: load('home') },
      { path: '**', loadComponent: load('not found') },
    ];

    await preloadRoute(config, '/');
    await preloadRoute(config, '/no/such/page');

    expect(started).toEqual(['home', 'not found']);
  });

  it('tries the next route when no child of a matching one matches', async () => {
    const { started, load } = recorder();
    const config: Routes = [
      {
        path: '',
        loadComponent: load('frame'),
        children: [{ path: 'a', loadComponent: load('a') }],
      },
      { path: 'b', loadComponent: load('b') },
    ];

    await preloadRoute(config, '/b');

    expect(started).toEqual(['b']);
  });

  it('walks a lazy route’s own routes once its module is in', async () => {
    const { started, load } = recorder();
    const config: Routes = [
      {
        path: 'settings',
        loadChildren: () => {
          started.push('settings routes');
          return Promise.resolve({
            default: [{ path: 'profile', loadComponent: load('profile') }],
          });
        },
      },
    ];

    await preloadRoute(config, '/settings/profile');

    expect(started).toEqual(['settings routes', 'profile']);
  });

  it('starts nothing for a URL no route matches', async () => {
    const { started, load } = recorder();

    await preloadRoute([{ path: 'a', loadComponent: load('a') }], '/a/b');

    expect(started).toEqual([]);
  });

  it('leaves a failed download for the router to report', async () => {
    const config: Routes = [
      { path: 'a', loadComponent: () => Promise.reject(new Error('offline')) },
    ];

    await expect(preloadRoute(config, '/a')).resolves.toBeUndefined();
  });
});
