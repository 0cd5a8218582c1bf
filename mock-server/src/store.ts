import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename, rm, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { acquireLock, releaseLock } from './data-file-lock.ts';
import { ApiError } from './http.ts';
import { JournalReplay, syncDirectory } from './journal.ts';

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
  /** When `sessionVersion` was last raised: ID tokens of sign-ins that began before are refused. */
  sessionsEndedAt?: string | null;
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

/**
 * The lockout of an e-mail without an account (see `lockout.ts`), kept in the data file like a
 * user's, so that a restart treats the two alike.
 */
export interface UnknownEmailLockout {
  id: number;
  /** SHA-256 hex of the trimmed, lower-cased e-mail: the address itself is not kept. */
  emailHash: string;
  failedSignIns: number;
  lockoutEnd: string | null;
  lastFailedSignInAt: string | null;
}

/** The whole data file: json-server style collections. */
export interface Data {
  users: User[];
  accounts: Account[];
  apiKeys: ApiKey[];
  properties: Property[];
  purges: Purge[];
  unknownEmailLockouts: UnknownEmailLockout[];
}

export type Collection = keyof Data;
export type RecordOf<C extends Collection> = Data[C][number];

/** The collections, in the data file's order. */
const COLLECTIONS: readonly Collection[] = [
  'users',
  'accounts',
  'apiKeys',
  'properties',
  'purges',
  'unknownEmailLockouts',
];

/**
 * Declares records that a mutation added, changed in place or removed: only those are compared
 * with the file and written. A change that is not declared reaches the file only at a clean stop.
 */
export type Changed = <C extends Collection>(
  collection: C,
  records: readonly RecordOf<C>[],
) => void;

/**
 * The id after the last record's. Records are kept in ascending id order (sorted at load, new ones
 * appended), so this costs nothing however many there are.
 */
export function nextId(items: readonly { id: number }[]): number {
  return (items.at(-1)?.id ?? 0) + 1;
}

/** Where `id` is in `items` (ascending ids), or where it would go: binary search. */
function positionOf(items: readonly { id: number }[], id: number): { at: number; found: boolean } {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as { id: number }).id < id) low = middle + 1;
    else high = middle;
  }
  return { at: low, found: items[low]?.id === id };
}

/** A change that did not reach the disk; it was undone, and the caller gets 503. */
export class WriteFailedError extends ApiError {
  constructor(cause: unknown) {
    super(503, 'The change could not be saved, so it was not made. Try again later.');
    this.cause = cause;
  }
}

/**
 * Fields that a failed write does not undo: a failed sign-in stays counted when the disk fails,
 * or a wrong password (503) and the right one (200, nothing to write) would tell themselves apart
 * with no limit on guesses. They reach the file with a later write.
 */
const KEPT_ON_UNDO: { readonly [C in Collection]?: readonly (keyof RecordOf<C>)[] } = {
  users: ['failedSignIns', 'lockoutEnd', 'lastFailedSignInAt'],
};

/**
 * Collections a failed write does not undo at all, for the same reason: an unknown e-mail's
 * lockout is nothing but those counts (and `lockout.ts` holds each entry, so one taken out of the
 * list would never be stored again, and a restart would forget it but not a user's).
 */
const NEVER_UNDONE: ReadonlySet<Collection> = new Set(['unknownEmailLockouts']);

/** How long a `touch()` (an API key's `lastUsedAt`) may wait before it reaches the file. */
export const LAZY_WRITE_MS = 5_000;

/** Past this many journal bytes, the journal is folded into the data file (in the background). */
export const JOURNAL_COMPACT_BYTES = 1024 * 1024;

/** How much of the data file a fold writes between two turns of the event loop. */
const SNAPSHOT_CHUNK_CHARS = 64 * 1024;

/** Ids by collection. */
type IdSets = Map<Collection, Set<number>>;

function addIds(into: IdSets, collection: Collection, ids: Iterable<number>): void {
  let set = into.get(collection);
  if (!set) into.set(collection, (set = new Set()));
  for (const id of ids) set.add(id);
}

