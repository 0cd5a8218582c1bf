import { open } from 'node:fs/promises';

/**
 * One group commit in a journal line: per collection, the records written anew (whole) and the ids
 * removed. Replaying a line is idempotent, so lines may be replayed over a data file that already
 * holds them (see `Store`).
 */
export type JournalEntry = Record<string, { put: { id: number }[]; del: number[] }>;

type Collections = Record<string, { id: number }[]>;

/** A journal line that is not a torn last line cannot be read: the start stops, naming it. */
export class CorruptJournalError extends Error {}

function isRecord(value: unknown): value is { id: number } {
  return (
    typeof value === 'object' && value !== null && Number.isSafeInteger((value as never)['id'])
  );
}

/** The line's entry, or null when it is not one (bad JSON, unknown collection, wrong shape). */
function parseEntry(line: string, collections: Collections): JournalEntry | null {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  for (const [collection, change] of Object.entries(entry)) {
    const { put, del } = (change ?? {}) as { put?: unknown; del?: unknown };
    if (
      !Object.hasOwn(collections, collection) ||
      !Array.isArray(put) ||
      !put.every(isRecord) ||
      !Array.isArray(del) ||
      !del.every(Number.isSafeInteger)
    )
      return null;
  }
  return entry as JournalEntry;
}

/**
 * Replays journal lines over collections loaded from the data file, in place. Each collection is
 * indexed once (not once per line), so a start costs the data plus the journal, not their product.
 */
export class JournalReplay {
  private readonly collections: Collections;
  private readonly positions = new Map<string, Map<number, number>>();
  private readonly withHoles = new Set<string>();
  private readonly warn: (message: string) => void;

  constructor(collections: Collections, warn: (message: string) => void) {
    this.collections = collections;
    this.warn = warn;
  }

  /**
   * Applies every line of `file`. A last line that cannot be read was cut short by a crash while
   * it was appended, so it was never acknowledged: it is dropped with a warning, when `last` says
   * nothing was written after this file. Any other unreadable line stops the start.
   */
  replay(file: string, text: string, last: boolean): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((line, index) => {
      const entry = parseEntry(line, this.collections);
      if (entry) return this.apply(entry);
      if (last && index === lines.length - 1) {
        this.warn(
          `${file}: dropped its last line (${line.length} characters, cut short by a crash while it was written; it was never acknowledged).`,
        );
        return;
      }
      throw new CorruptJournalError(
        `${file} line ${index + 1} is not a valid journal entry, so the data cannot be read safely. ` +
          'Restore the data file and its journal from a backup, or delete both to start from the seed.',
      );
    });
  }

  /** Closes the holes left by removed records. */
  finish(): void {
    for (const collection of this.withHoles)
      this.collections[collection] = (this.collections[collection] ?? []).filter(Boolean);
  }

  private positionsOf(collection: string): Map<number, number> {
    let positions = this.positions.get(collection);
    if (!positions) {
      positions = new Map((this.collections[collection] ?? []).map((r, i) => [r.id, i]));
      this.positions.set(collection, positions);
    }
    return positions;
  }

  private apply(entry: JournalEntry): void {
    for (const [collection, change] of Object.entries(entry)) {
      const items = this.collections[collection] as ({ id: number } | undefined)[];
      const positions = this.positionsOf(collection);
      for (const id of change.del) {
        const at = positions.get(id);
        if (at === undefined) continue;
        items[at] = undefined;
        positions.delete(id);
        this.withHoles.add(collection);
      }
      for (const record of change.put) {
        const at = positions.get(record.id);
        if (at === undefined) {
          positions.set(record.id, items.length);
          items.push(record);
        } else items[at] = record;
      }
    }
  }
}

/**
 * fsync of a directory, so that a rename or a file created in it survives a power loss. Windows
 * cannot open a directory for this (and its renames are durable once done).
 */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
