import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { cacheControlFor, isServerPath } from './static-files.ts';
import { bearer, demoToken, get, json, startTestServer } from './test-support.ts';
import type { TestServer } from './test-support.ts';

/** A GET with the path sent byte for byte as given. */
function rawGet(origin: URL, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname: origin.hostname, port: origin.port, path, method: 'GET' },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const INDEX = '<!doctype html><title>Paradarum Panel</title>';
const SCRIPT = `console.info(${'"a chunk of the panel", '.repeat(100)});`;
let server: TestServer;
let directory: string;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-static-'));
  const browser = join(directory, 'browser');
  mkdirSync(join(browser, 'media'), { recursive: true });
  writeFileSync(join(browser, 'index.html'), INDEX);
  writeFileSync(join(browser, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(join(browser, 'config.json'), '{"apiBaseUrl":"/api"}');
  writeFileSync(join(browser, 'main-ABCD1234.js'), SCRIPT);
  writeFileSync(join(browser, 'main-ABCD1234.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(browser, 'main-ABCD1234.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(browser, 'chunk-98HlfAU_.js'), 'export {};');
  writeFileSync(join(browser, 'chunk-a-B_cdef.js'), 'export {};');
  writeFileSync(join(browser, 'styles-5INURTSO.css'), 'body{}');
  writeFileSync(join(browser, 'apple-touchicon.png'), 'not really a png');
  writeFileSync(join(browser, '.env'), 'SECRET=1');
  writeFileSync(join(browser, 'media', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(directory, 'secret.txt'), 'outside the root');
  server = await startTestServer({ staticDir: browser });
});
afterEach(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('--static', () => {
  it('serves index.html with the security headers, Trusted Types and no-cache', async () => {
    const response = await get(server.app, '/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'; require-trusted-types-for 'script'; trusted-types angular angular#bundler",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('falls back to index.html for client-side routes, compressed when it can', async () => {
    const deepLink = await get(server.app, '/properties/1/purge?x=1');
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toBe(INDEX);
    expect(deepLink.headers['cache-control']).toBe('no-cache');

    const compressed = await get(server.app, '/api-keys', { 'accept-encoding': 'br' });
    expect(compressed.statusCode).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(INDEX);

    for (const route of ['/apis', '/oidc-x', '/swaggerfoo', '/account']) {
      expect((await get(server.app, route)).body).toBe(INDEX);
    }
    const head = await server.app.inject({ method: 'HEAD', url: '/login' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('sends the precompressed file the client accepts, with Vary: Accept-Encoding', async () => {
    const brotli = await get(server.app, '/main-ABCD1234.js', { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT);

    const gzip = await get(server.app, '/main-ABCD1234.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get(server.app, '/main-ABCD1234.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(SCRIPT);
  });

  it('caches hashed files for a year, whatever their case, and revalidates the rest', async () => {
    for (const hashed of [
      '/main-ABCD1234.js',
      '/chunk-98HlfAU_.js',
      '/chunk-a-B_cdef.js',
      '/styles-5INURTSO.css',
    ])
      expect((await get(server.app, hashed)).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
    expect((await get(server.app, '/styles-5INURTSO.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const config = await get(server.app, '/config.json');
    expect(config.headers['cache-control']).toBe('no-cache');
    expect(config.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await get(server.app, '/apple-touchicon.png')).headers['cache-control']).toBe(
      'no-cache',
    );
    const logo = await get(server.app, '/media/logo.svg');
    expect(logo.headers['content-type']).toBe('image/svg+xml');
    expect(logo.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing file and never serves a dotfile', async () => {
    const missing = await get(server.app, '/missing-ABCD1234.js');
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toEqual({ succeeded: false, message: 'Not found.', data: null });
    // `/.env` has no extension, so it is a client-side route like any other: index.html.
    expect((await get(server.app, '/.env')).body).toBe(INDEX);
  });

  it('never answers a path that decodes to the API, the provider or the OpenAPI document', async () => {
    for (const url of [
      '/api/unknown',
      '/api',
      '/API/x',
      '/%61pi/x',
      '//api/x',
      '/api%2fx',
      '/api%2Fx',
      '/x/../api/x',
      '/api\\x',
      '/oidc/unknown',
      '/%6fidc/x',
      '/swagger/index.html',
      '//swagger/x',
    ]) {
      const response = await get(server.app, url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(json(response)).toEqual({ succeeded: false, message: 'Not found.', data: null });
    }
  });

  it('keeps the API answers: 405 for a GET of a POST-only path, 401 without a session', async () => {
    expect((await get(server.app, '/api/Auth/Login')).statusCode).toBe(405);
    expect((await get(server.app, '/api/account')).statusCode).toBe(401);
  });

  it('does not serve files outside the directory', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/media/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/media/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const response = await get(server.app, url);
      expect(response.body).not.toContain('outside the root');
    }
  });
});

describe('--static under malformed paths', () => {
  it('never fails with a 5xx, never leaks a file outside the root, never gives the API index.html', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'API', '%61pi', 'oidc', 'swagger', '..', '.', '', '%2e%2e', 'media'),
      fc.constantFrom('%2f', '%5c', '\\', '%00', '%', '%zz', '%c0%af', 'secret.txt', 'index.html'),
      fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/),
    );
    // Over a real socket: Fastify's inject would parse `/\\x` as a URL and never send it as is.
    const origin = new URL(await server.app.listen({ port: 0, host: '127.0.0.1' }));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), async (segments) => {
        const url = `/${segments.join('/')}`;
        const response = await rawGet(origin, url);
        expect({ url, status: response.status }).toEqual({ url, status: expect.any(Number) });
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toContain('outside the root');
        if (isServerPath(url)) expect(response.body).not.toBe(INDEX);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compressed API responses', () => {
  it('compresses a large JSON answer, keeps the envelope, leaves small ones plain', async () => {
    const big = await startTestServer({ seedProperties: 200 });
    try {
      const headers = { ...bearer(await demoToken(big.app)), 'accept-encoding': 'br, gzip' };
      const list = await get(big.app, '/api/property', headers);
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-encoding']).toBe('br');
      expect(list.headers['vary']).toMatch(/accept-encoding/i);
      expect(list.headers['cache-control']).toBe('no-store');
      const envelope = JSON.parse(brotliDecompressSync(list.rawPayload).toString());
      expect(envelope).toMatchObject({ succeeded: true });
      expect(envelope.data.length).toBeGreaterThan(200);

      const unauthorized = await get(big.app, '/api/property', { 'accept-encoding': 'br' });
      expect(unauthorized.headers['content-encoding']).toBeUndefined();
      expect(json(unauthorized)).toEqual({
        succeeded: false,
        message: 'Unauthorized.',
        data: null,
      });
    } finally {
      await big.close();
    }
  });

  it('answers an oversized body with the plain 413 envelope and does not inflate gzip bodies', async () => {
    const tooLarge = await server.app.inject({
      method: 'POST',
      url: '/api/Auth/Login',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      payload: JSON.stringify({ username: 'x'.repeat(70 * 1024), password: 'y' }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-encoding']).toBeUndefined();
    expect(json(tooLarge).succeeded).toBe(false);

    const gzipBody = await server.app.inject({
      method: 'POST',
      url: '/api/Auth/Login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ username: 'demo@paradarum.test', password: 'x' })),
    });
    expect(gzipBody.statusCode).toBe(400);
  });
});

describe('path rules', () => {
  it('tells server paths from client-side routes after decoding', () => {
    expect(
      ['/api/x', '/%61pi/x', '//api/x', '/api%2fx', '/oidc', '/Swagger/v1'].map(isServerPath),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['/api-keys', '/apis', '/oidc-x', '/swaggerfoo', '/', '/login'].map(isServerPath),
    ).toEqual([false, false, false, false, false, false]);
  });

  it('recognises output hashes, not words after a dash', () => {
    expect(cacheControlFor('main-ABCD1234.js.br')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('chunk-abcd1234.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('chunk-CZJ_yimv.js.gz')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('apple-touchicon.png')).toBe('no-cache');
    expect(cacheControlFor('apple-touch-icon.png')).toBe('no-cache');
    expect(cacheControlFor('site-0001.json')).toBe('no-cache');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('config.json')).toBe('no-cache');
  });
});
