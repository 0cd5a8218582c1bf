import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  RouteConfigLoadStart,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { filter } from 'rxjs';
import { Routes } from '@angular/router';
import { routes, signedInPageLoader } from './app.routes';
import { SessionStore } from './core/session/session-store';
import { fakeJwt } from './testing/fake-jwt';
import { provideTestRuntimeConfig } from './testing/runtime-config';

/** The app's real routes, with the paths of every lazy route the router started to load. */
async function visit(url: string, { signedIn }: { signedIn: boolean }) {
  TestBed.configureTestingModule({
    providers: [
      provideTestRuntimeConfig(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(routes, withComponentInputBinding()),
    ],
  });
  if (signedIn) {
    TestBed.inject(SessionStore).signIn(fakeJwt());
  }
  const router = TestBed.inject(Router);
  const loaded: (string | undefined)[] = [];
  router.events
    .pipe(filter((event) => event instanceof RouteConfigLoadStart))
    .subscribe((event) => loaded.push(event.route.path));
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  return { router, loaded, harness };
}

describe("the app's routes", () => {
  it('take a signed-out first visit to sign in, loading nothing but the sign-in page', async () => {
    const { router, loaded } = await visit('/', { signedIn: false });

    expect(router.url).toBe('/login');
    expect(loaded).toEqual(['login']);
  });

  it.each(['/api-keys', '/account', '/properties/7', '/no-such-page'])(
    'keep %s from a signed-out visitor, coming back to it after sign-in',
    async (url) => {
      const { router, loaded } = await visit(url, { signedIn: false });

      expect(router.url).toBe(`/login?returnUrl=${encodeURIComponent(url)}`);
      expect(loaded).toEqual(['login']);
    },
  );

  it('keep the query of the page a signed-out visitor asked for', async () => {
    const { router } = await visit('/api-keys?tab=revoked', { signedIn: false });

    expect(router.url).toBe('/login?returnUrl=%2Fapi-keys%3Ftab%3Drevoked');
  });

  it('open the properties for a signed-in first visit', async () => {
    const { router, harness } = await visit('/', { signedIn: true });

    expect(router.url).toBe('/properties');
    expect(harness.routeNativeElement?.textContent).toContain('Properties');
  });

  it('keep a signed-in user away from sign-in', async () => {
    const { router } = await visit('/login?returnUrl=%2Fapi-keys', { signedIn: true });

    expect(router.url).toBe('/api-keys');
  });
});

describe('signedInPageLoader', () => {
  /** The class a loader's module resolves to, or the routes' component for a feature's routes. */
  async function pageOf(pathname: string): Promise<string | undefined> {
    const loaded = await signedInPageLoader(pathname)?.();
    const page =
      loaded && typeof loaded === 'object' && 'default' in loaded
        ? (loaded.default as Routes)[0]?.component
        : loaded;
    return (page as { name?: string } | undefined)?.name;
  }

  it.each([
    ['/', 'PropertiesPage'],
    ['/properties', 'PropertiesPage'],
    ['/properties/7', 'PropertyPage'],
    ['/api-keys', 'ApiKeysPage'],
    ['/account', 'AccountPage'],
  ])('starts loading what %s shows: %s', async (pathname, page) => {
    expect(await pageOf(pathname)).toBe(page);
  });

  it.each(['/no-such-page', '/account/7', '/properties/7/history'])(
    'loads nothing for %s, a page not found',
    async (pathname) => {
      expect(signedInPageLoader(pathname)).toBeUndefined();
    },
  );
});
