import type { Clock } from './clock.ts';
import { sha256Hex } from './crypto.ts';
import { ApiError } from './http.ts';
import type { Data, UnknownEmailLockout, User } from './store.ts';

/** ASP.NET Identity's defaults. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 5 * 60_000;
/**
 * Failures older than this (since the last one) are forgotten, for stored users and unknown
 * e-mails alike: that is what bounds the memory unknown e-mails take without ever evicting one
 * whose count or lock still matters, which would tell it from a real account.
 */
export const FAILURE_MEMORY_MS = 15 * 60_000;

/**
 * Where the lockouts of unknown e-mails are kept: the store (`data.unknownEmailLockouts`), so they
 * outlive a restart like a user's. Whoever counts a failure writes the entry it changed; the
 * entries that expire are removed here, outside a write, and `touch`ed so that their removal
 * reaches the file too (late, never undone).
 */
export interface UnknownEmailStorage {
  readonly data: Pick<Data, 'unknownEmailLockouts'>;
  touch(collection: 'unknownEmailLockouts', record: UnknownEmailLockout): void;
}

/** What the lockout rule needs of a sign-in name: a stored user, or an unknown e-mail's memory. */
export type Lockable = Pick<User, 'failedSignIns' | 'lockoutEnd' | 'lastFailedSignInAt'>;

/**
 * One password or code check, counted before it is tried. `fail` and `succeed` settle it; `cancel`
 * gives the allowance back when the check never ran (hashing queue full).
 */
export interface Attempt {
  /** Counts the failure; true when it locked the name (answer 429 then). */
  fail(): boolean;
  /**
   * Settles a right password or code. Refused (429) when failures that arrived before it locked
   * the name meanwhile; with `reset` it clears only the failures settled before it started.
   */
  succeed(reset: boolean): void;
  cancel(): void;
}

