import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIdentity } from './data-file-lock.ts';
import { JOURNAL_COMPACT_BYTES, LAZY_WRITE_MS, Store } from './store.ts';
import type { Data } from './store.ts';

let directory: string;
let file: string;
let journal: string;
const stores: Store[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-store-'));
  file = join(directory, 'db.json');
  journal = `${file}.journal`;
});
afterEach(async () => {
  jest.useRealTimers();
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  rmSync(directory, { recursive: true, force: true });
});

const emptyData = async (): Promise<Data> => ({
  users: [],
  accounts: [],
  apiKeys: [],
  properties: [],
  purges: [],
});

async function openStore(): Promise<Store> {
  const store = await Store.open(file, emptyData);
  stores.push(store);
  return store;
}

/** What a crash leaves: the lock of a process that is gone (the journal and file stay as they are). */
function crash(store: Store): void {
  stores.splice(stores.indexOf(store), 1);
  rmSync(`${file}.lock`);
}

const accountNamed = (id: number, name: string) => ({ id, name, createdAt: '' });
const journalLines = () =>
  existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean) : [];
const namesOnDisk = async (): Promise<string[]> => {
  const reopened = await Store.open(file, emptyData);
  const names = reopened.data.accounts.map((a) => a.name);
  await reopened.close();
  return names;
};

describe('Store', () => {
  it('group commit: 50 mutations that arrive together share a few journal appends', async () => {
    const store = await openStore();
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        store.mutate((data) => data.accounts.push(accountNamed(n + 1, `account ${n}`))),
      ),
    );
    // The first change starts a write; the 49 arriving while it runs share the second.
    expect(journalLines().length).toBeLessThanOrEqual(2);
    await store.close();
    expect(await namesOnDisk()).toHaveLength(50);
  });

  it('resolves a mutation only once a write holding its change is on disk', async () => {
    const store = await openStore();
    const checks = Array.from({ length: 10 }, (_, n) =>
      store
        .mutate((data) => data.accounts.push(accountNamed(n + 1, `account ${n}`)))
        .then(() => readFileSync(journal, 'utf8').includes(`"account ${n}"`)),
    );
    expect(await Promise.all(checks)).toEqual(Array(10).fill(true));
  });

  it('journals only the records that changed, not the whole data', async () => {
    const store = await openStore();
    await store.mutate((data) => {
      for (let n = 1; n <= 1000; n++) data.accounts.push(accountNamed(n, `account ${n}`));
    });
    const before = readFileSync(journal, 'utf8').length;
    await store.mutate(
      (data) => {
        (data.accounts[499] as { name: string }).name = 'renamed';
      },
      ['accounts'],
    );
    const line = readFileSync(journal, 'utf8').slice(before);
    expect(line).toContain('"renamed"');
    expect(line.length).toBeLessThan(100);
  });

  it('writes the data file as compact JSON and folds the journal in at close', async () => {
    const store = await openStore();
    await store.mutate((data) => data.accounts.push(accountNamed(1, 'kept')));
    await store.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\n./);
    expect(JSON.parse(text).accounts).toEqual([accountNamed(1, 'kept')]);
    expect(journalLines()).toEqual([]);
  });

  it('folds the journal into the data file once it passes its size limit', async () => {
    const store = await openStore();
    const big = 'x'.repeat(64 * 1024);
    for (let n = 1; n * big.length <= JOURNAL_COMPACT_BYTES + big.length; n++)
      await store.mutate((data) => data.accounts.push(accountNamed(n, big)));
    expect(readFileSync(journal, 'utf8').length).toBeLessThan(JOURNAL_COMPACT_BYTES);
    expect(JSON.parse(readFileSync(file, 'utf8')).accounts.length).toBeGreaterThan(10);
  });

  it('after a crash, gets back every acknowledged change and skips a torn last line', async () => {
    const store = await openStore();
    await store.mutate((data) => data.accounts.push(accountNamed(1, 'first')));
    await store.mutate((data) => data.accounts.push(accountNamed(2, 'second')));
    await store.mutate((data) => {
      data.accounts = data.accounts.filter((a) => a.id !== 1);
    });
    crash(store);
    appendFileSync(journal, '{"accounts":{"put":[{"id":3,"na');
    const recovered = await openStore();
    expect(recovered.data.accounts.map((a) => a.name)).toEqual(['second']);
    // The torn line was folded away at open: later appends are readable again.
    await recovered.mutate((data) => data.accounts.push(accountNamed(4, 'after')));
    crash(recovered);
    expect(await namesOnDisk()).toEqual(['second', 'after']);
  });

  it('keeps writing after a failed write, and loses nothing of it', async () => {
    const store = await openStore();
    await mkdir(journal);
    await expect(
      store.mutate((data) => data.accounts.push(accountNamed(1, 'not yet saved'))),
    ).rejects.toThrow();
    await rm(journal, { recursive: true });
    await store.mutate((data) => data.accounts.push(accountNamed(2, 'saved')));
    crash(store);
    expect(await namesOnDisk()).toEqual(['not yet saved', 'saved']);
  });

  it('writes a touch() change late, within LAZY_WRITE_MS, without waiting for it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const store = await openStore();
    store.data.accounts.push(accountNamed(1, 'touched'));
    store.touch('accounts');
    expect(journalLines()).toEqual([]);
    jest.advanceTimersByTime(LAZY_WRITE_MS);
    await store.flush();
    expect(readFileSync(journal, 'utf8')).toContain('"touched"');
  });

  it('finds API keys by hash, keys added later included', async () => {
    const store = await openStore();
    const key = (id: number) => ({
      id,
      accountId: 1,
      name: `k${id}`,
      prefix: 'pdm_abcd',
      hash: `hash-${id}`,
      createdAt: '',
      lastUsedAt: null,
      revokedAt: null,
    });
    await store.mutate((data) => data.apiKeys.push(key(1)));
    expect(store.apiKeyByHash('hash-1')?.id).toBe(1);
    await store.mutate((data) => data.apiKeys.push(key(2)));
    expect(store.apiKeyByHash('hash-2')?.id).toBe(2);
    expect(store.apiKeyByHash('hash-3')).toBeUndefined();
  });
});

