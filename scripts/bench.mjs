// `npm run bench`: what the panel costs a browser. Builds for production, then prints (gzip and
// brotli) the JavaScript needed to show the sign-in page, every lazy chunk, what Chromium really
// downloads for /login, and how the properties list behaves with 5,000 properties.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium-path.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/paradarum-panel');
const browserDir = join(dist, 'browser');
const signInEntry = 'src/app/features/login/login-page.ts';

function build() {
  execFileSync(join(root, 'node_modules/.bin/ng'), ['build', '--stats-json'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function sizes(file) {
  const bytes = readFileSync(join(browserDir, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

function printTable(title, rows) {
  console.log(`\n${title}`);
  const header = ['file', 'what', 'raw', 'gzip', 'brotli'];
  const lines = rows.map((r) => [r.file, r.what, kB(r.raw), kB(r.gzip), kB(r.brotli)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  lines.forEach((l) => console.log(format(l)));
}

function total(rows) {
  return rows.reduce(
    (sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/** Every chunk `start` pulls in by static imports, `start` included. */
function staticClosure(outputs, start) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(start);
  return seen;
}

/** A readable name for a chunk: its entry point, else the source files it holds. */
function describe(output) {
  const sources = Object.keys(output.inputs).filter((i) => i.startsWith('src/'));
  if (output.entryPoint) return output.entryPoint.replace(/^src\/app\//, '');
  if (sources.length)
    return `shared: ${sources
      .map((s) => s.replace(/^src\/app\//, ''))
      .slice(0, 2)
      .join(', ')}`;
  const packages = [
    ...new Set(
      Object.keys(output.inputs)
        .map((i) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(i)?.[1])
        .filter(Boolean),
    ),
  ];
  return `shared: ${packages.slice(0, 3).join(', ')}`;
}

function bundleReport() {
  const { outputs } = JSON.parse(readFileSync(join(dist, 'browser-stats.json'), 'utf8'));
  const jsFiles = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const main = jsFiles.find((f) => outputs[f].entryPoint === 'src/main.ts');
  const initial = staticClosure(outputs, main);
  const signInChunk = jsFiles.find((f) => outputs[f].entryPoint === signInEntry);
  const signIn = [...staticClosure(outputs, signInChunk)].filter((f) => !initial.has(f));
  const row = (file, what) => ({ file, what, ...sizes(file) });

  const signInRows = [
    ...[...initial].map((f) => row(f, `initial: ${describe(outputs[f])}`)),
    ...signIn.map((f) => row(f, `sign-in route: ${describe(outputs[f])}`)),
  ];
  const signInTotal = total(signInRows);
  printTable('JavaScript to show the sign-in page (initial chunks + sign-in route chunks)', [
    ...signInRows,
    { file: 'total', what: '', ...signInTotal },
  ]);

  const lazyRows = jsFiles
    .filter((f) => !initial.has(f))
    .map((f) => row(f, describe(outputs[f])))
    .sort((a, b) => b.brotli - a.brotli);
  printTable('Every lazy chunk', lazyRows);
  return signInTotal;
}

async function startMockServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-bench-'));
  const child = spawn(
    process.execPath,
    [
      '--no-warnings=ExperimentalWarning',
      join(root, 'mock-server/src/main.ts'),
      '--port',
      '0',
      '--db',
      join(dataDir, 'db.json'),
      '--static',
      browserDir,
      '--seed-properties',
      '5000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function browserReport(server, browser) {
  const page = await browser.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(new URL(response.url()).pathname.slice(1));
  });
  await page.goto(`${server.url}/login`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  const loaded = total(scripts.map((file) => sizes(file)));
  console.log(
    `\nChromium downloaded ${scripts.length} scripts to show /login: ` +
      `${kB(loaded.raw)} raw, ${kB(loaded.gzip)} gzip, ${kB(loaded.brotli)} brotli`,
  );
  await page.close();
}

async function propertiesReport(server, browser) {
  const module = join(root, 'scripts/bench-properties.mjs');
  if (!existsSync(module)) return;
  const { measurePropertiesList } = await import(pathToFileURL(module).href);
  const page = await browser.newPage();
  const result = await measurePropertiesList({ baseUrl: server.url, page });
  console.log('\nProperties list with 5,000 properties');
  for (const [what, value] of Object.entries(result)) {
    console.log(`  ${what}: ${typeof value === 'number' ? `${value.toFixed(0)} ms` : value}`);
  }
  await page.close();
}

build();
bundleReport();
const server = await startMockServer();
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  await browserReport(server, browser);
  await propertiesReport(server, browser);
} finally {
  await browser.close();
  server.stop();
}
