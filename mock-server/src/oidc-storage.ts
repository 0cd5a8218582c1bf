import type { AdapterFactory } from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import type { Clock } from './clock.ts';
import { ApiError } from './http.ts';

/** How long a started sign-in (the provider's Interaction) waits for its form, in seconds. */
export const INTERACTION_TTL_SECONDS = 600;

/** How often expired entries are looked for; between sweeps they are dropped when read. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The provider's memory, bounded by age only: an entry lives exactly its model's TTL (a pending
 * sign-in 10 minutes, a code 60 seconds). The library's own store holds the last 1,000 to 2,000
 * entries whatever their age, so a flood of anonymous starts pushed a user's pending sign-in out;
 * here what bounds the memory is how many starts `SignInStarts` lets in. Times are the real clock,
 * as the provider's own are.
 */
class AgeBoundStorage {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private nextSweep = 0;

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: unknown, options?: { maxAge?: number }): this {
    this.sweep();
    const maxAge = options?.maxAge;
    const expiresAt =
      maxAge !== undefined && Number.isFinite(maxAge) ? Date.now() + maxAge : Infinity;
    this.entries.set(key, { value, expiresAt });
    return this;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_INTERVAL_MS;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** The library's in-memory adapter over an `AgeBoundStorage` of its own (one per provider). */
export function createAgeBoundAdapter(): AdapterFactory {
  const storage = new AgeBoundStorage();
  return (model) => new MemoryAdapter(model, storage);
}

/** How many sign-ins may be started within an interaction's lifetime. */
export interface StartLimits {
  /** By one client address: past it, that address gets 429. */
  perClient: number;
  /** By everyone: past it, every start gets 503 (a flood from many addresses). */
  overall: number;
}

export const DEFAULT_START_LIMITS: StartLimits = { perClient: 100, overall: 10_000 };

/**
 * Counts authorization requests (`GET /oidc/auth`) per client address over the last
 * `INTERACTION_TTL_SECONDS`, the time each may keep a pending sign-in in memory. New starts are
 * refused past the limits; pending sign-ins are never dropped to make room for them.
 */
export class SignInStarts {
  private readonly clock: Clock;
  private readonly limits: StartLimits;
  /** Every counted start, oldest first; those before `head` have aged out. */
  private readonly starts: { client: string; at: number }[] = [];
  private head = 0;
  /** Per client, the times of its counted starts, oldest first. */
  private readonly byClient = new Map<string, number[]>();

  constructor(clock: Clock, limits: StartLimits = DEFAULT_START_LIMITS) {
    this.clock = clock;
    this.limits = limits;
  }

  /** Counts a start by `client`, or throws the 429 or 503 (with `Retry-After`) that refuses it. */
  count(client: string): void {
    const now = this.clock.now();
    const windowMs = INTERACTION_TTL_SECONDS * 1000;
    this.forgetStartsBefore(now - windowMs);
    const times = this.byClient.get(client) ?? [];
    const retryAfter = (oldest: number) => ({
      'Retry-After': String(Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))),
    });
    if (times.length >= this.limits.perClient)
      throw new ApiError(
        429,
        'Too many sign-ins were started from your address. Finish one, or try again later.',
        retryAfter(times[0] as number),
      );
    if (this.starts.length - this.head >= this.limits.overall)
      throw new ApiError(
        503,
        'Too many sign-ins are in progress. Try again in a few minutes.',
        retryAfter((this.starts[this.head] as { at: number }).at),
      );
    times.push(now);
    this.byClient.set(client, times);
    this.starts.push({ client, at: now });
  }

  private forgetStartsBefore(cutoff: number): void {
    for (; this.head < this.starts.length; this.head++) {
      const start = this.starts[this.head] as { client: string; at: number };
      if (start.at > cutoff) break;
      const times = this.byClient.get(start.client);
      times?.shift();
      if (times?.length === 0) this.byClient.delete(start.client);
    }
    // Compacted once most of the array is behind `head`, so forgetting stays O(1) per start.
    if (this.head > 1024 && this.head * 2 > this.starts.length) {
      this.starts.splice(0, this.head);
      this.head = 0;
    }
  }
}
