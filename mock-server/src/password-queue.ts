import { ApiError } from './http.ts';

/** Hashes run at once: scrypt runs on libuv's pool of 4 threads. */
const DEFAULT_CONCURRENCY = 4;
/** Hashes waiting for a turn; past it, sign-in answers 503 instead of queueing minutes of work. */
const DEFAULT_MAX_WAITING = 32;

/**
 * A bounded queue for password hashing, so a flood of sign-ins (for real or made-up e-mails alike)
 * cannot queue minutes of scrypt ahead of a real user: when full, the request is refused at once
 * with 503 and `Retry-After`, before anything tells whether the e-mail has an account.
 */
export class PasswordQueue {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(concurrency = DEFAULT_CONCURRENCY, maxWaiting = DEFAULT_MAX_WAITING) {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
  }

  /** Throws the 503 synchronously when full, so the caller can give its reservation back. */
  assertRoom(): void {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting)
      throw new ApiError(503, 'The server is busy. Try again in a moment.', { 'Retry-After': '1' });
  }

  /** Runs `task` when a slot is free; throws the 503 (synchronously) when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.assertRoom();
    if (this.running < this.concurrency) {
      this.running += 1;
      return this.execute(task);
    }
    // The slot is handed over by the task that finishes (see `execute`), never raced for.
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() =>
      this.execute(task),
    );
  }

  private async execute<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
