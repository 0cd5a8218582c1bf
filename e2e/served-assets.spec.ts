import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from '../mock-server/src/security-headers';
import { builtPanel, expect, test } from './fixtures/panel';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A GET with the path sent exactly as written: `//api/x` or `/%61pi/x` must reach the server as
 * they are, which a URL-resolving client (Playwright's `request`, fetch) would not do.
 */
function rawGet(origin: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(origin);
  return new Promise<RawResponse>((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

function decoded(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  return response.body;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOT_FOUND = { succeeded: false, message: 'Not found.', data: null };

/** The entry script named by the served index.html (`main-XXXXXXXX.js`). */
async function entryScript(origin: string): Promise<string> {
  const index = (await rawGet(origin, '/')).body.toString();
  const match = /<script src="([^"]+\.js)"/.exec(index);
  if (!match?.[1]) throw new Error(`no script in index.html:\n${index}`);
  return `/${match[1]}`;
}

test.describe('the build as a host serves it', () => {
  test('sends a JS chunk brotli- or gzip-compressed, varying on Accept-Encoding', async ({
    mockServer,
  }) => {
    const script = await entryScript(mockServer.url);
    const plain = await rawGet(mockServer.url, script);

    const brotli = await rawGet(mockServer.url, script, { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);

    const gzip = await rawGet(mockServer.url, script, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  test('caches hashed files for a year and revalidates index.html and config.json', async ({
    mockServer,
  }) => {
    const script = await entryScript(mockServer.url);
    expect((await rawGet(mockServer.url, script)).headers['cache-control']).toBe(IMMUTABLE);
    for (const path of ['/', '/index.html', '/config.json', '/api-keys']) {
      const response = await rawGet(mockServer.url, path, { 'accept-encoding': 'br, gzip' });
      expect({ path, cacheControl: response.headers['cache-control'] }).toEqual({
        path,
        cacheControl: 'no-cache',
      });
    }
    // config.json is written per environment after the build: what is sent is what is on disk
    // now, never a .br/.gz left from the build.
    const config = await rawGet(mockServer.url, '/config.json', { 'accept-encoding': 'br, gzip' });
    expect(decoded(config).equals(readFileSync(join(builtPanel, 'config.json')))).toBe(true);
  });

  test('answers a deep link such as /api-keys with the panel', async ({ mockServer }) => {
    const index = await rawGet(mockServer.url, '/');
    for (const path of ['/api-keys', '/properties/1', '/oidc-x', '/swaggerfoo']) {
      const response = await rawGet(mockServer.url, path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.body.equals(index.body)).toBe(true);
    }
  });

  test('answers every spelling of an API path with the API 404 envelope, never the panel', async ({
    mockServer,
  }) => {
    const index = await rawGet(mockServer.url, '/');
    for (const path of ['/api/x', '/%61pi/x', '//api/x', '/api%2fx', '/oidc/x', '/swagger/x']) {
      const response = await rawGet(mockServer.url, path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body.equals(index.body)).toBe(false);
      // Under /oidc/ the identity provider answers its own 404; everything else is the API's.
      if (!path.startsWith('/oidc/'))
        expect(JSON.parse(response.body.toString())).toEqual(NOT_FOUND);
    }
  });

  test('never builds a redirect from the Host header a client sends', async ({
    mockServer,
    servedBy,
  }) => {
    // nginx answers `/api` (no slash) with a redirect to `/api/`: an absolute one would name
    // whatever host the request claimed, an open redirect for any cache or proxy in front.
    for (const path of ['/api', '/oidc', '/swagger']) {
      const response = await rawGet(mockServer.url, `${path}?x=1`, { host: 'evil.example' });
      const answer = { path, status: response.status, location: response.headers['location'] };
      if (servedBy === 'nginx')
        expect(answer).toEqual({ path, status: 301, location: `${path}/?x=1` });
      // The mock has no such redirect: an unknown path.
      else expect(answer).toEqual({ path, status: 404, location: undefined });
    }
  });

  test('sends the same security headers on the panel and on the API', async ({ mockServer }) => {
    const panel = await rawGet(mockServer.url, '/login');
    const api = await rawGet(mockServer.url, '/api/x');
    for (const response of [panel, api]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
      });
      // Exactly one CSP (Node joins repeated headers with ", "): nginx adds no second copy.
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("require-trusted-types-for 'script'");
    }
    expect(api.headers['cache-control']).toBe('no-store');
  });
});
