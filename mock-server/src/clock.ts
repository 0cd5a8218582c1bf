/** Time source of the server, injectable so tests can move time without waiting. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface FakeClock extends Clock {
  advance(milliseconds: number): void;
}

export function createFakeClock(startMs: number): FakeClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** Drops the entries of a map of short-lived secrets whose time is up. */
export function deleteExpired(entries: Map<string, { expiresAt: number }>, clock: Clock): void {
  const now = clock.now();
  for (const [key, entry] of entries) {
    if (entry.expiresAt <= now) entries.delete(key);
  }
}
