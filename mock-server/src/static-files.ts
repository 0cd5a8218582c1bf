import { posix } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the server itself and never fall back to the panel. */
const SERVER_PATHS = /^\/(api|oidc|swagger)(\/|$)/i;

/**
 * Output hashing (`main-77TDRFNX.js`, `chunk-98HlfAU_.js`): 8 or more characters of the bundler's
 * base64url alphabet after a dash, at least one of them not a lower-case letter or dash, so a
 * plain name such as `apple-touch-icon.png` is not taken for a hash. `deploy/nginx.conf` uses the
 * same expression (checked by `deploy-config.spec.ts`).
 */
export const HASHED_FILE = /-(?=[\w-]*[A-Z0-9_])[\w-]{8,}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Hashed files never change under their name; everything else (index.html, config.json, the
 * favicon) is revalidated so a new deployment or a new config.json is picked up at once.
 */
export function cacheControlFor(fileName: string): string {
  return HASHED_FILE.test(fileName.replace(/\.(br|gz)$/, '')) ? IMMUTABLE : 'no-cache';
}

/**
 * The path as the router and a browser see it: percent-decoded once, backslashes as slashes,
 * dot segments and repeated slashes resolved. Null when it is not decodable.
 */
function decodedPath(url: string): string | null {
  try {
    return posix.normalize(decodeURIComponent(url.split('?')[0] ?? '/').replaceAll('\\', '/'));
  } catch {
    return null;
  }
}

/** True when `url` decodes to `/api`, `/oidc` or `/swagger` (or below), whatever its spelling. */
export function isServerPath(url: string): boolean {
  const path = decodedPath(url);
  return path === null || SERVER_PATHS.test(path);
}

/** Answers index.html for a client-side route of the panel; null when the request is not one. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

/**
 * Serves a built panel (`dist/<project>/browser`) with `@fastify/static`: the `.br`/`.gz` files
 * the build writes beside each asset, cache headers by file name, dotfiles hidden. Returns the SPA
 * fallback for the server's not-found handler, which runs after the API routes had their chance.
 */
export async function registerStaticFiles(
  app: FastifyInstance,
  directory: string,
): Promise<SpaFallback> {
  await app.register(async (files) => {
    // @fastify/static refuses non-canonical paths (`//api/x`) with a 403; to a client such a path
    // is just not there, so it gets the server's 404 like any unknown path.
    files.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.code === 'FST_STATIC_FORBIDDEN_PATH') return reply.callNotFound();
      throw error;
    });
    await files.register(fastifyStatic, {
      root: directory,
      preCompressed: true,
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: (reply, path) =>
        reply.header('Cache-Control', cacheControlFor(posix.basename(path))),
      // The router decodes `/%61pi/x` to `/api/x`: such a path is the API's to answer (a 404), never a file.
      allowedPath: (_pathName, _root, request) => !isServerPath(request.url),
    });
  });

  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    const path = decodedPath(request.url);
    // A missing asset (anything with an extension) is a 404; anything else is a client-side route.
    if (path === null || path.includes('\0') || SERVER_PATHS.test(path) || posix.extname(path))
      return null;
    return reply.sendFile('index.html');
  };
}
