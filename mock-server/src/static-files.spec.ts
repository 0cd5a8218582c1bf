import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, startTestServer } from './test-support.ts';
import type { TestServer } from './test-support.ts';

const INDEX = '<!doctype html><title>Paradarum Panel</title>';
let server: TestServer;
let directory: string;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-static-'));
  const browser = join(directory, 'browser');
  mkdirSync(join(browser, 'media'), { recursive: true });
  writeFileSync(join(browser, 'index.html'), INDEX);
  writeFileSync(join(browser, 'config.json'), '{"apiBaseUrl":"/api"}');
  writeFileSync(join(browser, 'main-ABCD1234.js'), 'console.info(1);');
  writeFileSync(join(browser, 'styles-5INURTSO.css'), 'body{}');
  writeFileSync(join(browser, 'media', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(directory, 'secret.txt'), 'outside the root');
  server = await startTestServer({ staticDir: browser });
});
afterEach(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('--static', () => {
  it('serves index.html with the security headers and no-cache', async () => {
    const response = await get(server.app, '/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('falls back to index.html for client-side routes', async () => {
    const response = await get(server.app, '/properties/1/purge?x=1');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
  });

  it('caches hashed files for a year and revalidates config.json', async () => {
    const script = await get(server.app, '/main-ABCD1234.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(server.app, '/styles-5INURTSO.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get(server.app, '/config.json')).headers['cache-control']).toBe('no-cache');
    expect((await get(server.app, '/media/logo.svg')).headers['content-type']).toBe(
      'image/svg+xml',
    );
  });

  it('answers 404 for a missing file and for the server paths', async () => {
    expect((await get(server.app, '/missing-ABCD1234.js')).statusCode).toBe(404);
    expect((await get(server.app, '/api/unknown')).statusCode).toBe(404);
    expect((await get(server.app, '/swagger/index.html')).statusCode).toBe(404);
  });

  it('does not serve files outside the directory', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/media/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const response = await get(server.app, url);
      expect(response.body).not.toContain('outside the root');
    }
  });
});
