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
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIdentity } from './data-file-lock.ts';
import { JOURNAL_COMPACT_BYTES, LAZY_WRITE_MS, Store, WriteFailedError } from './store.ts';
import type { Account, Data, Purge } from './store.ts';

/** The module object the store calls, so that a spy on it sees the store's calls. */
const fsPromises = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');

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
  jest.restoreAllMocks();
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  rmSync(directory, { recursive: true, force: true });
});

const emptyData = async (): Promise<Data> => ({
  users: [],
  accounts: [],
  apiKeys: [],
  properties: [],
  purges: [],
  unknownEmailLockouts: [],
});

/** Warnings the last `openStore()` reported. */
let warnings: string[] = [];

async function openStore(): Promise<Store> {
  warnings = [];
  const store = await Store.open(file, emptyData, { warn: (message) => warnings.push(message) });
  stores.push(store);
  return store;
}

/** What a crash leaves: the lock of a process that is gone (the journal and file stay as they are). */
function crash(store: Store): void {
  stores.splice(stores.indexOf(store), 1);
  // As the system closes a dead process's files (not on garbage collection, with a warning).
  void (store as unknown as { journal: FileHandle | null }).journal?.close();
  rmSync(`${file}.lock`);
}

const accountNamed = (id: number, name: string) => ({ id, name, createdAt: '' });
/** A mutation that adds one account and declares it. */
const addAccount = (store: Store, id: number, name: string) =>
  store.mutate((data, changed) => {
    const account = accountNamed(id, name);
    data.accounts.push(account);
    changed('accounts', [account]);
  });
