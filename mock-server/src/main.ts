import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import { buildServer, jwtSecretProblem } from './server.ts';

const USAGE = `Usage: node --no-warnings=ExperimentalWarning mock-server/src/main.ts [options]

The Paradarum mock API (see mock-server/README.md).

Options:
  --port <n>              port to listen on (default 3000; 0 picks a free one)
  --host <h>              interface to bind (default 127.0.0.1)
  --db <file>             JSON data file, created and seeded when missing
                          (default $MOCK_DB or mock-server/data/db.json)
  --static <dir>          also serve a built panel (dist/<project>/browser) with SPA fallback
  --seed-properties <n>   give the demo account n generated properties (idempotent)
  --totp-window <n>       TOTP steps accepted either side of now (default 1)
  --jwt-secret <s>        HS256 secret for session tokens, at least 32 bytes
                          (default $JWT_SECRET, else random per start)
  --oidc-issuer <url>     the identity provider's issuer as the browser sees it, ending in /oidc
                          (default http://<loopback address>:<port>/oidc; off on other interfaces)
  --oidc-redirect-uri <u> accept this redirect URI too (repeatable; <issuer origin>/login always is)
  --help                  show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function integerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    fail(`--${name} must be an integer from 0 to ${max}.`);
  return Number(value);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        static: { type: 'string' },
        'seed-properties': { type: 'string' },
        'totp-window': { type: 'string' },
        'jwt-secret': { type: 'string' },
        'oidc-issuer': { type: 'string' },
        'oidc-redirect-uri': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const options = parseOptions();
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// Every option is checked before anything is created on disk.
const port = integerOption('port', options.port, 3000, 65_535);
const oidcIssuer = options['oidc-issuer'];
if (oidcIssuer !== undefined && !/^https?:\/\/[^/?#]+\/oidc$/.test(oidcIssuer))
  fail('--oidc-issuer must be an http(s) URL ending in /oidc, e.g. http://localhost:4200/oidc.');
for (const uri of options['oidc-redirect-uri'] ?? []) {
  if (!/^https?:$/.test(URL.parse(uri)?.protocol ?? ''))
    fail(`--oidc-redirect-uri ${uri} is not an http(s) URL.`);
}
// Relative to where the command runs, as `--help` shows it (@fastify/static wants an absolute root).
const staticDir = options.static === undefined ? undefined : resolve(options.static);
// An empty value would resolve to the current directory: refused, not served.
if (options.static === '') fail('--static needs a directory, e.g. dist/paradarum-panel/browser.');
if (staticDir !== undefined && !statSync(staticDir, { throwIfNoEntry: false })?.isDirectory())
  fail(`--static ${options.static} is not a directory (build the panel first: npm run build).`);
const seedProperties = integerOption('seed-properties', options['seed-properties'], 0, 100_000);
const totpWindow = integerOption('totp-window', options['totp-window'], 1, 10);
// An empty JWT_SECRET is a configured secret too: refused, not silently replaced.
const jwtSecret = options['jwt-secret'] ?? process.env['JWT_SECRET'];
const secretProblem = jwtSecret === undefined ? null : jwtSecretProblem(jwtSecret);
if (secretProblem) fail(secretProblem);

let app: Awaited<ReturnType<typeof buildServer>>;
try {
  app = await buildServer({
    dbFile: resolve(
      options.db ?? process.env['MOCK_DB'] ?? resolve(import.meta.dirname, '../data/db.json'),
    ),
    staticDir,
    seedProperties,
    totpWindow,
    jwtSecret,
    oidc: { issuer: oidcIssuer, redirectUris: options['oidc-redirect-uri'] },
  });
} catch (error) {
  // A data file held by another server, an unreadable file...: one clear line, no stack trace.
  process.stderr.write(`Paradarum mock API could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
await app.listen({ port, host: options.host ?? '127.0.0.1' });

const address = app.server.address() as AddressInfo;
const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
// Scripts wait for exactly this line.
process.stdout.write(`Paradarum mock API listening on http://${host}:${address.port}\n`);
process.stdout.write(`  Demo sign-in:            ${DEMO_USER.email} / ${DEMO_USER.password}\n`);
process.stdout.write(
  `  Two-factor demo sign-in: ${SECURE_USER.email} / ${SECURE_USER.password} (TOTP secret in mock-server/README.md)\n`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
