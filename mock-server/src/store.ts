import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { open, truncate } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { acquireLock, releaseLock } from './data-file-lock.ts';

export { DataFileInUseError } from './data-file-lock.ts';

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

/** How long a `touch()` (an API key's `lastUsedAt`) may wait before it reaches the file. */
export const LAZY_WRITE_MS = 5_000;

/** One group commit in the journal: per collection, the records written anew and the ids removed. */
type JournalEntry = Partial<Record<Collection, { put: { id: number }[]; del: number[] }>>;

/** Past this many journal bytes, the next write folds the journal into the data file. */
export const JOURNAL_COMPACT_BYTES = 1024 * 1024;

/** Replays journal lines over the data file's state; a torn last line (crash mid-append) was never acknowledged. */
function replayJournal(data: Data, text: string): number {
  let applied = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      break;
    }
    for (const [collection, change] of Object.entries(entry) as [
      Collection,
      { put: { id: number }[]; del: number[] },
    ][]) {
      const items = data[collection] as { id: number }[];
      const removed = new Set(change.del);
      const kept = removed.size > 0 ? items.filter((item) => !removed.has(item.id)) : items;
      const position = new Map(kept.map((item, index) => [item.id, index]));
      for (const record of change.put) {
        const at = position.get(record.id);
        if (at === undefined) {
          position.set(record.id, kept.length);
          kept.push(record);
        } else kept[at] = record;
      }
      (data as unknown as Record<Collection, { id: number }[]>)[collection] = kept;
    }
    applied += 1;
  }
  return applied;
}

/**
 * In-memory data mirrored to one JSON file, owned by one process (a lock file beside it). Reads
 * come from memory; every mutation is applied in memory synchronously and then persisted by group
 * commit: mutations that arrive while a write is running share the next one, and each resolves
 * only once a write holding it is on disk (fsync).
 *
 * A write appends one line to `<file>.journal` holding only the records that changed (compared
 * with what was last written), so its cost does not grow with the data: a purge does not pay for
 * 10,000 stored keys. Once the journal passes `JOURNAL_COMPACT_BYTES`, and at open and close, it is
 * folded into the data file (compact JSON, write-file-atomic: temp file, fsync, rename) and
 * emptied. Only journal appends acknowledge mutations, so after a crash replaying the journal over
 * the data file gives back every acknowledged change, whichever step the crash interrupted.
 */
export class Store {
  readonly data: Data;
  private readonly file: string;
  private readonly journalFile: string;
  private readonly lockFile: string;
  private lastWrite: Promise<void> = Promise.resolve();
  private queuedWrite: Promise<void> | null = null;
  /** Per collection, the JSON of each record as last written, by id. */
  private readonly written = new Map<Collection, Map<number, string>>();
  private readonly dirty = new Set<Collection>();
  private readonly lazilyDirty = new Set<Collection>();
  private lazyTimer: NodeJS.Timeout | null = null;
  private journalBytes = 0;
  private forceWrite = false;
  private apiKeyIndex = new Map<string, ApiKey>();
  private indexedApiKeys = 0;
  private closed = false;

  private constructor(file: string, lockFile: string, data: Data) {
    this.file = file;
    this.journalFile = `${file}.journal`;
    this.lockFile = lockFile;
    this.data = data;
    this.rememberWritten();
  }

  /** Locks `file` and loads it (with its journal), or creates it from `seed()` when it does not exist yet. */
  static async open(file: string, seed: () => Promise<Data>): Promise<Store> {
    mkdirSync(dirname(file), { recursive: true });
    const lockFile = acquireLock(file);
    try {
      const journalFile = `${file}.journal`;
      if (existsSync(file)) {
        const data = JSON.parse(readFileSync(file, 'utf8')) as Data;
        const journal = existsSync(journalFile) ? readFileSync(journalFile, 'utf8') : '';
        const replayed = journal === '' ? 0 : replayJournal(data, journal);
        const store = new Store(file, lockFile, data);
        // Folded in at once: a torn last line must not have the next append glued to it.
        if (journal !== '') await store.compact(replayed > 0);
        return store;
      }
      const store = new Store(file, lockFile, await seed());
      await store.compact(true);
      return store;
    } catch (error) {
      releaseLock(lockFile);
      throw error;
    }
  }

  /**
   * Applies `change` to the data (synchronously, so it is atomic) and waits until it is on disk.
   * `touched` names the collections the change may modify (all of them when omitted); only those
   * are compared with what was last written.
   */
  async mutate<T>(change: (data: Data) => T, touched?: readonly Collection[]): Promise<T> {
    const result = change(this.data);
    for (const collection of touched ?? (Object.keys(this.data) as Collection[]))
      this.dirty.add(collection);
    await this.persist();
    return result;
  }

