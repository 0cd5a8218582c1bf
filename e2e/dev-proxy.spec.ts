import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import proxyConfig from '../proxy.conf.mjs';

const appDir = resolve(__dirname, '../src/app');

/**
 * The URL matching of Angular's dev server (Vite): a key that starts with `^` is a regular
 * expression tested against the request URL, any other key a prefix.
 */
function proxiedBy(url: string): string[] {
  return Object.keys(proxyConfig).filter((key) =>
    key.startsWith('^') ? new RegExp(key).test(url) : url.startsWith(key),
  );
}

/** Every `path: '...'` of the panel's route files, with parameters filled in. */
function panelRoutes(): string[] {
  const files = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.routes.ts'),
  );
  const segments = files.flatMap((file) =>
    [...readFileSync(join(appDir, file), 'utf8').matchAll(/path: '([^']*)'/g)].map(
      (m) => m[1] ?? '',
    ),
  );
  const paths = segments
    .filter((segment) => segment !== '' && segment !== '**')
    .map((segment) => segment.replace(/:[^/]+/g, '1'));
  // Each route alone, under each other (child routes), and with a query, as a reload sends it.
  return [
    '/',
    ...paths.flatMap((path) => [`/${path}`, `/${path}?returnUrl=%2Fapi-keys`]),
    ...paths.flatMap((parent) => paths.map((child) => `/${parent}/${child}`)),
  ];
}

test.describe('the dev server proxy (proxy.conf.mjs)', () => {
  test('leaves every route of the panel to the panel', () => {
    const routes = panelRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/login', '/api-keys', '/properties/1']));
    expect(routes.filter((url) => proxiedBy(url).length > 0)).toEqual([]);
  });

  test('leaves look-alikes of the server paths to the panel', () => {
    for (const url of ['/api-keys', '/apis', '/oidc-x', '/swaggerfoo', '/apikey', '/api.json'])
      expect({ url, proxied: proxiedBy(url) }).toEqual({ url, proxied: [] });
  });

  test('forwards the API, the identity provider and the OpenAPI document', () => {
    for (const url of [
      '/api/Auth/Login',
      '/api/apikey?page=2',
      '/api',
      '/api?x=1',
      '/oidc/.well-known/openid-configuration',
      '/oidc/authorize?client_id=paradarum-panel',
      '/swagger/v1/swagger.json',
    ])
      expect({ url, proxied: proxiedBy(url).length }).toEqual({ url, proxied: 1 });
  });
});
