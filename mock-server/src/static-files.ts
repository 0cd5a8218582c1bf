import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Paths that belong to the server itself and never fall back to the panel. */
const SERVER_PATHS = /^\/(api|oidc|swagger)(\/|$)/i;
/** Angular's output hashing: `main-ABCDEFGH.js`, `styles-5INURTSO.css`, `chunk-XYZ12345.js`. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
/** Files that must be revalidated so a new deployment is picked up at once. */
const ALWAYS_REVALIDATE = new Set(['index.html', 'config.json']);

function cacheControl(fileName: string): string {
  if (ALWAYS_REVALIDATE.has(fileName)) return 'no-cache';
  return HASHED_FILE.test(fileName) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves a built panel (`dist/<project>/browser`) with an SPA fallback to index.html for paths that
 * do not look like files. Returns false when the request is not the panel's to answer.
 */
export function createStaticFiles(directory: string) {
  const root = resolve(directory);

  /** The file under `root` a URL path names, or null when it escapes `root` or is malformed. */
  function fileFor(urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const file = join(root, normalize(decoded));
    return file === root || file.startsWith(root + sep) ? file : null;
  }

  return async function serveStatic(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<boolean> {
    const urlPath = request.url.split('?')[0] ?? '/';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(urlPath))
      return false;
    const requested = fileFor(urlPath);
    if (requested === null) return false;
    let file = requested;
    if (!(await isFile(file))) {
      // A missing asset is a 404; anything else is a client-side route of the panel.
      if (extname(urlPath) !== '') return false;
      file = join(root, 'index.html');
    }
    const name = file.slice(file.lastIndexOf(sep) + 1);
    const body = await readFile(file);
    reply
      .code(200)
      .type(CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream')
      .header('Cache-Control', cacheControl(name))
      .send(body);
    return true;
  };
}