/** A file handle, for its class's prototype (what the store's journal handle is an instance of). */
async function journalHandle(): Promise<FileHandle> {
  const handle = await fsPromises.open(join(directory, 'probe'), 'w');
  await handle.close();
  return handle;
}
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
      Array.from({ length: 50 }, (_, n) => addAccount(store, n + 1, `account ${n}`)),
    );
    // The first change starts a write; the 49 arriving while it runs share the second.
    expect(journalLines().length).toBeLessThanOrEqual(2);
    await store.close();
    expect(await namesOnDisk()).toHaveLength(50);
  });

  it('resolves a mutation only once a write holding its change is on disk', async () => {
    const store = await openStore();
    const checks = Array.from({ length: 10 }, (_, n) =>
      addAccount(store, n + 1, `account ${n}`).then(() =>
        readFileSync(journal, 'utf8').includes(`"account ${n}"`),
      ),
    );
    expect(await Promise.all(checks)).toEqual(Array(10).fill(true));
  });

  it('journals only the records that changed, not the whole data', async () => {
    const store = await openStore();
    await store.mutate((data, changed) => {
      for (let n = 1; n <= 1000; n++) data.accounts.push(accountNamed(n, `account ${n}`));
      changed('accounts', data.accounts);
    });
    const before = readFileSync(journal, 'utf8').length;
    await store.mutate((data, changed) => {
      (data.accounts[499] as { name: string }).name = 'renamed';
      changed('accounts', [data.accounts[499] as Account]);
    });
    const line = readFileSync(journal, 'utf8').slice(before);
    expect(line).toContain('"renamed"');
    expect(line.length).toBeLessThan(100);
  });

  it('writes the data file as compact JSON and folds the journal in at close', async () => {
    const store = await openStore();
    await addAccount(store, 1, 'kept');
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
      await addAccount(store, n, big);
    await store.flush();
    expect(readFileSync(journal, 'utf8').length).toBeLessThan(JOURNAL_COMPACT_BYTES);
    expect(JSON.parse(readFileSync(file, 'utf8')).accounts.length).toBeGreaterThan(10);
  });

  it('after a crash, gets back every acknowledged change; a torn last line is dropped with a warning', async () => {
    const store = await openStore();
    await addAccount(store, 1, 'first');
    await addAccount(store, 2, 'second');
    await store.mutate((data, changed) => {
      changed('accounts', data.accounts.splice(0, 1));
    });
    crash(store);
    appendFileSync(journal, '{"accounts":{"put":[{"id":3,"na');
    const recovered = await openStore();
    expect(recovered.data.accounts.map((a) => a.name)).toEqual(['second']);
    expect(warnings).toEqual([expect.stringMatching(/db\.json\.journal: dropped its last line/)]);
    // The torn line was folded away at open: later appends are readable again.
    await addAccount(recovered, 4, 'after');
    crash(recovered);
    expect(await namesOnDisk()).toEqual(['second', 'after']);
  });

  it('refuses to start on a corrupt line that is not the last, naming the file and the line', async () => {
    const store = await openStore();
    await addAccount(store, 1, 'first');
    crash(store);
    appendFileSync(journal, '{"accounts":{"put":[{"id":2,"name":"x"}],"del":[]}}\n');
    const lines = readFileSync(journal, 'utf8').split('\n');
    writeFileSync(journal, [lines[0], 'not json', ...lines.slice(1)].join('\n'));
    await expect(Store.open(file, emptyData)).rejects.toThrow(
      `${journal} line 2 is not a valid journal entry`,
    );
    // Nothing was rewritten or taken: the files are as they were, the lock is free.
    expect(readFileSync(journal, 'utf8')).toContain('not json');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('replays a journal set aside by a fold that a crash interrupted, then the new one', async () => {
    const store = await openStore();
    await addAccount(store, 1, 'in the data file');
    await store.close();
    writeFileSync(
      `${journal}.old`,
      '{"accounts":{"put":[{"id":2,"name":"set aside","createdAt":""}],"del":[]}}\n',
    );
    writeFileSync(journal, '{"accounts":{"put":[],"del":[1]}}\n');
    const recovered = await openStore();
    expect(recovered.data.accounts.map((a) => a.name)).toEqual(['set aside']);
    expect(existsSync(`${journal}.old`)).toBe(false);
  });

  it('serialises only the records a write changed, however many are stored', async () => {
    const purge = (id: number): Purge => ({
      id,
      propertyId: 1,
      type: 'all',
      urls: [],
      requestedBy: 'key:pdm_test',
      createdAt: '2025-06-01T00:00:00.000Z',
    });
    const data = {
      ...(await emptyData()),
      purges: Array.from({ length: 100_000 }, (_, i) => purge(i + 1)),
    };
    writeFileSync(file, JSON.stringify(data));
    const store = await openStore();
    const stringify = jest.spyOn(JSON, 'stringify');
    await store.mutate((data, changed) => {
      const created = purge(100_001);
      data.purges.push(created);
      changed('purges', [created]);
    });
    // The new record and the journal line's collection name, not 100,000 records.
    expect(stringify.mock.calls.length).toBeLessThan(5);
    expect(journalLines().at(-1)).toContain('"id":100001');
  });

  it('folds the journal in without blocking the event loop for long', async () => {
    const purge = (id: number): Purge => ({
      id,
      propertyId: 1,
      type: 'url',
      urls: [`https://www.demo-media.test/articles/${id}/a-rather-long-path-for-a-realistic-size`],
      requestedBy: 'key:pdm_test',
      createdAt: '2025-06-01T00:00:00.000Z',
    });
    const count = 100_000;
    const data = {
      ...(await emptyData()),
      purges: Array.from({ length: count }, (_, i) => purge(i + 1)),
    };
    writeFileSync(file, JSON.stringify(data));
    const store = await openStore();
    // The longest time between two turns of the event loop spent working, not waiting for a core
    // (a busy machine deschedules the process: its wall time goes on, its CPU time does not).
    let longest = 0;
    let last = { wall: 0, cpu: 0 };
    const sample = () => {
      const { user, system } = process.cpuUsage();
      return { wall: performance.now(), cpu: (user + system) / 1000 };
    };
    const ticker = setInterval(() => {
      const now = sample();
      longest = Math.max(longest, Math.min(now.wall - last.wall, now.cpu - last.cpu));
      last = now;
    }, 1);
    try {
      // One change of 1 MiB of records passes the journal's limit: the data file is rewritten.
      await store.mutate((data, changed) => {
        const renamed = data.purges.slice(0, 10_000);
        for (const record of renamed) record.requestedBy = 'key:pdm_renamed';
        changed('purges', renamed);
      });
      last = sample();
      longest = 0;
      await store.flush();
    } finally {
      clearInterval(ticker);
    }
    expect(JSON.parse(readFileSync(file, 'utf8')).purges[0].requestedBy).toBe('key:pdm_renamed');
    expect(existsSync(`${journal}.old`)).toBe(false);
    // Serialising the whole data at once, as a fold once did, blocks it for far longer.
    expect(longest).toBeLessThan(50);
  }, 20_000);

  it('a failed write undoes its change in memory and answers WriteFailedError (503)', async () => {
    const store = await openStore();
    await addAccount(store, 1, 'saved');
    const datasync = jest
      .spyOn(Object.getPrototypeOf(await journalHandle()), 'datasync')
      .mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    const failed = store.mutate((data, changed) => {
      const account = data.accounts[0] as Account;
      account.name = 'renamed';
      data.accounts.push(accountNamed(2, 'added'));
      changed('accounts', [account, data.accounts[1] as Account]);
    });
    await expect(failed).rejects.toThrow(WriteFailedError);
    await expect(failed).rejects.toMatchObject({ statusCode: 503 });
    expect(datasync).toHaveBeenCalled();
    expect(store.data.accounts).toEqual([accountNamed(1, 'saved')]);
    // The line that reached the file before the failed fsync was cut off again.
    expect(journalLines().join()).not.toContain('renamed');
    await addAccount(store, 3, 'after');
    crash(store);
    expect(await namesOnDisk()).toEqual(['saved', 'after']);
  });

  it('a failed write fails the mutations waiting for the next one too, and undoes them', async () => {
    const store = await openStore();
    await mkdir(journal);
    const first = addAccount(store, 1, 'first');
    // Arrives while the first write runs (and fails): it may build on what is undone.
    await Promise.resolve();
    await Promise.resolve();
    const second = addAccount(store, 2, 'second');
    await expect(first).rejects.toThrow(WriteFailedError);
    await expect(second).rejects.toThrow(WriteFailedError);
    expect(store.data.accounts).toEqual([]);
    await rm(journal, { recursive: true });
    await addAccount(store, 1, 'third');
    crash(store);
    expect(await namesOnDisk()).toEqual(['third']);
  });

  it('a failed write keeps the lockout counts it undoes nothing of (fail closed)', async () => {
    const store = await openStore();
    const user = {
      id: 1,
      accountId: 1,
      email: 'a@example.test',
      passwordHash: 'old',
      createdAt: '',
      twoFactorEnabled: false,
      totpSecret: null,
      pendingTotpSecret: null,
      lastTotpStep: null,
      recoveryCodes: [],
      failedSignIns: 0,
      lockoutEnd: null,
    };
    await store.mutate((data, changed) => {
      data.users.push(user);
      changed('users', [user]);
    });
    await rm(journal);
    const stored = store.data.users[0] as typeof user;
    // The handle is open on the deleted file; a directory in its place makes the next open fail.
    jest
      .spyOn(Object.getPrototypeOf(await journalHandle()), 'write')
      .mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
    stored.failedSignIns = 3;
    await expect(
      store.mutate((_, changed) => {
        stored.passwordHash = 'new';
        changed('users', [stored]);
      }),
    ).rejects.toThrow(WriteFailedError);
    expect(stored).toMatchObject({ passwordHash: 'old', failedSignIns: 3 });
    // The count reaches the file with a later write.
    await store.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).users[0]).toMatchObject({ failedSignIns: 3 });
  });

  it('fsyncs the directory after each rename and after creating the journal', async () => {
    const events: string[] = [];
    const paths = new WeakMap<object, string>();
    const realOpen = fsPromises.open;
    jest.spyOn(fsPromises, 'open').mockImplementation(async (...args) => {
      const handle = await realOpen(...args);
      paths.set(handle, String(args[0]));
      return handle;
    });
    const prototype = Object.getPrototypeOf(await journalHandle());
    const realSync = prototype.sync;
    jest.spyOn(prototype, 'sync').mockImplementation(function (this: object) {
      events.push(`sync ${paths.get(this)}`);
      return realSync.call(this);
    });
    const realRename = fsPromises.rename;
    jest.spyOn(fsPromises, 'rename').mockImplementation(async (from, to) => {
      await realRename(from, to);
      events.push(`rename to ${String(to)}`);
    });
    const store = await openStore();
    expect(events.slice(-2)).toEqual([`rename to ${file}`, `sync ${directory}`]);
    events.length = 0;
    await addAccount(store, 1, 'first');
    expect(events).toEqual([`sync ${directory}`]);
    expect(existsSync(journal)).toBe(true);
    events.length = 0;
    await store.mutate((data, changed) => {
      const big = accountNamed(2, 'x'.repeat(JOURNAL_COMPACT_BYTES));
      data.accounts.push(big);
      changed('accounts', [big]);
    });
    await store.flush();
    expect(events).toEqual([
      `rename to ${journal}.old`,
      `sync ${directory}`,
      `sync ${file}.${process.pid}.tmp`,
      `rename to ${file}`,
      `sync ${directory}`,
    ]);
  });

  it('writes a touch() change late, within LAZY_WRITE_MS, without waiting for it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const store = await openStore();
    const account = accountNamed(1, 'touched');
    store.data.accounts.push(account);
    store.touch('accounts', account);
    expect(journalLines()).toEqual([]);
    jest.advanceTimersByTime(LAZY_WRITE_MS);
    await store.flush();
    expect(readFileSync(journal, 'utf8')).toContain('"touched"');
  });

  it('finds API keys by hash, keys added later included, a key whose creation failed not', async () => {
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
    const addKey = (id: number, hash = `hash-${id}`) =>
      store.mutate((data, changed) => {
        data.apiKeys.push({ ...key(id), hash });
        changed('apiKeys', data.apiKeys.slice(-1));
      });
    await addKey(1);
    expect(store.apiKeyByHash('hash-1')?.id).toBe(1);
    await addKey(2);
    expect(store.apiKeyByHash('hash-2')?.id).toBe(2);
    expect(store.apiKeyByHash('hash-3')).toBeUndefined();
    jest
      .spyOn(Object.getPrototypeOf(await journalHandle()), 'datasync')
      .mockRejectedValueOnce(new Error('EIO'));
    const failing = addKey(3);
    // Visible (so indexed) while its write runs, as every change is.
    expect(store.apiKeyByHash('hash-3')?.id).toBe(3);
    await expect(failing).rejects.toThrow(WriteFailedError);
    // Created again (a new raw key) in the same place, before any look-up.
    await addKey(3, 'hash-3-again');
    expect(store.apiKeyByHash('hash-3')).toBeUndefined();
    expect(store.apiKeyByHash('hash-3-again')?.id).toBe(3);
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