describe('the lock file', () => {
  it('refuses a second store on the same file, naming the holding pid, until the first closes', async () => {
    const first = await openStore();
    await expect(Store.open(file, emptyData)).rejects.toThrow(
      new RegExp(`in use by another mock server \\(pid ${process.pid}\\)`),
    );
    await first.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    await openStore();
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    writeFileSync(`${file}.lock`, `${gone}\n`);
    const store = await openStore();
    expect(readFileSync(`${file}.lock`, 'utf8')).toMatch(new RegExp(`^${process.pid}\\b`));
    await store.close();
  });

  it('takes over a lock whose pid now belongs to another process (reused after a reboot)', async () => {
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const pid = unrelated.pid as number;
      const identity = processIdentity(pid);
      // Where /proc does not tell processes apart, the pid alone decides (and this cannot be told).
      if (identity === null) return;
      // The same live process is still the holder...
      writeFileSync(`${file}.lock`, `${pid} ${identity}\n`);
      await expect(Store.open(file, emptyData)).rejects.toThrow(`(pid ${pid})`);
      // ...but not when the lock was written by an earlier process with that pid.
      writeFileSync(`${file}.lock`, `${pid} 00000000-boot-before-the-reboot:12345\n`);
      const store = await openStore();
      await store.close();
    } finally {
      unrelated.kill();
      await once(unrelated, 'exit');
    }
  });

  it('lets exactly one of many stores opening at once win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => Store.open(file, emptyData)),
    );
    const opened = results.filter((r) => r.status === 'fulfilled');
    expect(opened).toHaveLength(1);
    for (const result of opened) stores.push((result as PromiseFulfilledResult<Store>).value);
  });
});
