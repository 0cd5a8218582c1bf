import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { SECURE_USER } from './seed.ts';
import { totpCode } from './two-factor.ts';

/** The command line as `npm run mock` runs it: the real process, options and all. */
const MAIN = join(__dirname, 'main.ts');

let directory: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-main-'));
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = undefined;
  rmSync(directory, { recursive: true, force: true });
});

function run(...args: string[]): ChildProcessWithoutNullStreams {
  return runIn(process.cwd(), ...args);
}

function runIn(cwd: string, ...args: string[]): ChildProcessWithoutNullStreams {
  child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', MAIN, ...args], { cwd });
  return child;
}

function output(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return () => text;
}

/** Resolves with the origin from the ready line that scripts wait for. */
function listening(mock: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdout = output(mock.stdout);
    const stderr = output(mock.stderr);
    mock.stdout.on('data', () => {
      const origin = /^Paradarum mock API listening on (http:\/\/\S+)$/m.exec(stdout())?.[1];
      if (origin) resolve(origin);
    });
    mock.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr()}`)));
  });
}

async function postJson(url: string, body: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data: { TwoFactorToken?: string } | null },
  };
}

/** A GET to the mock on loopback with the Host header a browser behind a proxy would send. */
function getVia(port: string, host: string, path: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('main.ts', () => {
  it('refuses an invalid option with exit code 2 before creating the data file', async () => {
    const dbFile = join(directory, 'db.json');
    const mock = run('--db', dbFile, '--totp-window', 'wide');
    const stderr = output(mock.stderr);
    const [code] = await once(mock, 'exit');
    expect(code).toBe(2);
    expect(stderr()).toContain('--totp-window must be an integer');
    expect(existsSync(dbFile)).toBe(false);
  });

  it.each([
    [['--oidc-issuer', 'http://localhost:4200/sso'], '--oidc-issuer must be an http(s) URL'],
    [['--oidc-redirect-uri', 'javascript:alert(1)'], 'is not an http(s) URL'],
  ])('refuses the identity provider option %j with exit code 2', async (args, message) => {
    const dbFile = join(directory, 'db.json');
    const mock = run('--db', dbFile, ...args);
    const stderr = output(mock.stderr);
    const [code] = await once(mock, 'exit');
    expect(code).toBe(2);
    expect(stderr()).toContain(message);
    expect(existsSync(dbFile)).toBe(false);
  });

  it('gives the identity provider the issuer and redirect URI it is told', async () => {
    const mock = run(
      ...['--port', '0', '--db', join(directory, 'db.json')],
      ...['--oidc-issuer', 'http://localhost:4200/oidc'],
      ...['--oidc-redirect-uri', 'https://panel.example/login'],
    );
    const { port } = new URL(await listening(mock));
    // Reached directly (Host 127.0.0.1:<port>), the provider is not there: only via its issuer's host.
    expect((await getVia(port, '127.0.0.1', '/oidc/jwks')).status).toBe(404);
    const discovery = await getVia(
      port,
      'localhost:4200',
      '/oidc/.well-known/openid-configuration',
    );
    expect(JSON.parse(discovery.body).issuer).toBe('http://localhost:4200/oidc');
    const authorize = (redirectUri: string) =>
      getVia(
        port,
        'localhost:4200',
        `/oidc/auth?${new URLSearchParams({
          response_type: 'code',
          client_id: 'paradarum-panel',
          redirect_uri: redirectUri,
          scope: 'openid',
          nonce: 'n',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        })}`,
      );
    expect((await authorize('https://panel.example/login')).status).toBe(303);
    expect((await authorize('http://localhost:4200/login')).status).toBe(303);
    expect((await authorize('https://other.example/login')).status).toBe(400);
    mock.kill('SIGTERM');
    await once(mock, 'exit');
  });

  it('serves a --static directory given relative to where the command runs, as --help shows', async () => {
    mkdirSync(join(directory, 'dist/browser'), { recursive: true });
    writeFileSync(
      join(directory, 'dist/browser/index.html'),
      '<!doctype html><title>built</title>',
    );
    const mock = runIn(directory, '--port', '0', '--db', 'db.json', '--static', 'dist/browser');
    const origin = await listening(mock);
    const response = await fetch(`${origin}/api-keys`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>built</title>');
    expect(existsSync(join(directory, 'db.json'))).toBe(true);
  });

  it.each([
    ['dist/missing', '--static dist/missing is not a directory'],
    // Resolved, an empty value would be the current directory, data file included.
    ['', '--static needs a directory'],
  ])('refuses --static %j with exit code 2', async (value, message) => {
    const mock = runIn(directory, '--db', 'db.json', '--static', value);
    const stderr = output(mock.stderr);
    const [code] = await once(mock, 'exit');
    expect(code).toBe(2);
    expect(stderr()).toContain(message);
    expect(existsSync(join(directory, 'db.json'))).toBe(false);
  });

  it('serves on the given options, --totp-window included, and stops cleanly', async () => {
    const dbFile = join(directory, 'db.json');
    const mock = run('--port', '0', '--db', dbFile, '--totp-window', '2');
    const origin = await listening(mock);
    // A code two steps old is accepted only with --totp-window 2; stay clear of a step boundary.
    if (Date.now() % 30_000 > 27_000) await new Promise((resolve) => setTimeout(resolve, 3_500));
    const signIn = await postJson(`${origin}/api/Auth/Login`, {
      username: SECURE_USER.email,
      password: SECURE_USER.password,
    });
    const verified = await postJson(`${origin}/api/Auth/2fa/verify`, {
      twoFactorToken: signIn.body.data?.TwoFactorToken,
      code: totpCode(SECURE_USER.totpSecret, Date.now() - 60_000),
    });
    expect(verified.status).toBe(200);
    mock.kill('SIGTERM');
    const [code] = await once(mock, 'exit');
    expect(code).toBe(0);
    expect(existsSync(dbFile)).toBe(true);
  });
});
