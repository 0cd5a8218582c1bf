// `npm run bench:mock`: what the mock API costs per request at scale, against real servers on
// loopback (autocannon). Four ratios, each measured in the same run so a busy machine slows both
// sides alike; exits non-zero when one misses its target:
//   X-API-Key request with 10,000 stored keys / with 10        >= 0.9
//   Bearer (JWT) request / a bare Fastify route                 >= 0.5
//   purge throughput with 10,000 stored keys / with 10          >= 0.5
//   purge cost with 100,000 stored purges / on a fresh file     <= 1.5 (a write costs what changed)
// The two sides of a ratio run in turns (BENCH_ROUNDS, default 3, of BENCH_SECONDS, default 2,
// each), so a burst of load from elsewhere on a shared machine does not land on one side only.
// BENCH_CONNECTIONS (default 20) sets the load.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'mock-server/src/main.ts');
const seconds = Number(process.env['BENCH_SECONDS'] ?? 2);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const DEMO = { username: 'demo@paradarum.test', password: 'Paradarum-demo-1' };
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const directory = mkdtempSync(join(tmpdir(), 'paradarum-bench-mock-'));
const children = new Set();

function waitForListening(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += String(chunk);
      const origin = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (origin) resolve(origin);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

async function startMock(dbFile) {
  const child = spawn(
    process.execPath,
    ['--no-warnings=ExperimentalWarning', main, '--port', '0', '--db', dbFile],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  return { child, origin: await waitForListening(child) };
}

/** A Fastify app with one route and nothing else: the floor a mock request is compared with. */
async function startBareFastify() {
  const source = `
    import Fastify from 'fastify';
    const app = Fastify();
    app.get('/bare', async () => ({ succeeded: true, message: '', data: { id: 1, name: 'Demo Media' } }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    console.log('listening on http://127.0.0.1:' + app.server.address().port);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return { child, origin: await waitForListening(child) };
}

async function stop({ child }) {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  children.delete(child);
}

function rawKey() {
  const bytes = randomBytes(28);
  return `pdm_${[...bytes].map((b) => KEY_ALPHABET[b % KEY_ALPHABET.length]).join('')}`;
}

/**
 * A seeded data file with `count` extra keys of the demo account and `purges` purge records of its
 * first property, written directly (not 10,000 HTTP calls). Returns one usable raw key; the rest
 * are only hashes, like real stored keys.
 */
async function dataFileWithKeys(count, purges = 0) {
  const dbFile = join(directory, `keys-${count}-purges-${purges}.json`);
  await stop(await startMock(dbFile));
  const data = JSON.parse(readFileSync(dbFile, 'utf8'));
  // Spread over the last day: all within the 90 days a purge record is kept.
  for (let n = 0; n < purges; n++)
    data.purges.push({
      id: n + 1,
      propertyId: 1,
      type: 'url',
      urls: [`https://www.demo-media.test/articles/${n + 1}`],
      requestedBy: 'key:pdm_Benc',
      createdAt: new Date(Date.now() - (purges - n) * 500).toISOString(),
    });
  let id = data.apiKeys.reduce((max, key) => Math.max(max, key.id), 0);
  let usable = '';
  for (let n = 0; n < count; n++) {
    const raw = rawKey();
    usable = raw;
    data.apiKeys.push({
      id: ++id,
      accountId: 1,
      name: `bench key ${n + 1}`,
      prefix: raw.slice(0, 8),
      hash: createHash('sha256').update(raw).digest('hex'),
      createdAt: new Date(Date.now() - (count - n) * 1000).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
  }
  writeFileSync(dbFile, JSON.stringify(data));
  return { dbFile, key: usable };
}

async function run(title, options) {
  const result = await autocannon({ connections, duration: seconds, ...options });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed) throw new Error(`${title}: ${failed} requests failed`);
  return result;
}

function report(title, results) {
  const rate = results.reduce((sum, r) => sum + r.requests.average, 0) / results.length;
  const p99 = Math.max(...results.map((r) => r.latency.p99));
  const each = results.map((r) => Math.round(r.requests.average)).join(', ');
  console.log(
    `${title.padEnd(44)} ${String(Math.round(rate)).padStart(7)} req/s  worst p99 ${String(p99).padStart(4)} ms  (rounds: ${each})`,
  );
  return rate;
}

/** Both sides of a ratio, in alternating rounds; returns their mean rates. */
async function compare([titleA, optionsA], [titleB, optionsB]) {
  const a = [];
  const b = [];
  for (let round = 0; round < rounds; round++) {
    a.push(await run(titleA, optionsA));
    b.push(await run(titleB, optionsB));
  }
  return [report(titleA, a), report(titleB, b)];
}

async function signIn(origin) {
  const response = await fetch(`${origin}/api/Auth/Login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO),
  });
  return (await response.json()).data.Token;
}

const purgeRequest = (origin, key) => ({
  url: `${origin}/api/property/1/purge`,
  method: 'POST',
  headers: { 'x-api-key': key, 'content-type': 'application/json' },
  body: JSON.stringify({ type: 'all' }),
});

/** Warms a server up (JIT, first write) so the first scenario is not the one that pays for it. */
async function warmUp(server, key) {
  for (const request of [
    { url: `${server.origin}/api/account`, headers: { 'x-api-key': key } },
    purgeRequest(server.origin, key),
  ])
    await autocannon({ ...request, connections, duration: 1 });
}

const checks = [];
/** A ratio that must be at least `target` (a rate), or at most `target` with `{ atMost: true }` (a cost). */
function ratio(title, value, target, { atMost = false } = {}) {
  checks.push({ title, value, target, atMost });
}

try {
  console.log(
    `${rounds} alternating rounds of ${seconds} s per side, ${connections} connections, loopback\n`,
  );
  const few = await dataFileWithKeys(10 - 2);
  const many = await dataFileWithKeys(10_000 - 2);
  const fewServer = await startMock(few.dbFile);
  const manyServer = await startMock(many.dbFile);

  await warmUp(fewServer, few.key);
  await warmUp(manyServer, many.key);

  const [keyFew, keyMany] = await compare(
    [
      'X-API-Key GET /api/account, 10 keys',
      { url: `${fewServer.origin}/api/account`, headers: { 'x-api-key': few.key } },
    ],
    [
      'X-API-Key GET /api/account, 10,000 keys',
      { url: `${manyServer.origin}/api/account`, headers: { 'x-api-key': many.key } },
    ],
  );
  ratio('X-API-Key, 10,000 keys / 10 keys', keyMany / keyFew, 0.9);

  const bare = await startBareFastify();
  const token = await signIn(fewServer.origin);
  const [bearerRate, bareRate] = await compare(
    [
      'Bearer GET /api/account',
      { url: `${fewServer.origin}/api/account`, headers: { authorization: `Bearer ${token}` } },
    ],
    ['bare Fastify GET /bare', { url: `${bare.origin}/bare` }],
  );
  await stop(bare);
  ratio('Bearer request / bare Fastify route', bearerRate / bareRate, 0.5);

  const [purgeFew, purgeMany] = await compare(
    ['X-API-Key POST purge, 10 keys', purgeRequest(fewServer.origin, few.key)],
    ['X-API-Key POST purge, 10,000 keys', purgeRequest(manyServer.origin, many.key)],
  );
  ratio('purge, 10,000 keys / 10 keys', purgeMany / purgeFew, 0.5);
  await stop(fewServer);
  await stop(manyServer);

  // The cost of one purge (time per request at the same concurrency) on a fresh file and with
  // 100,000 purge records stored: a write must cost what changed, not what is stored.
  const fresh = await dataFileWithKeys(1);
  const history = await dataFileWithKeys(1, 100_000);
  const freshServer = await startMock(fresh.dbFile);
  const historyServer = await startMock(history.dbFile);
  await warmUp(freshServer, fresh.key);
  await warmUp(historyServer, history.key);
  const [purgeFresh, purgeHistory] = await compare(
    ['X-API-Key POST purge, fresh file', purgeRequest(freshServer.origin, fresh.key)],
    [
      'X-API-Key POST purge, 100,000 purges stored',
      purgeRequest(historyServer.origin, history.key),
    ],
  );
  ratio('purge cost, 100,000 purges / fresh file', purgeFresh / purgeHistory, 1.5, {
    atMost: true,
  });

  console.log('');
  const met = ({ value, target, atMost }) => (atMost ? value <= target : value >= target);
  for (const check of checks)
    console.log(
      `${check.title.padEnd(44)} ${check.value.toFixed(2)}x  (target ${check.atMost ? '<=' : '>='} ${check.target}x) ${met(check) ? 'ok' : 'MISSES TARGET'}`,
    );
  process.exitCode = checks.every(met) ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await Promise.all([...children].map((child) => stop({ child })));
  rmSync(directory, { recursive: true, force: true });
}
