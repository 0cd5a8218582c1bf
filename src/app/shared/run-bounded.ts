/** How one item of a bulk action ended. */
export type BulkItemResult =
  { readonly kind: 'succeeded' } | { readonly kind: 'failed'; readonly message: string };

/**
 * Runs `task` for every item with at most `limit` of them in flight at once, in the items'
 * order, and reports each item as it settles. Never rejects: a task's failure becomes that
 * item's result (with `describeError`'s words), so one failed item never stops the others.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<unknown>,
  onSettled: (item: T, result: BulkItemResult) => void,
  describeError: (error: unknown) => string,
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
        onSettled(item, { kind: 'failed', message: describeError(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
