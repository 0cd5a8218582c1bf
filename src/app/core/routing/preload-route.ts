import { defaultUrlMatcher, Route, Routes, UrlSegment, UrlSegmentGroup } from '@angular/router';

interface Match {
  /** The matched routes, outermost first. */
  readonly routes: readonly Route[];
  /** What is left of the URL below the last of them (a lazy route's own routes match that). */
  readonly rest: UrlSegment[];
}

/**
 * Starts loading what the router will load to show `path`, before the router exists (main.ts,
 * while /config.json loads): `config` is matched as the router matches it (in order, `''`
 * prefixes and `pathMatch: 'full'`, `:params` and `**` through the router's own
 * `defaultUrlMatcher`, a route's `matcher`, string redirects within the same routes), and a lazy
 * route's own routes once its module is in. Guards do not run: the caller picks the path the
 * guards would lead to. A failed download is left for the router to report when it loads the
 * module itself; the promise, for tests, settles once every load has.
 */
export function preloadRoute(config: Routes, path: string): Promise<void> {
  return preload(config, segmentsOf(path));
}

async function preload(config: Routes, segments: UrlSegment[]): Promise<void> {
  const { routes = [], rest = [] } = match(config, segments) ?? {};
  await Promise.all(
    routes.map(async (route) => {
      try {
        await route.loadComponent?.();
        const loaded = await route.loadChildren?.();
        const children = Array.isArray(loaded)
          ? loaded
          : (loaded as { default?: unknown })?.default;
        if (Array.isArray(children)) {
          await preload(children, rest);
        }
      } catch {
        // The router reports it when it loads the module itself.
      }
    }),
  );
}

function segmentsOf(path: string): UrlSegment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => new UrlSegment(part, {}));
}

function match(config: Routes, segments: UrlSegment[]): Match | undefined {
  for (const route of config) {
    const consumed =
      route.path === ''
        ? route.pathMatch === 'full' && segments.length > 0
          ? undefined
          : []
        : (route.matcher ?? defaultUrlMatcher)(segments, new UrlSegmentGroup(segments, {}), route)
            ?.consumed;
    if (!consumed) continue;
    const rest = segments.slice(consumed.length);
    if (typeof route.redirectTo === 'string') {
      return match(config, [...segmentsOf(route.redirectTo), ...rest]);
    }
    // The router loads a lazy route's module as soon as its path matches, to match what is below.
    if (route.loadChildren) return { routes: [route], rest };
    const below = route.children
      ? match(route.children, rest)
      : rest.length === 0
        ? { routes: [], rest }
        : undefined;
    if (below) return { routes: [route, ...below.routes], rest: below.rest };
  }
  return undefined;
}
