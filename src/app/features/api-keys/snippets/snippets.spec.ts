/**
 * @jest-environment node
 *
 * Runs each snippet in its own runtime (Node, Python, PHP, bash for GitHub Actions), first
 * against the real mock server with real keys that together hold every symbol of the key
 * alphabet, then against a local echo server with a key made of every character a language
 * could misread (`$ ! " ' \` \\`), which the API would never issue. Raw keys never appear in
 * assertion messages: comparisons are reduced to booleans and status codes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type DemoMockServer,
  type IssuedKey,
  startDemoMockServer,
} from '../../../testing/demo-mock-server';
import { buildGitHubActionsSnippet, GITHUB_SECRET_NAME } from './github-actions-snippet';
import { buildNodeSnippet, javaScriptQuote } from './node-snippet';
import { buildPhpSnippet, phpQuote } from './php-snippet';
import { buildPowerShellSnippet, powerShellQuote } from './powershell-snippet';
import {
  buildPythonRequestsSnippet,
  buildPythonUrllibSnippet,
  pythonQuote,
} from './python-snippet';
import { SNIPPET_LANGUAGES } from './snippet-catalog';
import { SnippetOptions } from './snippet-options';

interface RunResult {
  readonly code: number;
  readonly stdout: string;
}

/**
 * Runs a program and resolves with its exit code and output, never rejecting: a rejection's
 * message would quote the command line and stderr, where the key may be.
 */
function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  return new Promise((done) => {
    execFile(file, args, { env, timeout: 30_000 }, (error, stdout) =>
      done({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout }),
    );
  });
}

function hasRuntime(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SYMBOLS = ['!', '@', '#', '$', '%', '&', '*'] as const;
/** Every character that is special in at least one of the languages, none of them in real keys. */
const HOSTILE_KEY = `pdm_$HOME!ls"q'\`id\`\\n\\\\$1{x}%s#&*@`;
const hasPython = hasRuntime('python3', ['--version']);
const hasRequests = hasPython && hasRuntime('python3', ['-c', 'import requests']);
const hasPhp = hasRuntime('php', ['--version']);

let echoServer: Server;
let echoBaseUrl: string;
/** The X-API-Key header of the last request the echo server saw. */
let echoedKey: string | undefined;
let mock: DemoMockServer;
let dataDir: string;
let apiBaseUrl: string;
let propertyId: number;
let keys: IssuedKey[] = [];

/** Answers every request with the API's purge shape and remembers the key it was sent. */
function startEchoServer(): Promise<string> {
  echoServer = createServer((request, response) => {
    echoedKey = request.headers['x-api-key'] as string | undefined;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"succeeded":true,"data":{}}');
    });
  });
  return new Promise((done) =>
    echoServer.listen(0, '127.0.0.1', () =>
      done(`http://127.0.0.1:${(echoServer.address() as AddressInfo).port}/api`),
    ),
  );
}

beforeAll(async () => {
  [mock, echoBaseUrl] = await Promise.all([startDemoMockServer(), startEchoServer()]);
  ({ apiBaseUrl, propertyId, workDir: dataDir } = mock);
  keys = await mock.keysHoldingEvery(SYMBOLS, 'snippets test');
}, 60_000);

afterAll(async () => {
  await new Promise((done) => echoServer?.close(done));
  await mock?.stop();
});

/** Writes a snippet to a file (the way a user saves it) and runs it. */
async function runSnippet(program: string, fileName: string, code: string): Promise<RunResult> {
  const file = join(dataDir, fileName);
  writeFileSync(file, code);
  try {
    return await run(program, [file]);
  } finally {
    rmSync(file, { force: true });
  }
}

/** The purge's `requestedBy`, parsed from output that ends with the API's JSON body. */
function requestedBy(stdout: string): string | undefined {
  const body = stdout.slice(stdout.indexOf('{'));
  return (JSON.parse(body) as { data?: { requestedBy?: string } }).data?.requestedBy;
}

interface Runtime {
  readonly name: string;
  readonly available: boolean;
  readonly program: string;
  readonly fileName: string;
  readonly build: (options: SnippetOptions) => string;
  /** The first line a successful purge prints, before the body. */
  readonly okStatus: RegExp;
}

