import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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
  /** When the last counted failure happened; older failures are forgotten (see `lockout.ts`). */
  lastFailedSignInAt?: string | null;
  /** Raised when the password changes or 2FA is turned off: JWTs carrying an older one are refused. */
  sessionVersion?: number;
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

export type Collection = keyof Data;

/** The data file is held by a live process; the message names it. */
export class DataFileInUseError extends Error {}

/** How long a `touch()` (an API key's `lastUsedAt`) may wait before it reaches the file. */
export const LAZY_WRITE_MS = 5_000;

const heldLocks = new Set<string>();
process.once('exit', () => {
  for (const lockFile of heldLocks) releaseLock(lockFile);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockHolder(lockFile: string): number | null {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * `<file>.lock` holds the owner's pid. It is created by `link()`, which fails when the name exists,
 * so two servers starting at once cannot both win; a lock whose pid is dead (kill -9) is taken
 * over, after checking that the file moved aside is still that stale one.
 */
function acquireLock(file: string): string {
  const lockFile = `${file}.lock`;
  const candidate = `${lockFile}.${process.pid}.${Date.now()}`;
  writeFileSync(candidate, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(candidate, lockFile);
        heldLocks.add(lockFile);
        return lockFile;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = lockHolder(lockFile);
      if (holder !== null && isAlive(holder))
        throw new DataFileInUseError(
          `The data file ${file} is in use by another mock server (pid ${holder}). ` +
            'Stop that one, or give this one another --db.',
        );
      const aside = `${lockFile}.stale.${process.pid}`;
      try {
        renameSync(lockFile, aside);
      } catch {
        continue;
      }
      const moved = lockHolder(aside);
      if (moved !== holder) {
        // Someone else took the lock over between our read and our rename: give it back.
        try {
          linkSync(aside, lockFile);
        } catch {
          // The name is taken again, by a live owner or by the next attempt.
        }
      }
      rmSync(aside, { force: true });
    }
    throw new DataFileInUseError(`Could not lock the data file ${file}; try again.`);
  } finally {
    rmSync(candidate, { force: true });
  }
}

function releaseLock(lockFile: string): void {
  heldLocks.delete(lockFile);
  if (lockHolder(lockFile) === process.pid) {
    try {
      unlinkSync(lockFile);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/**
 * In-memory data mirrored to one JSON file, owned by one process (a lock file beside it). Reads
 * come from memory; every mutation is applied in memory synchronously and then persisted by group
 * commit: mutations that arrive while a write is running share the next atomic replace
 * (write-file-atomic: temp file, fsync, rename), and each resolves only once a write holding it
 * has finished. Compact JSON, and only the collections a mutation names are serialised again, so
 * a purge does not pay for 10,000 stored keys.
 */
export class Store {
  readonly data: Data;
  private readonly file: string;
  private readonly lockFile: string;
  private lastWrite: Promise<void> = Promise.resolve();
  private queuedWrite: Promise<void> | null = null;
  private readonly serialized = new Map<Collection, string>();
  private readonly dirty = new Set<Collection>();
  private readonly lazilyDirty = new Set<Collection>();
  private lazyTimer: NodeJS.Timeout | null = null;
  private apiKeyIndex = new Map<string, ApiKey>();
  private indexedApiKeys = 0;
  private closed = false;

  private constructor(file: string, lockFile: string, data: Data) {
    this.file = file;
    this.lockFile = lockFile;
    this.data = data;
    for (const collection of Object.keys(data) as Collection[]) this.dirty.add(collection);
  }

  /** Locks `file` and loads it, or creates it from `seed()` when it does not exist yet. */
  static async open(file: string, seed: () => Promise<Data>): Promise<Store> {
    mkdirSync(dirname(file), { recursive: true });
    const lockFile = acquireLock(file);
    try {
      if (existsSync(file)) {
        return new Store(file, lockFile, JSON.parse(readFileSync(file, 'utf8')) as Data);
      }
      const store = new Store(file, lockFile, await seed());
      await store.persist();
      return store;
    } catch (error) {
      releaseLock(lockFile);
      throw error;
    }
  }

  /**
   * Applies `change` to the data (synchronously, so it is atomic) and waits until it is on disk.
   * `touched` names the collections the change may modify (all of them when omitted); a
   * collection left out is written as it was last serialised.
   */
  async mutate<T>(change: (data: Data) => T, touched?: readonly Collection[]): Promise<T> {
    const result = change(this.data);
    for (const collection of touched ?? (Object.keys(this.data) as Collection[]))
      this.dirty.add(collection);
    await this.persist();
    return result;
  }

  /**
   * Records that `collection` changed in a way that may reach the file late (within
   * `LAZY_WRITE_MS`, or at close): the change is already visible to every read.
   */
  touch(collection: Collection): void {
    this.lazilyDirty.add(collection);
    if (this.lazyTimer || this.closed) return;
    this.lazyTimer = setTimeout(() => {
      this.lazyTimer = null;
      this.writeLazyChanges().catch(() => undefined);
    }, LAZY_WRITE_MS);
    this.lazyTimer.unref();
  }

  /** The stored key with this SHA-256 hex, from an index kept beside the (append-only) list. */
  apiKeyByHash(hash: string): ApiKey | undefined {
    const keys = this.data.apiKeys;
    if (keys.length < this.indexedApiKeys) {
      this.apiKeyIndex = new Map();
      this.indexedApiKeys = 0;
    }
    for (; this.indexedApiKeys < keys.length; this.indexedApiKeys++) {
      const key = keys[this.indexedApiKeys] as ApiKey;
      this.apiKeyIndex.set(key.hash, key);
    }
    return this.apiKeyIndex.get(hash);
  }

  /** Resolves once every mutation so far is on disk. */
  flush(): Promise<void> {
    return this.lastWrite;
  }

  /** Writes what is still pending (lazy changes included) and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    try {
      await this.writeLazyChanges();
      await this.lastWrite;
    } finally {
      releaseLock(this.lockFile);
    }
  }

  private writeLazyChanges(): Promise<void> {
    if (this.lazilyDirty.size === 0) return this.lastWrite;
    for (const collection of this.lazilyDirty) this.dirty.add(collection);
    this.lazilyDirty.clear();
    return this.persist();
  }

  private serialize(): string {
    for (const collection of this.dirty) {
      this.serialized.set(collection, JSON.stringify(this.data[collection]));
      // A lazy change serialised now is on its way to the file with this write.
      this.lazilyDirty.delete(collection);
    }
    this.dirty.clear();
    const parts = (Object.keys(this.data) as Collection[]).map(
      (collection) => `${JSON.stringify(collection)}:${this.serialized.get(collection) ?? '[]'}`,
    );
    return `{${parts.join(',')}}\n`;
  }

  private persist(): Promise<void> {
    // A write that has not started yet will serialize the latest state, so later mutations share it.
    if (this.queuedWrite) return this.queuedWrite;
    const write = this.lastWrite.then(() => {
      this.queuedWrite = null;
      return writeFileAtomic(this.file, this.serialize(), { fsync: true });
    });
    this.queuedWrite = write;
    this.lastWrite = write.catch(() => undefined);
    return write;
  }
}