/** Mutations waiting for the same write. */
interface Batch {
  done: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function newBatch(): Batch {
  const batch = {} as Batch;
  batch.done = new Promise<void>((resolve, reject) => {
    batch.resolve = resolve;
    batch.reject = reject;
  });
  // A batch nobody waits for (a lazy write) must not be an unhandled rejection.
  batch.done.catch(() => undefined);
  return batch;
}

function* stringified(items: readonly object[]): Iterable<string> {
  for (const item of items) yield JSON.stringify(item);
}

export interface StoreOptions {
  /** Where a recoverable problem found at open (a torn journal line) is reported. */
  warn?: (message: string) => void;
}

/**
 * In-memory data mirrored to one JSON file, owned by one process (a lock file beside it). Reads
 * come from memory; a mutation changes memory synchronously, declares what it changed, and is
 * persisted by group commit: mutations that arrive while a write runs share the next one, and each
 * resolves only once a write holding it is on disk (fsync).
 *
 * A write appends one line to `<file>.journal` holding the declared records that differ from the
 * file (`written`, the JSON of each record as last written), so it costs what changed, not what is
 * stored. A write that fails undoes, from `written`, every change not on disk (and fails the
 * mutations waiting for the next write, which may build on them): memory never holds what the file
 * does not, save the lockout counts (`KEPT_ON_UNDO`, `NEVER_UNDONE`) and `touch()` changes,
 * written later.
 *
 * Past `JOURNAL_COMPACT_BYTES` the journal is renamed `<file>.journal.old` and the data file
 * rewritten in the background from `written` (only what is on disk), a chunk per turn of the event
 * loop, then replaced (temp file, fsync, rename, directory fsync) and the old journal deleted. A
 * start replays the data file, the old journal and the journal, in that order: journal lines put
 * whole records and delete ids, so replaying lines the data file already holds changes nothing,
 * and a crash at any step gets back every acknowledged change.
 */
export class Store {
  readonly data: Data;
  private readonly file: string;
  private readonly directory: string;
  private readonly journalFile: string;
  private readonly oldJournalFile: string;
  private readonly lockFile: string;
  private readonly warn: (message: string) => void;
  /** Per collection, the JSON of each record as the file (data file + journals) holds it, by id. */
  private readonly written = new Map<Collection, Map<number, string>>();
  /** Declared by mutations and not written yet: undone if their write fails. */
  private dirty: IdSets = new Map();
  /** Touched, to be written late and never undone. */
  private lazy: IdSets = new Map();
  private lazyTimer: NodeJS.Timeout | null = null;
  private batch: Batch | null = null;
  private writing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private journal: FileHandle | null = null;
  private journalBytes = 0;
  /** A failed append may have left part of its line: cut back to `journalBytes` first. */
  private journalTorn = false;
  private oldJournalExists = false;
  private apiKeyIndex = new Map<string, ApiKey>();
  private indexedApiKeys = 0;
  private closed = false;

  private constructor(file: string, lockFile: string, data: Data, warn: (m: string) => void) {
    this.file = file;
    this.directory = dirname(file);
    this.journalFile = `${file}.journal`;
    this.oldJournalFile = `${file}.journal.old`;
    this.lockFile = lockFile;
    this.warn = warn;
    this.data = data;
    for (const collection of COLLECTIONS) {
      const records = data[collection] as { id: number }[];
      if (records.some((record, i) => i > 0 && (records[i - 1] as { id: number }).id > record.id))
        records.sort((a, b) => a.id - b.id);
      this.written.set(collection, new Map(records.map((r) => [r.id, JSON.stringify(r)])));
    }
  }

  /**
   * Locks `file` and loads it (with its journals), or creates it from `seed()` when it does not
   * exist yet (journals without their data file are dropped then).
   */
  static async open(
    file: string,
    seed: () => Promise<Data>,
    options: StoreOptions = {},
  ): Promise<Store> {
    mkdirSync(dirname(file), { recursive: true });
    const warn = options.warn ?? ((message: string) => process.emitWarning(message));
    const lockFile = acquireLock(file);
    try {
      const journals = [`${file}.journal.old`, `${file}.journal`].filter((j) => existsSync(j));
      const data = existsSync(file) ? readData(file, journals, warn) : await seed();
      const store = new Store(file, lockFile, data, warn);
      if (journals.length > 0 || !existsSync(file)) {
        // Folded in at once: a torn last line must not have the next append glued to it.
        await store.writeSnapshot((collection) => store.recordsOnFile(collection));
        for (const journal of journals) await rm(journal);
      }
      return store;
    } catch (error) {
      releaseLock(lockFile);
      throw error;
    }
  }

  /**
   * Applies `change` to the data (synchronously, so it is atomic) and waits until it is on disk.
   * `change` declares each record it adds, changes or removes with `changed` (records changed
   * before, such as a lockout count, may be declared too); it must throw, if it does, before
   * changing anything. When the write fails, the declared changes are undone and this rejects
   * with a `WriteFailedError` (503).
   */
  async mutate<T>(change: (data: Data, changed: Changed) => T): Promise<T> {
    const result = change(this.data, (collection, records) =>
      addIds(
        this.dirty,
        collection,
        records.map((record) => record.id),
      ),
    );
    await this.persist();
    return result;
  }

