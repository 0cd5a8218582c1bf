import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USER } from './seed.ts';

/** The real process, as `npm run mock` runs it: start-up refusals, the lock file, kill -9. */
const MAIN = join(__dirname, 'main.ts');

let directory: string;
let dbFile: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-process-'));
  dbFile = join(directory, 'db.json');
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  rmSync(directory, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--no-warnings=ExperimentalWarning', MAIN, ...args], {
    env: { ...process.env, JWT_SECRET: undefined, ...env },
  });
  children.push(child);
  return child;
}

function output(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return () => text;
}

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

async function exitOf(
  mock: ChildProcessWithoutNullStreams,
): Promise<{ code: number; stderr: string }> {
  const stderr = output(mock.stderr);
  const [code] = await once(mock, 'exit');
  return { code, stderr: stderr() };
}

async function postJson(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  // The specs read a few fields of several payload shapes.
  return {
    status: response.status,
    body: (await response.json()) as { data: { Token: string; id: number } },
  };
}

describe('the JWT secret', () => {
  it.each([
    ['an empty --jwt-secret', ['--jwt-secret', ''], {}, 0],
    ['a one-character --jwt-secret', ['--jwt-secret', 'x'], {}, 1],
    ['a 31-byte --jwt-secret', ['--jwt-secret', 'x'.repeat(31)], {}, 31],
    ['an empty JWT_SECRET', [], { JWT_SECRET: '' }, 0],
    ['a short JWT_SECRET', [], { JWT_SECRET: 'short' }, 5],
  ])(
    'refuses %s at start, with a message, before creating the data file',
    async (_case, args, env, bytes) => {
      const { code, stderr } = await exitOf(run(['--port', '0', '--db', dbFile, ...args], env));
      expect(code).toBe(2);
      expect(stderr).toContain(`at least 32 bytes long (this one has ${bytes})`);
      expect(existsSync(dbFile)).toBe(false);
    },
  );

  it('accepts 32 bytes (multi-byte characters count as bytes)', async () => {
    // 16 two-byte characters.
    await listening(run(['--port', '0', '--db', dbFile, '--jwt-secret', 'é'.repeat(16)]));
  });
});

describe('one server per data file', () => {
  it('refuses a second server on the same --db, naming the first one pid, and frees it on exit', async () => {
    const first = run(['--port', '0', '--db', dbFile]);
    await listening(first);
    const { code, stderr } = await exitOf(run(['--port', '0', '--db', dbFile]));
    expect(code).toBe(1);
    expect(stderr).toContain(`is in use by another mock server (pid ${first.pid})`);
    first.kill('SIGTERM');
    await once(first, 'exit');
    expect(existsSync(`${dbFile}.lock`)).toBe(false);
    await listening(run(['--port', '0', '--db', dbFile]));
  });

  it('refuses to start on a corrupt journal line that is not the last, naming the file and line', async () => {
    writeFileSync(dbFile, '{"users":[],"accounts":[],"apiKeys":[],"properties":[],"purges":[]}');
    writeFileSync(`${dbFile}.journal`, '{}\n{"users":\n{}\n');
    const { code, stderr } = await exitOf(run(['--port', '0', '--db', dbFile]));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `could not start: ${dbFile}.journal line 2 is not a valid journal entry`,
    );
  });

  it('takes over the lock of a server killed with -9', async () => {
    const first = run(['--port', '0', '--db', dbFile]);
    await listening(first);
    first.kill('SIGKILL');
    await once(first, 'exit');
    expect(existsSync(`${dbFile}.lock`)).toBe(true);
    await listening(run(['--port', '0', '--db', dbFile]));
  });
});

describe('kill -9 during a write burst', () => {
  it('loses no acknowledged write, and a revoked key stays revoked', async () => {
    const first = run(['--port', '0', '--db', dbFile]);
    const origin = await listening(first);
    const signIn = await postJson(`${origin}/api/Auth/Login`, {
      username: DEMO_USER.email,
      password: DEMO_USER.password,
    });
    const auth = { authorization: `Bearer ${signIn.body.data.Token}` };
    const revoked = await postJson(`${origin}/api/apikey`, { name: 'to revoke' }, auth);
    expect(
      (await postJson(`${origin}/api/apikey/${revoked.body.data.id}/revoke`, {}, auth)).status,
    ).toBe(200);

    const acknowledged: number[] = [];
    const burst = Array.from({ length: 400 }, async (_, n) => {
      // Spread over a few event-loop turns, so the kill lands in the middle of the burst.
      await new Promise((resolve) => setTimeout(resolve, n % 40));
      try {
        const response = await postJson(
          `${origin}/api/property/${1 + (n % 3)}/purge`,
          { type: 'all' },
          auth,
        );
        if (response.status === 200) acknowledged.push(response.body.data.id);
      } catch {
        // The connection died with the server: not acknowledged.
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = once(first, 'exit');
    first.kill('SIGKILL');
    await Promise.all(burst);
    await exited;
    // The kill landed inside the burst: some were acknowledged, some never were.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(400);

    const second = run(['--port', '0', '--db', dbFile]);
    const restarted = await listening(second);
    const again = await postJson(`${restarted}/api/Auth/Login`, {
      username: DEMO_USER.email,
      password: DEMO_USER.password,
    });
    const ids = new Set<number>();
    for (const property of [1, 2, 3]) {
      const response = await fetch(`${restarted}/api/property/${property}/purge`, {
        headers: { authorization: `Bearer ${again.body.data.Token}` },
      });
      for (const record of ((await response.json()) as { data: { id: number }[] }).data)
        ids.add(record.id);
    }
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    const keys = await fetch(`${restarted}/api/apikey`, {
      headers: { authorization: `Bearer ${again.body.data.Token}` },
    });
    const stored = ((await keys.json()) as { data: { id: number; revokedAt: string | null }[] })
      .data;
    expect(stored.find((key) => key.id === revoked.body.data.id)?.revokedAt).toEqual(
      expect.any(String),
    );
  }, 30_000);
});
