import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECURITY_HEADERS } from './security-headers.ts';
import { HASHED_FILE, IMMUTABLE } from './static-files.ts';

/**
 * deploy/nginx.conf repeats what the mock sends; the mock's constants are the source of truth.
 * (The e2e project `nginx` checks the same rules over HTTP against a running nginx.)
 */
const nginxConf = readFileSync(join(__dirname, '../../deploy/nginx.conf'), 'utf8');

/** `add_header Name "value" always;` lines of the server block, as a header map. */
function addedHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [, name, value] of nginxConf.matchAll(/^\s*add_header (\S+) "([^"]*)" always;$/gm))
    headers[name as string] = value as string;
  return headers;
}

describe('deploy/nginx.conf', () => {
  it('sends exactly the security headers of the mock, Trusted Types included', () => {
    expect(addedHeaders()).toEqual(SECURITY_HEADERS);
  });

  it('drops the API copies of those headers so each is sent once', () => {
    const hidden = [...nginxConf.matchAll(/^\s*proxy_hide_header (\S+);$/gm)].map((m) => m[1]);
    expect(hidden.sort()).toEqual(Object.keys(SECURITY_HEADERS).sort());
  });

  it('recognises hashed files with the same expression and cache header as the mock', () => {
    expect(nginxConf).toContain(`"~${HASHED_FILE.source}" "${IMMUTABLE}";`);
    expect(nginxConf).toMatch(/^\s*default "no-cache";$/m);
  });

  it('serves precompressed files and forwards the server paths as path segments only', () => {
    expect(nginxConf).toMatch(/^\s*brotli_static on;$/m);
    expect(nginxConf).toMatch(/^\s*gzip_static on;$/m);
    expect(nginxConf).toMatch(/^\s*gzip_vary on;$/m);
    const locations = [...nginxConf.matchAll(/^\s*location (.+) \{$/gm)].map((m) => m[1]);
    expect(locations).toEqual([
      '^~ /api/',
      '^~ /oidc/',
      '^~ /swagger/',
      '~ "\\.[A-Za-z0-9]+$"',
      '/',
    ]);
  });
});
