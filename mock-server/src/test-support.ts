import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createFakeClock } from './clock.ts';
import type { FakeClock } from './clock.ts';
import { DEMO_USER, SECURE_USER } from './seed.ts';
import { PasswordQueue } from './password-queue.ts';
import { buildServer } from './server.ts';
import type { ServerOptions } from './server.ts';
import { totpCode } from './two-factor.ts';

/** 2025-06-01T12:00:00Z, in the middle of a TOTP step. */
export const TEST_START_MS = Date.UTC(2025, 5, 1, 12, 0, 10);

export interface TestServer {
  app: FastifyInstance;
  clock: FakeClock;
  dbFile: string;
  /** Starts another server on the same data file (close the first one before, or `crash` it). */
  restart(overrides?: Partial<ServerOptions>): Promise<FastifyInstance>;
  /**
   * Stops the last server started as a crash (kill -9) would: the next start finds the data file
   * and journals as they are on disk now. Only what a write declared is there; a clean stop would
   * also have written what memory alone held.
   */
  crash(): Promise<void>;
  close(): Promise<void>;
}

/** A server on a fresh, seeded data file in a temp directory, with a fake clock. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'paradarum-mock-'));
  const dbFile = join(directory, 'db.json');
  const clock = createFakeClock(TEST_START_MS);
  const serverOptions = {
    dbFile,
    clock,
    jwtSecret: 'test-secret-test-secret-test-secret',
    ...options,
  };
  const servers = [await buildServer(serverOptions)];
  return {
    app: servers[0] as FastifyInstance,
    clock,
    dbFile,
    async restart(overrides = {}) {
      const next = await buildServer({ ...serverOptions, ...overrides });
      servers.push(next);
      return next;
    },
    async crash() {
      const files = [dbFile, `${dbFile}.journal`, `${dbFile}.journal.old`];
      const onDisk = files.map((file) => (existsSync(file) ? readFileSync(file) : null));
      await servers.at(-1)?.close();
      files.forEach((file, i) => {
        const content = onDisk[i];
        if (content) writeFileSync(file, content);
        else rmSync(file, { force: true });
      });
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function json(response: LightMyRequestResponse): {
  succeeded: boolean;
  message: string;
  // Specs assert on many payload shapes; typing each one here would only repeat the routes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
} {
  return response.json();
}

export function post(
  app: FastifyInstance,
  url: string,
  payload: object,
  headers: InjectOptions['headers'] = {},
) {
  return app.inject({ method: 'POST', url, payload, headers });
}

export function get(app: FastifyInstance, url: string, headers: InjectOptions['headers'] = {}) {
  return app.inject({ method: 'GET', url, headers });
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export function login(app: FastifyInstance, username: string, password: string) {
  return post(app, '/api/Auth/Login', { username, password });
}

/** The demo user's session JWT. */
export async function demoToken(app: FastifyInstance): Promise<string> {
  return json(await login(app, DEMO_USER.email, DEMO_USER.password)).data.Token;
}

/** A TwoFactorToken of the secure user (password step done). */
export async function secureTwoFactorToken(app: FastifyInstance): Promise<string> {
  return json(await login(app, SECURE_USER.email, SECURE_USER.password)).data.TwoFactorToken;
}

/** The secure user's session JWT, via a TOTP code valid at the clock's current time. */
export async function secureToken(app: FastifyInstance, clock: FakeClock): Promise<string> {
  const twoFactorToken = await secureTwoFactorToken(app);
  const response = await post(app, '/api/Auth/2fa/verify', {
    twoFactorToken,
    code: totpCode(SECURE_USER.totpSecret, clock.now()),
  });
  return json(response).data.Token;
}

/** Creates an API key for the account of `token` and returns the created entry (with the raw `key`). */
export async function createKey(app: FastifyInstance, token: string, name = 'test key') {
  return json(await post(app, '/api/apikey', { name }, bearer(token))).data;
}

/**
 * A hashing queue that holds the result of the next check until the test releases it: a sign-in
 * whose password was read, and is being hashed, while something else happens.
 */
export class HoldingQueue extends PasswordQueue {
  private held: { started: () => void; release: Promise<void> } | null = null;

  /** `started` resolves once the next check has read its hash; `release` lets its result through. */
  holdNext(): { started: Promise<void>; release: () => void } {
    let started!: () => void;
    let release!: () => void;
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    this.held = { started, release: new Promise<void>((resolve) => (release = resolve)) };
    return { started: startedPromise, release };
  }

  override run<T>(task: () => Promise<T>): Promise<T> {
    const held = this.held;
    this.held = null;
    if (!held) return super.run(task);
    held.started();
    return super.run(async () => {
      const result = await task();
      await held.release;
      return result;
    });
  }
}
