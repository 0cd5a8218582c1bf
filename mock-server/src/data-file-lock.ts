import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';

/** The data file is held by a live process; the message names it. */
export class DataFileInUseError extends Error {}

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

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * What tells a process from a later one that got its pid (after a reboot, or in a container that
 * restarts with the same pids): the boot's id and the process's start time in clock ticks since
 * boot, from /proc. Null where /proc does not say (macOS, Windows): the pid alone must do there.
 */
export function processIdentity(pid: number): string | null {
  const bootId = readOrNull('/proc/sys/kernel/random/boot_id')?.trim();
  const stat = readOrNull(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const startTicks = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return bootId && startTicks ? `${bootId}:${startTicks}` : null;
}

interface LockHolder {
  pid: number;
  /** The holder's `processIdentity` when it took the lock; null in a lock that does not say. */
  identity: string | null;
}

/** `<pid> <identity>`: what the lock file holds (an older mock wrote the pid alone). */
function lockText(pid: number): string {
  return `${pid} ${processIdentity(pid) ?? ''}`.trim() + '\n';
}

function lockHolder(lockFile: string): LockHolder | null {
  const [pid, identity] = (readOrNull(lockFile) ?? '').trim().split(/\s+/);
  const number = Number(pid);
  return Number.isInteger(number) && number > 0
    ? { pid: number, identity: identity || null }
    : null;
}

/** Whether the holder still runs: its pid is alive and, where both are known, is the same process. */
function holds(holder: LockHolder): boolean {
  if (!isAlive(holder.pid)) return false;
  if (holder.identity === null) return true;
  const current = processIdentity(holder.pid);
  return current === null || current === holder.identity;
}

/**
 * `<file>.lock` holds the owner's pid and identity. It is created by `link()`, which fails when the
 * name exists, so two servers starting at once cannot both win; a lock whose process is gone
 * (kill -9), or whose pid now belongs to another process (reused after a reboot), is taken over,
 * after checking that the file moved aside is still that stale one.
 */
export function acquireLock(file: string): string {
  const lockFile = `${file}.lock`;
  const candidate = `${lockFile}.${process.pid}.${Date.now()}`;
  writeFileSync(candidate, lockText(process.pid));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(candidate, lockFile);
        heldLocks.add(lockFile);
        return lockFile;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = readOrNull(lockFile);
      const holder = lockHolder(lockFile);
      if (holder !== null && holds(holder))
        throw new DataFileInUseError(
          `The data file ${file} is in use by another mock server (pid ${holder.pid}). ` +
            'Stop that one, or give this one another --db.',
        );
      const aside = `${lockFile}.stale.${process.pid}`;
      try {
        renameSync(lockFile, aside);
      } catch {
        continue;
      }
      if (readOrNull(aside) !== text) {
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

export function releaseLock(lockFile: string): void {
  heldLocks.delete(lockFile);
  if (lockHolder(lockFile)?.pid === process.pid) {
    try {
      unlinkSync(lockFile);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
