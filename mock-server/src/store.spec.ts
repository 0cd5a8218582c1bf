import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { Store } from './store.ts';
import type { Data } from './store.ts';

// write-file-atomic itself queues writes to one file, so only a stand-in can show that the store
// never starts a second write before the first has finished, and what each write contained.
jest.mock('write-file-atomic', () => ({ __esModule: true, default: jest.fn() }));
const writeMock = writeFileAtomic as unknown as jest.Mock<
  Promise<void>,
  [string, string, { fsync: boolean }]
>;

let directory: string;
let writesInFlight: number;
let mostWritesInFlight: number;
let written: string[];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'paradarum-store-'));
  writesInFlight = 0;
  mostWritesInFlight = 0;
  written = [];
  writeMock.mockReset();
  writeMock.mockImplementation(async (_file, content) => {
    writesInFlight += 1;
    mostWritesInFlight = Math.max(mostWritesInFlight, writesInFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    written.push(content);
    writesInFlight -= 1;
  });
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const emptyData = async (): Promise<Data> => ({
  users: [],
  accounts: [],
  apiKeys: [],
  properties: [],
  purges: [],
});

async function openStore(): Promise<Store> {
  const store = await Store.open(join(directory, 'db.json'), emptyData);
  written = [];
  writeMock.mockClear();
  return store;
}

const accountNamed = (name: string) => ({ id: 1, name, createdAt: '' });

describe('Store', () => {
  it('writes through write-file-atomic with fsync, one write at a time', async () => {
    const store = await openStore();
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        store.mutate((data) => data.accounts.push(accountNamed(`account ${n}`))),
      ),
    );
    expect(mostWritesInFlight).toBe(1);
    expect(writeMock).toHaveBeenCalledWith(join(directory, 'db.json'), expect.any(String), {
      fsync: true,
    });
    // Changes made while a write runs share the next one.
    expect(writeMock.mock.calls.length).toBeLessThanOrEqual(3);
    expect(JSON.parse(written.at(-1) ?? '{}').accounts).toHaveLength(50);
  });

  it('resolves a mutation only once a write holding its change has finished', async () => {
    const store = await openStore();
    const checks = Array.from({ length: 10 }, (_, n) =>
      store
        .mutate((data) => data.accounts.push(accountNamed(`account ${n}`)))
        .then(() => written.some((content) => content.includes(`"account ${n}"`))),
    );
    expect(await Promise.all(checks)).toEqual(Array(10).fill(true));
  });

  it('keeps writing after a failed write', async () => {
    const store = await openStore();
    writeMock.mockRejectedValueOnce(new Error('disk full'));
    await expect(store.mutate((data) => data.accounts.push(accountNamed('lost')))).rejects.toThrow(
      'disk full',
    );
    await store.mutate((data) => data.accounts.push(accountNamed('kept')));
    expect(
      JSON.parse(written.at(-1) ?? '{}').accounts.map((a: { name: string }) => a.name),
    ).toEqual(['lost', 'kept']);
  });
});
