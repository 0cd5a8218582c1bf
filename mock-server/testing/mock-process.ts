import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The one way tests start the mock API as a process of its own: Playwright's fixture
 * (e2e/fixtures/panel.ts) for every journey, and Jest specs that run the panel's snippets against
 * the real API (src/app/testing/demo-mock-server.ts). Both compile this file to CommonJS, which
 * is why it may use `__dirname` although its folder's package.json says `module`.
 */
export interface MockProcess {
  /** Where it listens, e.g. `http://127.0.0.1:41234`; the API is under `/api`. */
  readonly url: string;
  /** A folder of its own, removed by `stop()`: the data file, and any file a test writes. */
  readonly workDir: string;
  /** This server's fresh data file, seeded with the demo accounts. */
  readonly dbFile: string;
  /** Stops the server, waiting for its exit so its last write never races the folder's removal. */
  stop(): Promise<void>;
}

/** How long a start may take on a busy machine before the test fails with the mock's output. */
const START_TIMEOUT_MS = 15_000;

/** Starts `npm run mock` on a free port over a fresh data file, with `args` on top. */
export async function startMockProcess(args: readonly string[] = []): Promise<MockProcess> {
  const workDir = mkdtempSync(join(tmpdir(), 'pdm-mock-'));
  const dbFile = join(workDir, 'db.json');
  const child = spawn(
    process.execPath,
    [
      '--no-warnings=ExperimentalWarning',
      join(__dirname, '../src/main.ts'),
      ...['--port', '0', '--db', dbFile],
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    return { url: await listeningUrl(child), workDir, dbFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The origin the mock prints once it listens; its output names what went wrong otherwise. Its
 * output is read to the end (a pipe left full would block the server), kept until it listens.
 */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    let listening = false;
    const timer = setTimeout(
      () => reject(new Error(`mock server did not start:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      if (listening) return;
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        listening = true;
        clearTimeout(timer);
        resolveUrl(url);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited (${code}):\n${output}`));
    });
  });
}
