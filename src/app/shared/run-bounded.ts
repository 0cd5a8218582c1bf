/** Why one item of a bulk action failed, in words, and whether trying it again can help. */
export interface BulkItemFailure {
  readonly message: string;
  /** The item no longer exists (404): trying again cannot help, reloading the list can. */
  readonly gone?: boolean;
}

/** How one item of a bulk action ended. */
export type BulkItemResult =
  { readonly kind: 'succeeded' } | ({ readonly kind: 'failed' } & BulkItemFailure);

/**
 * Runs `task` for every item with at most `limit` of them in flight at once, in the items'
 * order, and reports each item as it settles. Never rejects: a task's failure becomes that
 * item's result (`describeError`'s words, and whether the item is gone), so one failed item
 * never stops the others.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<unknown>,
  onSettled: (item: T, result: BulkItemResult) => void,
  describeError: (error: unknown) => BulkItemFailure,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    // Each worker takes the next item when it is free: single-threaded, so `next++` is safe.
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
        onSettled(item, { kind: 'succeeded' });
      } catch (error) {
        onSettled(item, { kind: 'failed', ...describeError(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