const RUNTIMES: Runtime[] = [
  {
    name: 'Node (fetch)',
    available: true,
    program: process.execPath,
    fileName: 'purge.mjs',
    build: buildNodeSnippet,
    okStatus: /^200 /,
  },
  {
    name: 'Python (urllib)',
    available: true,
    program: 'python3',
    fileName: 'purge_urllib.py',
    build: buildPythonUrllibSnippet,
    okStatus: /^200 /,
  },
  {
    name: 'Python (requests)',
    available: hasRequests,
    program: 'python3',
    fileName: 'purge_requests.py',
    build: buildPythonRequestsSnippet,
    okStatus: /^200 /,
  },
  {
    name: 'PHP',
    available: true,
    program: 'php',
    fileName: 'purge.php',
    build: buildPhpSnippet,
    okStatus: /^HTTP\/1\.1 200 /,
  },
];

// Python and PHP are required (scripts/setup-machine.sh installs PHP): a missing runtime fails
// here instead of passing silently. Only `requests` is optional; without it, Python parses it.
it('finds python3 and php on this machine', () => {
  expect({ python3: hasPython, php: hasPhp }).toEqual({ python3: true, php: true });
});

describe.each(RUNTIMES.filter((runtime) => runtime.available))('the $name snippet', (runtime) => {
  it('purges the property with every real key, authenticated as that key', async () => {
    for (const key of keys) {
      const { code, stdout } = await runSnippet(
        runtime.program,
        runtime.fileName,
        runtime.build({ apiBaseUrl, rawKey: key.raw, propertyId }),
      );

      expect(code).toBe(0);
      expect(runtime.okStatus.test(stdout)).toBe(true);
      expect(requestedBy(stdout)).toBe(`key:${key.prefix}`);
    }
  });

  it('sends a key full of quotes, escapes and sigils exactly as given', async () => {
    echoedKey = undefined;

    const { code } = await runSnippet(
      runtime.program,
      runtime.fileName,
      runtime.build({ apiBaseUrl: echoBaseUrl, rawKey: HOSTILE_KEY, propertyId: 1 }),
    );

    expect(code).toBe(0);
    expect(echoedKey === HOSTILE_KEY).toBe(true);
  });

  it('sends the key in X-API-Key and never as a Bearer token', () => {
    const snippet = runtime.build({ apiBaseUrl, rawKey: 'pdm_abc', propertyId: 7 });

    expect(snippet).toContain('X-API-Key');
    expect(snippet).not.toMatch(/Authorization|Bearer/);
  });
});

describe('the Python (requests) snippet without the requests package', () => {
  // Where `requests` is missing the snippet cannot run, so Python itself reads the literal back.
  it('is valid Python whose key literal is the key itself', async () => {
    const file = join(dataDir, 'parse_requests.py');
    writeFileSync(
      file,
      buildPythonRequestsSnippet({ apiBaseUrl, rawKey: HOSTILE_KEY, propertyId: 1 }),
    );
    const check = [
      'import ast, sys',
      'tree = ast.parse(open(sys.argv[1]).read())',
      'keys = [v.value for n in ast.walk(tree) if isinstance(n, ast.Dict)',
      '        for k, v in zip(n.keys, n.values) if getattr(k, "value", None) == "X-API-Key"]',
      'print("same" if keys == [sys.argv[2]] else "different")',
    ].join('\n');

    const { stdout } = await run('python3', ['-c', check, file, HOSTILE_KEY]);

    expect(stdout.trim()).toBe('same');
  });
});

/** The workflow step's `run:` block, as GitHub hands it to bash (indentation removed). */
function runBlock(step: string): string {
  const lines = step.split('\n');
  const start = lines.indexOf('  run: |') + 1;
  return lines
    .slice(start)
    .map((line) => line.slice(4))
    .join('\n');
}

