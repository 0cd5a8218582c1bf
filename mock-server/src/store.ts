import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export interface RecoveryCode {
  /** Salted hash, see `hashShortSecret`. */
  hash: string;
  usedAt: string | null;
}

export interface User {
  id: number;
  accountId: number;
  email: string;
  passwordHash: string;
  createdAt: string;
  twoFactorEnabled: boolean;
  /** Base32 TOTP secret; it has to be stored in the clear to compute codes. */
  totpSecret: string | null;
  /** Secret from `2fa/setup`, active only once `2fa/enable` confirms a code. */
  pendingTotpSecret: string | null;
  /** Last accepted TOTP time step: that step and earlier ones are refused (replay). */
  lastTotpStep: number | null;
  recoveryCodes: RecoveryCode[];
  failedSignIns: number;
  lockoutEnd: string | null;
}

export interface Account {
  id: number;
  name: string;
  createdAt: string;
}

export interface ApiKey {
  id: number;
  accountId: number;
  name: string;
  prefix: string;
  /** SHA-256 hex of the raw key, the only form the key is kept in. */
  hash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Property {
  id: number;
  accountId: number;
  name: string;
  hostname: string;
  originUrl: string;
  createdAt: string;
  lastPurgedAt: string | null;
}

export type PurgeType = 'all' | 'url';

export interface Purge {
  id: number;
  propertyId: number;
  type: PurgeType;
  urls: string[];
  requestedBy: string;
  createdAt: string;
}

/** The whole data file: json-server style collections. */
export interface Data {
  users: User[];
  accounts: Account[];
  apiKeys: ApiKey[];
  properties: Property[];
  purges: Purge[];
}

export function nextId(items: readonly { id: number }[]): number {
  return items.reduce((max, item) => Math.max(max, item.id), 0) + 1;
}

/**
 * In-memory data mirrored to one JSON file. Reads come from memory; every mutation is applied in
 * memory synchronously and then persisted through a single serialized write queue, so concurrent
 * requests never lose an update and a crash never leaves a torn file (write-file-atomic: temp
 * file, fsync, rename).
 */
export class Store {
  readonly data: Data;
  private readonly file: string;
  private lastWrite: Promise<void> = Promise.resolve();
  private queuedWrite: Promise<void> | null = null;

  private constructor(file: string, data: Data) {
    this.file = file;
    this.data = data;
  }

  /** Loads `file`, or creates it from `seed()` when it does not exist yet. */
  static async open(file: string, seed: () => Promise<Data>): Promise<Store> {
    if (existsSync(file)) {
      return new Store(file, JSON.parse(readFileSync(file, 'utf8')) as Data);
    }
    mkdirSync(dirname(file), { recursive: true });
    const store = new Store(file, await seed());
    await store.persist();
    return store;
  }

  /** Applies `change` to the data (synchronously, so it is atomic) and waits until it is on disk. */
  async mutate<T>(change: (data: Data) => T): Promise<T> {
    const result = change(this.data);
    await this.persist();
    return result;
  }

  /** Resolves once every mutation so far is on disk. */
  flush(): Promise<void> {
    return this.lastWrite;
  }

  private persist(): Promise<void> {
    // A write that has not started yet will serialize the latest state, so later mutations share it.
    if (this.queuedWrite) return this.queuedWrite;
    const write = this.lastWrite.then(() => {
      this.queuedWrite = null;
      return writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 2)}\n`, { fsync: true });
    });
    this.queuedWrite = write;
    this.lastWrite = write.catch(() => undefined);
    return write;
  }
}