  /**
   * Records that `record` changed in a way that may reach the file late (within `LAZY_WRITE_MS`,
   * or at close) and is never undone: the change is already visible to every read.
   */
  touch<C extends Collection>(collection: C, record: RecordOf<C>): void {
    addIds(this.lazy, collection, [record.id]);
    this.scheduleLazyWrite();
  }

  /** The stored key with this SHA-256 hex, from an index kept beside the (append-only) list. */
  apiKeyByHash(hash: string): ApiKey | undefined {
    const keys = this.data.apiKeys;
    if (keys.length < this.indexedApiKeys) this.forgetApiKeyIndex();
    for (; this.indexedApiKeys < keys.length; this.indexedApiKeys++) {
      const key = keys[this.indexedApiKeys] as ApiKey;
      this.apiKeyIndex.set(key.hash, key);
    }
    return this.apiKeyIndex.get(hash);
  }

  private forgetApiKeyIndex(): void {
    this.apiKeyIndex = new Map();
    this.indexedApiKeys = 0;
  }

  /** Resolves once every mutation so far is on disk and a fold of the journal running is done. */
  async flush(): Promise<void> {
    while (this.writing || this.compacting) await (this.writing ?? this.compacting);
  }

  /**
   * Writes what is still pending (lazy changes included), rewrites the data file from memory (so a
   * clean stop keeps even undeclared changes), deletes the journals and releases the lock.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    try {
      if (this.lazy.size > 0) await this.persist().catch(() => undefined);
      await this.flush();
      await this.journal?.close();
      this.journal = null;
      await this.writeSnapshot((collection) => stringified(this.data[collection]));
      await rm(this.oldJournalFile, { force: true });
      await rm(this.journalFile, { force: true });
    } finally {
      releaseLock(this.lockFile);
    }
  }

  /** The JSON of each record of `collection` as the file holds it, in id order. */
  private recordsOnFile(collection: Collection): Iterable<string> {
    return (this.written.get(collection) as Map<number, string>).values();
  }

  private scheduleLazyWrite(): void {
    if (this.lazyTimer || this.closed) return;
    this.lazyTimer = setTimeout(() => {
      this.lazyTimer = null;
      this.persist().catch(() => undefined);
    }, LAZY_WRITE_MS);
    this.lazyTimer.unref();
  }

  private persist(): Promise<void> {
    const batch = (this.batch ??= newBatch());
    this.writing ??= this.writeBatches();
    return batch.done;
  }

  /** The group-commit loop: one write per batch, one at a time, while batches wait. */
  private async writeBatches(): Promise<void> {
    // Mutations of the same turn of the event loop share the first write too.
    await Promise.resolve();
    while (this.batch) {
      const batch = this.batch;
      this.batch = null;
      try {
        await this.writeChanges();
        batch.resolve();
      } catch (cause) {
        const error = new WriteFailedError(cause);
        batch.reject(error);
        // The mutations waiting for the next write may build on what was undone: they fail too.
        const waiting = this.batch as Batch | null;
        waiting?.reject(error);
        this.batch = null;
        continue;
      }
      if (this.journalBytes >= JOURNAL_COMPACT_BYTES && !this.compacting) await this.startFold();
    }
    this.writing = null;
  }

  /** One journal line with the declared and touched records that differ from the file. */
  private async writeChanges(): Promise<void> {
    const declared = this.dirty;
    const touched = this.lazy;
    this.dirty = new Map();
    this.lazy = new Map();
    const parts: string[] = [];
    const applied: [Map<number, string>, number, string | null][] = [];
    for (const collection of COLLECTIONS) {
      const ids = new Set([
        ...(declared.get(collection) ?? []),
        ...(touched.get(collection) ?? []),
      ]);
      if (ids.size === 0) continue;
      const items = this.data[collection] as { id: number }[];
      const written = this.written.get(collection) as Map<number, string>;
      const put: string[] = [];
      const del: number[] = [];
      for (const id of ids) {
        const { at, found } = positionOf(items, id);
        const json = found ? JSON.stringify(items[at]) : null;
        if (json === (written.get(id) ?? null)) continue;
        if (json === null) del.push(id);
        else put.push(json);
        applied.push([written, id, json]);
      }
      if (put.length > 0 || del.length > 0)
        parts.push(
          `${JSON.stringify(collection)}:{"put":[${put.join(',')}],"del":[${del.join(',')}]}`,
        );
    }
    if (parts.length === 0) return;
    try {
      await this.append(`{${parts.join(',')}}\n`);
    } catch (error) {
      for (const [collection, ids] of this.dirty) addIds(declared, collection, ids);
      this.undo(declared);
      for (const [collection, ids] of touched) addIds(this.lazy, collection, ids);
      throw error;
    }
    for (const [written, id, json] of applied) {
      if (json === null) written.delete(id);
      else written.set(id, json);
    }
  }