describe('the GitHub Actions snippet', () => {
  it('maps the repository secret into the environment and keeps the key out of the file', () => {
    const step = buildGitHubActionsSnippet({ apiBaseUrl, propertyId: 7 });

    expect(step).toContain(`    ${GITHUB_SECRET_NAME}: \${{ secrets.${GITHUB_SECRET_NAME} }}`);
    expect(runBlock(step)).not.toContain('secrets.');
    expect(step).not.toMatch(/Authorization|Bearer/);
  });

  it('purges the property from its run block with every real key in the secret', async () => {
    const script = runBlock(buildGitHubActionsSnippet({ apiBaseUrl, propertyId }));
    for (const key of keys) {
      const { code, stdout } = await run('bash', ['-e', '-c', `${script} --silent`], {
        ...process.env,
        [GITHUB_SECRET_NAME]: key.raw,
      });

      expect(code).toBe(0);
      expect(requestedBy(stdout)).toBe(`key:${key.prefix}`);
    }
  });

  it('sends a secret full of quotes, escapes and sigils exactly as stored', async () => {
    echoedKey = undefined;
    const script = runBlock(buildGitHubActionsSnippet({ apiBaseUrl: echoBaseUrl, propertyId: 1 }));

    const { code } = await run('bash', ['-e', '-c', `${script} --silent`], {
      ...process.env,
      [GITHUB_SECRET_NAME]: HOSTILE_KEY,
    });

    expect(code).toBe(0);
    expect(echoedKey === HOSTILE_KEY).toBe(true);
  });
});

/**
 * Reads a PowerShell single-quoted string starting at `start`, by the language's rules (about_Quoting_Rules):
 * nothing expands, and a quote character (`'` or one of ‘ ’ ‚ ‛) written twice is one literal quote.
 */
function readPowerShellString(source: string, start: number): { value: string; end: number } {
  const isQuote = (char: string | undefined) => char !== undefined && /['\u2018-\u201B]/.test(char);
  if (!isQuote(source[start]) || source[start] === '\u201C') {
    throw new Error('not a single-quoted string');
  }
  let value = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source[index];
    if (isQuote(char)) {
      if (isQuote(source[index + 1])) {
        value += source[index + 1];
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index++;
  }
  throw new Error('unterminated string');
}

describe('the PowerShell snippet', () => {
  it('puts the key in a single-quoted string that reads back as the key', () => {
    for (const raw of [...keys.map((key) => key.raw), HOSTILE_KEY, `${HOSTILE_KEY}‘’‚‛`]) {
      const snippet = buildPowerShellSnippet({ apiBaseUrl, rawKey: raw, propertyId: 7 });
      const start = snippet.indexOf(`'X-API-Key' = `) + `'X-API-Key' = `.length;

      const { value, end } = readPowerShellString(snippet, start);

      expect(value === raw).toBe(true);
      expect(snippet.slice(end, end + 2)).toBe(' }');
    }
  });

  it('never puts the key in a double-quoted (expandable) string', () => {
    const snippet = buildPowerShellSnippet({ apiBaseUrl, rawKey: 'pdm_abc', propertyId: 7 });

    expect(snippet).not.toMatch(/"[^"]*pdm_abc/);
    expect(snippet).toContain(`-Headers @{ 'X-API-Key' = 'pdm_abc' }`);
  });

  it('continues each line with a backtick as its very last character', () => {
    const lines = buildPowerShellSnippet({ apiBaseUrl, rawKey: 'pdm_abc', propertyId: 7 }).split(
      '\n',
    );

    expect(lines.slice(0, -1).every((line) => line.endsWith(' `'))).toBe(true);
    expect(lines.at(-1)).toBe(`  -Body '{ "type": "all" }'`);
  });
});

describe('quoting helpers', () => {
  it('powerShellQuote doubles straight and typographic single quotes', () => {
    expect(powerShellQuote(`a'b‘c’`)).toBe(`'a''b‘‘c’’'`);
  });

  it('javaScriptQuote escapes double quotes and backslashes', () => {
    expect(javaScriptQuote('a"b\\c$`')).toBe('"a\\"b\\\\c$`"');
  });

  it('pythonQuote escapes double quotes, backslashes and control characters', () => {
    expect(pythonQuote('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\x01"');
  });

  it('phpQuote escapes backslashes and single quotes only', () => {
    expect(phpQuote(`a'b\\c$d"`)).toBe(`'a\\'b\\\\c$d"'`);
  });
});

describe('SNIPPET_LANGUAGES', () => {
  it('offers every stack once, each using X-API-Key', () => {
    const options = { apiBaseUrl, rawKey: 'pdm_abc', propertyId: 7 };

    expect(SNIPPET_LANGUAGES.map((language) => language.id)).toEqual([
      'curl',
      'powershell',
      'node',
      'python-urllib',
      'python-requests',
      'php',
      'github-actions',
    ]);
    expect(
      SNIPPET_LANGUAGES.every((language) => language.build(options).includes('X-API-Key')),
    ).toBe(true);
  });
});