function lockedOut(seconds: number): ApiError {
  return new ApiError(
    429,
    `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
    { 'Retry-After': String(seconds) },
  );
}

/**
 * The sign-in lockout shared by Login, 2FA verify and the account endpoints that check a password
 * or code. Every check is reserved synchronously (`reserve`), so of N parallel guesses at most the
 * remaining allowance is ever tried, whatever the timing of the slow hash or the data-file write.
 */
export class Lockout {
  private readonly clock: Clock;
  /** Where unknown e-mails with a failure are kept. */
  private readonly storage: UnknownEmailStorage;
  /** Checks reserved and not settled yet, per name (memory only). */
  private readonly inFlight = new WeakMap<Lockable, number>();
  /** Unknown e-mails with a failure, by SHA-256 (bounded key size), in order of their last failure. */
  private readonly unknown = new Map<string, UnknownEmailLockout>();
  /** Unknown e-mails with checks in flight and no failure yet: shared by parallel requests. */
  private readonly candidates = new Map<string, UnknownEmailLockout>();
  private readonly keyOf = new WeakMap<Lockable, string>();
  /** The id the next stored entry gets: ids ascend in the stored list, like every collection's. */
  private nextId = 1;

  constructor(
    clock: Clock,
    storage: UnknownEmailStorage = { data: { unknownEmailLockouts: [] }, touch: () => undefined },
  ) {
    this.clock = clock;
    this.storage = storage;
    const records = storage.data.unknownEmailLockouts;
    this.nextId = records.reduce((max, record) => Math.max(max, record.id), 0) + 1;
    const byLastFailure = [...records].sort((a, b) =>
      (a.lastFailedSignInAt ?? '').localeCompare(b.lastFailedSignInAt ?? ''),
    );
    for (const record of byLastFailure) {
      this.keyOf.set(record, record.emailHash);
      this.unknown.set(record.emailHash, record);
    }
    this.forgetExpiredUnknown();
  }

  /** The lockout memory of an e-mail without an account; one object per e-mail while it matters. */
  forUnknownEmail(email: string): UnknownEmailLockout {
    this.forgetExpiredUnknown();
    const key = sha256Hex(email.trim().toLowerCase());
    let entry = this.unknown.get(key) ?? this.candidates.get(key);
    if (!entry) {
      // Given an id once it fails (see `rememberUnknown`): until then it is not stored.
      entry = {
        id: 0,
        emailHash: key,
        failedSignIns: 0,
        lockoutEnd: null,
        lastFailedSignInAt: null,
      };
      this.keyOf.set(entry, key);
      // Kept as a candidate only while a check of it runs (see `settle`), so a flood of names that
      // never fail (503, 429) leaves nothing behind.
      this.candidates.set(key, entry);
    }
    return entry;
  }

  /** How many unknown e-mails are remembered (tests check the bound). */
  get unknownEmailCount(): number {
    return this.unknown.size + this.candidates.size;
  }

  /** 429 with Retry-After while `name` is locked. */
  assertNotLockedOut(name: Lockable): void {
    const remainingMs = this.lockRemainingMs(name);
    if (remainingMs > 0) throw lockedOut(Math.ceil(remainingMs / 1000));
  }

  /** Counts a check of `name` before it runs: 429 when locked or when the allowance is in flight. */
  reserve(name: Lockable): Attempt {
    // Here too, not only when an unknown e-mail is looked up: a known e-mail's check does the same
    // expiry work (and its write carries the removals), so neither costs more than the other.
    this.forgetExpiredUnknown();
    this.forgetOldFailures(name);
    this.assertNotLockedOut(name);
    const inFlight = this.inFlight.get(name) ?? 0;
    const key = this.keyOf.get(name);
    if (key !== undefined && !this.unknown.has(key))
      this.candidates.set(key, name as UnknownEmailLockout);
    // The checks already running could use up the allowance: this one may not even be tried.
    if (name.failedSignIns + inFlight >= LOCKOUT_THRESHOLD) throw lockedOut(1);
    this.inFlight.set(name, inFlight + 1);
    const failuresBefore = name.failedSignIns;
    let settled = false;
    const settle = () => {
      if (settled) throw new Error('A sign-in attempt was settled twice.');
      settled = true;
      const left = (this.inFlight.get(name) ?? 1) - 1;
      this.inFlight.set(name, left);
      const key = this.keyOf.get(name);
      if (left === 0 && key !== undefined && name.lastFailedSignInAt == null)
        this.candidates.delete(key);
    };
    return {
      fail: () => {
        settle();
        this.forgetOldFailures(name);
        name.failedSignIns += 1;
        name.lastFailedSignInAt = new Date(this.clock.now()).toISOString();
        const locks = name.failedSignIns >= LOCKOUT_THRESHOLD;
        if (locks) {
          name.failedSignIns = 0;
          name.lockoutEnd = new Date(this.clock.now() + LOCKOUT_MS).toISOString();
        }
        this.rememberUnknown(name);
        return locks;
      },
      succeed: (reset) => {
        settle();
        this.assertNotLockedOut(name);
        if (!reset) return;
        // Only what changes is written, so a sign-in without failures leaves the data file alone.
        if (name.failedSignIns !== 0)
          name.failedSignIns = Math.max(0, name.failedSignIns - failuresBefore);
        if (name.failedSignIns === 0 && name.lastFailedSignInAt) name.lastFailedSignInAt = null;
        if (name.lockoutEnd !== null) name.lockoutEnd = null;
      },
      cancel: settle,
    };
  }

  /** The 429 a failure that locked the name answers. */
  lockedOutError(name: Lockable): ApiError {
    return lockedOut(Math.max(1, Math.ceil(this.lockRemainingMs(name) / 1000)));
  }

  private lockRemainingMs(name: Lockable): number {
    return name.lockoutEnd ? Date.parse(name.lockoutEnd) - this.clock.now() : 0;
  }

  private forgetOldFailures(name: Lockable): void {
    const last = name.lastFailedSignInAt ? Date.parse(name.lastFailedSignInAt) : null;
    if (last !== null && this.clock.now() - last >= FAILURE_MEMORY_MS) {
      name.failedSignIns = 0;
      name.lastFailedSignInAt = null;
    }
  }

  private rememberUnknown(name: Lockable): void {
    const key = this.keyOf.get(name);
    if (key === undefined) return;
    const entry = name as UnknownEmailLockout;
    // Re-inserted at the end: the map stays ordered by last failure, so expiry only looks at its head.
    this.candidates.delete(key);
    this.unknown.delete(key);
    this.unknown.set(key, entry);
    if (entry.id === 0) {
      entry.id = this.nextId++;
      this.storage.data.unknownEmailLockouts.push(entry);
    }
  }

  /** Drops unknown e-mails whose last failure is older than the memory (their lock, shorter, is over). */
  private forgetExpiredUnknown(): void {
    const now = this.clock.now();
    const forgotten = new Set<UnknownEmailLockout>();
    for (const [key, entry] of this.unknown) {
      const last = entry.lastFailedSignInAt ? Date.parse(entry.lastFailedSignInAt) : 0;
      const lockEnd = entry.lockoutEnd ? Date.parse(entry.lockoutEnd) : 0;
      if (now - last < FAILURE_MEMORY_MS || lockEnd > now) break;
      this.unknown.delete(key);
      forgotten.add(entry);
      // Taken out below, before the next write can see it.
      this.storage.touch('unknownEmailLockouts', entry);
      // Stored anew (with a new id) if it fails again.
      entry.id = 0;
      // A check of it still runs: parallel requests must keep sharing this one object.
      if ((this.inFlight.get(entry) ?? 0) > 0) this.candidates.set(key, entry);
    }
    if (forgotten.size > 0) {
      const { data } = this.storage;
      data.unknownEmailLockouts = data.unknownEmailLockouts.filter((r) => !forgotten.has(r));
    }
  }
}
