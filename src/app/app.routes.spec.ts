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
import { Route, Routes } from '@angular/router';
import { preloadFirstScreen, routes } from './app.routes';
import { authGuard } from './core/session/auth.guard';
import { SessionStore } from './core/session/session-store';
import { fakeJwt } from './testing/fake-jwt';
import { provideTestRuntimeConfig } from './testing/runtime-config';

// A signed-in visit keeps its session in the tab for the next one, as a reload would.
afterEach(() => sessionStorage.clear());

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

  it('open the overview for a signed-in first visit', async () => {
    const { router, harness, loaded } = await visit('/', { signedIn: true });

    expect(router.url).toBe('/');
    expect(loaded).toEqual(['', '']);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Overview');
  });

  it('keep a signed-in user away from sign-in', async () => {
    const { router } = await visit('/login?returnUrl=%2Fapi-keys', { signedIn: true });

    expect(router.url).toBe('/api-keys');
  });
});

/** A route of the table with the path pattern that reaches it, e.g. `/properties/:id`. */
interface TableRoute {
  readonly route: Route;
  readonly pattern: string;
}

/** A page of the table: a URL that shows it, and the routes the router matches for it. */
interface Page {
  readonly url: string;
  readonly chain: readonly TableRoute[];
}

/** Every page the table defines, a lazy feature's own routes included, with a URL for each. */
async function pagesOf(config: Routes, above: readonly TableRoute[] = []): Promise<Page[]> {
  const pages: Page[] = [];
  for (const route of config) {
    if (route.path === undefined) {
      throw new Error(
        'A route without a path (a matcher?) needs a URL here, to test its preloading',
      );
    }
    const pattern = [above.at(-1)?.pattern, route.path].filter(Boolean).join('/');
    const chain = [...above, { route, pattern }];
    const loaded = (await route.loadChildren?.()) as Routes | { default: Routes } | undefined;
    const children = route.children ?? (Array.isArray(loaded) ? loaded : loaded?.default);
    if (children) {
      pages.push(...(await pagesOf(children, chain)));
    } else {
      const url = pattern.replace(/:[^/]+/g, '7').replace('**', 'no-such-page');
      pages.push({ url: `/${url}`, chain });
    }
  }
  return pages;
}

describe('preloadFirstScreen', () => {
  let pages: Page[];
  /** Each lazy route's loaders, spied in place so the router (which copies the table) calls them too. */
  let loaders: { readonly route: string; readonly spy: jest.SpyInstance }[];
  /** The routes whose modules were asked for since the last call, in table order. */
  const loadedSinceLastCall = () => {
    const loaded = loaders.filter(({ spy }) => spy.mock.calls.length > 0).map(({ route }) => route);
    loaders.forEach(({ spy }) => spy.mockClear());
    return loaded;
  };

  /** What main.ts starts loading for a first visit to each URL, and what the router then loads. */
  async function firstVisits(urls: readonly string[], { signedIn }: { signedIn: boolean }) {
    const visits: { url: string; preloaded: string[]; routed: string[] }[] = [];
    for (const url of urls) {
      await preloadFirstScreen(url, signedIn);
      const preloaded = loadedSinceLastCall();
      await visit(url, { signedIn });
      TestBed.resetTestingModule();
      sessionStorage.clear();
      visits.push({ url, preloaded, routed: loadedSinceLastCall() });
    }
    return visits;
  }

  beforeAll(async () => {
    pages = await pagesOf(routes);
    const tableRoutes = new Map(
      pages.flatMap(({ chain }) => chain.map((r) => [r.route, r.pattern])),
    );
    loaders = [...tableRoutes].flatMap(([route, pattern]) =>
      (['loadComponent', 'loadChildren'] as const)
        .filter((loader) => route[loader])
        .map((loader) => ({ route: `/${pattern}`, spy: jest.spyOn(route, loader) })),
    );
  });
  afterAll(() => loaders.forEach(({ spy }) => spy.mockRestore()));

  it("finds the pages of the table, a lazy feature's own routes and a parameter's included", () => {
    expect(pages.map(({ url }) => url)).toEqual(
      expect.arrayContaining(['/login', '/', '/account', '/properties/7', '/no-such-page']),
    );
  });

  it('starts loading, for a signed-out visit to any page, what the router then loads: sign-in', async () => {
    const visits = await firstVisits(
      pages.map(({ url }) => url),
      { signedIn: false },
    );

    expect(visits.map(({ url, routed }) => [url, routed])).toEqual(
      visits.map(({ url, preloaded }) => [url, preloaded]),
    );
    expect(new Set(visits.flatMap(({ preloaded }) => preloaded))).toEqual(new Set(['/login']));
  });

  it('starts loading, for a signed-in reload of any page, what the router then loads', async () => {
    const signedInPages = pages.filter(({ chain }) =>
      chain.some(({ route }) => route.canMatch?.includes(authGuard)),
    );
    const visits = await firstVisits(
      signedInPages.map(({ url }) => url),
      { signedIn: true },
    );

    expect(visits.map(({ url, routed }) => [url, routed])).toEqual(
      visits.map(({ url, preloaded }) => [url, preloaded]),
    );
    expect(visits.length).toBeGreaterThan(0);
  });

  it('starts loading the signed-in frame and the page a URL shows', async () => {
    await preloadFirstScreen('/properties/7', true);

    expect(loadedSinceLastCall()).toEqual(['/', '/properties/:id']);
  });
});
