/**
 * @jest-environment node
 *
 * Runs the snippets through a real bash against the real mock server, because quoting bugs only
 * show when a shell meets a key that holds `$`, `!`, `&`, `*`, `#`, `%` or `@`. Raw keys never
 * appear in assertion messages: comparisons are reduced to booleans and status codes.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildCurlSnippet, buildEnvFile, shellQuote } from './curl-snippet';
import { PROPERTY_ID_PLACEHOLDER } from './snippet-options';
import {
  type DemoMockServer,
  type IssuedKey,
  startDemoMockServer,
} from '../../../testing/demo-mock-server';

const execFileAsync = promisify(execFile);

/** Runs a script; on failure reports only the exit code, as the error would quote the key. */
async function run(file: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args);
  } catch (error) {
    // eslint-disable-next-line preserve-caught-error -- the cause quotes the command, key included
    throw new Error(`${file} failed with exit code ${(error as { code?: unknown }).code}`);
  }
}

/**
 * Types a script into an interactive bash, line by line as a terminal would. Only then does bash
 * apply history expansion (`!`): `bash -i -c` never does, so it cannot catch an unquoted `!`.
 * Unsetting HISTFILE keeps the keys out of ~/.bash_history, where an interactive bash saves
 * what it was given.
 */
function runInteractive(script: string): Promise<{ stdout: string }> {
  return new Promise((resolveRun, reject) => {
    const shell = execFile('bash', ['--norc', '--noprofile', '-i'], (error, stdout) =>
      error
        ? reject(new Error(`bash failed with exit code ${error.code}`))
        : resolveRun({ stdout }),
    );
    shell.stdin?.end(`unset HISTFILE\nset -H\n${script}\n`);
  });
}

const SYMBOLS = ['!', '@', '#', '$', '%', '&', '*'] as const;

/**
 * A key from the API's alphabet, written to provoke every shell expansion: a variable (`$HOME`),
 * positional and special parameters (`$1`, `$@`, `$$`), history events (`!ls`, `!!`), a glob, a
 * comment and a background `&`. Random keys hit these only by chance.
 */
const HOSTILE_KEY = 'pdm_$HOME!ls$1*#x&y%z@$@Ab9!!Q$$';

interface Envelope<T> {
  succeeded: boolean;
  data: T;
}

let mock: DemoMockServer;
let dataDir: string;
let apiBaseUrl: string;
let propertyId: number;
/** Keys that together cover every symbol, each with the prefix the server knows it by. */
let keys: IssuedKey[] = [];

beforeAll(async () => {
  mock = await startDemoMockServer();
  ({ apiBaseUrl, propertyId, workDir: dataDir } = mock);
  keys = await mock.keysHoldingEvery(SYMBOLS, 'snippet test');
}, 60_000);

afterAll(() => mock?.stop());

describe('buildCurlSnippet', () => {
  it('covers every symbol a key may hold across the keys under test', () => {
    const covered = SYMBOLS.filter((symbol) => keys.some((key) => key.raw.includes(symbol)));

    expect(covered).toEqual([...SYMBOLS]);
  });

  it('purges the property in bash, authenticated by each key exactly as given', async () => {
    for (const key of keys) {
      const snippet = buildCurlSnippet({ apiBaseUrl, rawKey: key.raw, propertyId });

      const { stdout } = await run('bash', ['-c', `${snippet} --silent`]);
      const purge = JSON.parse(stdout) as Envelope<{ requestedBy: string }>;

      expect(purge.succeeded).toBe(true);
      expect(purge.data.requestedBy).toBe(`key:${key.prefix}`);
    }
  });

  it('survives an interactive bash, where `!` would trigger history expansion unquoted', async () => {
    const snippet = buildCurlSnippet({
      apiBaseUrl,
      rawKey: keys.find((key) => key.raw.includes('!'))!.raw,
      propertyId,
    });

    const { stdout } = await runInteractive(`${snippet} --silent`);

    expect((JSON.parse(stdout) as Envelope<unknown>).succeeded).toBe(true);
  });

  it('hands curl a key that provokes every expansion unchanged, as typed into a terminal', async () => {
    const snippet = buildCurlSnippet({ apiBaseUrl, rawKey: HOSTILE_KEY, propertyId });

    // This curl is a shell function that prints the arguments it was given, one per line.
    const { stdout } = await runInteractive(`curl() { printf '%s\\n' "$@"; }\n${snippet}`);

    expect(stdout.split('\n').includes(`X-API-Key: ${HOSTILE_KEY}`)).toBe(true);
  });

  it('sends the key in X-API-Key and never as a Bearer token', () => {
    const snippet = buildCurlSnippet({ apiBaseUrl, rawKey: 'pdm_abc', propertyId: 7 });

    expect(snippet).toContain(`-H 'X-API-Key: pdm_abc'`);
    expect(snippet).not.toMatch(/Authorization|Bearer/);
  });

  it('targets the configured API base URL', () => {
    const snippet = buildCurlSnippet({
      apiBaseUrl: 'https://api.example.test/api',
      rawKey: 'pdm_abc',
      propertyId: 7,
    });

    expect(snippet).toContain(`curl -X POST 'https://api.example.test/api/property/7/purge'`);
  });

  it('falls back to a placeholder when the account has no property', () => {
    const snippet = buildCurlSnippet({ apiBaseUrl, rawKey: 'pdm_abc', propertyId: null });

    expect(snippet).toContain(`/property/${PROPERTY_ID_PLACEHOLDER}/purge'`);
  });
});

describe('buildEnvFile', () => {
  it('reads back as the very same key when a shell sources it', async () => {
    const file = join(dataDir, 'key.env');
    for (const raw of [...keys.map((key) => key.raw), HOSTILE_KEY]) {
      writeFileSync(file, buildEnvFile(raw));

      const { stdout } = await run('bash', ['-c', `. '${file}'; printf %s "$PARADARUM_API_KEY"`]);

      expect(stdout === raw).toBe(true);
    }
  });
});

describe('shellQuote', () => {
  it('keeps a single quote intact as well', async () => {
    const { stdout } = await run('bash', ['-c', `printf %s ${shellQuote(`it's`)}`]);

    expect(stdout).toBe(`it's`);
  });
});