  /**
   * Waits for a write to disk even when nothing changed (an empty journal line), so an answer that
   * must take as long as one that wrote (an unknown e-mail's failed sign-in) does.
   */
  async sync(): Promise<void> {
    this.forceWrite = true;
    await this.persist();
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

  /** Writes what is still pending (lazy changes included), folds the journal in and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    try {
      await this.writeLazyChanges();
      await this.lastWrite;
      if (this.journalBytes > 0) await this.enqueue(() => this.compact(true));
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

  /** Every record's JSON as it is now, by collection and id. */
  private currentRecords(): Map<Collection, Map<number, string>> {
    const all = new Map<Collection, Map<number, string>>();
    for (const collection of Object.keys(this.data) as Collection[]) {
      const records = new Map<number, string>();
      for (const record of this.data[collection] as { id: number }[])
        records.set(record.id, JSON.stringify(record));
      all.set(collection, records);
    }
    return all;
  }

  private rememberWritten(): void {
    for (const [collection, records] of this.currentRecords())
      this.written.set(collection, records);
  }

  /**
   * One journal line: the records of the dirty collections that differ from what was last
   * written, and what `written` becomes once the line is on disk.
   */
  private changes(): { line: string; written: Map<Collection, Map<number, string>> } | null {
    const parts: string[] = [];
    const written = new Map<Collection, Map<number, string>>();
    for (const collection of this.dirty) {
      // A lazy change compared now is on its way to the file with this write.
      this.lazilyDirty.delete(collection);
      const before = this.written.get(collection) ?? new Map<number, string>();
      const after = new Map<number, string>();
      const put: string[] = [];
      for (const record of this.data[collection] as { id: number }[]) {
        const json = JSON.stringify(record);
        after.set(record.id, json);
        if (before.get(record.id) !== json) put.push(json);
      }
      const del = [...before.keys()].filter((id) => !after.has(id));
      written.set(collection, after);
      if (put.length > 0 || del.length > 0)
        parts.push(
          `${JSON.stringify(collection)}:{"put":[${put.join(',')}],"del":${JSON.stringify(del)}}`,
        );
    }
    this.dirty.clear();
    return parts.length > 0 ? { line: `{${parts.join(',')}}\n`, written } : null;
  }

  /**
   * The whole data file replaced atomically, then the journal emptied (see the class comment). The
   * snapshot and the record of what it holds are taken in one synchronous step: a mutation arriving
   * during the write is compared with the snapshot, so it goes to the journal next.
   */
  private async compact(writeSnapshot: boolean): Promise<void> {
    const snapshot = `${JSON.stringify(this.data)}\n`;
    const records = this.currentRecords();
    this.dirty.clear();
    if (writeSnapshot) await writeFileAtomic(this.file, snapshot, { fsync: true });
    for (const [collection, written] of records) this.written.set(collection, written);
    if (existsSync(this.journalFile)) {
      const journal = await open(this.journalFile, 'r+');
      try {
        await journal.truncate(0);
        await journal.sync();
      } finally {
        await journal.close();
      }
    }
    this.journalBytes = 0;
  }

  private async appendToJournal(): Promise<void> {
    const forced = this.forceWrite;
    this.forceWrite = false;
    const changes = this.changes() ?? (forced ? { line: '{}\n', written: new Map() } : null);
    if (changes === null) return;
    try {
      const journal = await open(this.journalFile, 'a');
      try {
        await journal.write(changes.line);
        await journal.datasync();
      } finally {
        await journal.close();
      }
    } catch (error) {
      // A torn line would stop a replay there: cut the journal back to its last whole line.
      await truncate(this.journalFile, this.journalBytes).catch(() => undefined);
      // Not on disk: the next write compares these collections again, so nothing is skipped.
      for (const collection of changes.written.keys()) this.dirty.add(collection);
      throw error;
    }
    for (const [collection, records] of changes.written) this.written.set(collection, records);
    this.journalBytes += Buffer.byteLength(changes.line);
    // Acknowledged by the append above; folding in now only bounds the journal's length.
    if (this.journalBytes >= JOURNAL_COMPACT_BYTES) await this.compact(true);
  }

  /** Runs `write` after every write so far (one at a time). */
  private enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.lastWrite.then(write);
    this.lastWrite = next.catch(() => undefined);
    return next;
  }

  private persist(): Promise<void> {
    // A write that has not started yet will take the latest state, so later mutations share it.
    if (this.queuedWrite) return this.queuedWrite;
    const write = this.enqueue(() => {
      this.queuedWrite = null;
      return this.appendToJournal();
    });
    this.queuedWrite = write;
    return write;
  }
}