  /** Puts the records back as the file holds them (a record the file lacks is removed). */
  private undo(records: IdSets): void {
    for (const [collection, ids] of records) {
      // What was kept (a lockout count) still has to reach the file.
      addIds(this.lazy, collection, ids);
      if (NEVER_UNDONE.has(collection)) continue;
      const items = this.data[collection] as unknown as { id: number }[];
      const written = this.written.get(collection) as Map<number, string>;
      const kept = (KEPT_ON_UNDO[collection] ?? []) as string[];
      for (const id of ids) {
        const { at, found } = positionOf(items, id);
        const json = written.get(id);
        if (json === undefined) {
          if (found) items.splice(at, 1);
        } else if (!found) {
          items.splice(at, 0, JSON.parse(json));
        } else {
          // In place: sessions and indexes hold this object.
          const record = items[at] as Record<string, unknown>;
          const keep = Object.fromEntries(
            kept.filter((k) => k in record).map((k) => [k, record[k]]),
          );
          for (const key of Object.keys(record)) delete record[key];
          Object.assign(record, JSON.parse(json), keep);
        }
      }
    }
    // A key taken out again may leave its place to another one: index them anew.
    if (records.has('apiKeys')) this.forgetApiKeyIndex();
    this.scheduleLazyWrite();
  }

  private async append(line: string): Promise<void> {
    await this.cutTornLine();
    if (!this.journal) {
      const handle = await open(this.journalFile, 'a');
      try {
        // It may have just been created: its name must survive a power loss too.
        await syncDirectory(this.directory);
      } catch (error) {
        await handle.close();
        throw error;
      }
      this.journal = handle;
    }
    try {
      await this.journal.write(line);
      await this.journal.datasync();
    } catch (error) {
      // Part of the line may be on disk: it must not be replayed after a crash, nor have the next
      // line glued to it. Cut off now, or else before the next append.
      this.journalTorn = true;
      const journal = this.journal;
      this.journal = null;
      await journal.close().catch(() => undefined);
      await this.cutTornLine().catch(() => undefined);
      throw error;
    }
    this.journalBytes += Buffer.byteLength(line);
  }

  private async cutTornLine(): Promise<void> {
    if (!this.journalTorn) return;
    await truncate(this.journalFile, this.journalBytes);
    this.journalTorn = false;
  }

  /**
   * Renames the journal aside (appends go to a new one from now on) and rewrites the data file in
   * the background. An old journal left by a fold that failed is kept: the new data file covers it.
   */
  private async startFold(): Promise<void> {
    try {
      if (!this.oldJournalExists) {
        await this.journal?.close();
        this.journal = null;
        await rename(this.journalFile, this.oldJournalFile);
        this.oldJournalExists = true;
        this.journalBytes = 0;
        await syncDirectory(this.directory);
      }
    } catch (error) {
      this.warn(`Could not set the journal ${this.journalFile} aside: ${(error as Error).message}`);
      return;
    }
    this.compacting = this.writeSnapshot((collection) => this.recordsOnFile(collection))
      .then(async () => {
        // Not synced: should the deletion be lost, replaying the old journal changes nothing.
        await rm(this.oldJournalFile, { force: true });
        this.oldJournalExists = false;
      })
      .catch((error: Error) =>
        this.warn(`Folding the journal into ${this.file} failed (retried later): ${error.message}`),
      )
      .finally(() => {
        this.compacting = null;
      });
  }

  /**
   * Replaces the data file with the records `source` gives, a chunk per turn of the event loop
   * (`recordsOnFile` is read live, as it is when each chunk is written: see the class comment).
   */
  private async writeSnapshot(source: (collection: Collection) => Iterable<string>): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temp, 'w');
    try {
      let chunk = '{';
      for (const collection of COLLECTIONS) {
        chunk += `${collection === COLLECTIONS[0] ? '' : ','}${JSON.stringify(collection)}:[`;
        let first = true;
        for (const json of source(collection)) {
          chunk += first ? json : `,${json}`;
          first = false;
          if (chunk.length >= SNAPSHOT_CHUNK_CHARS) {
            await handle.write(chunk);
            chunk = '';
          }
        }
        chunk += ']';
      }
      await handle.write(`${chunk}}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncDirectory(this.directory);
  }
}

/** The data file with its journals (the old one first) replayed over it, every collection present. */
function readData(file: string, journals: string[], warn: (message: string) => void): Data {
  let data: Data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Data;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  for (const collection of COLLECTIONS) data[collection] ??= [];
  const replay = new JournalReplay(data as unknown as Record<string, { id: number }[]>, warn);
  for (const journal of journals)
    replay.replay(journal, readFileSync(journal, 'utf8'), journal === journals.at(-1));
  replay.finish();
  return data;
}
