import { BulkItemResult, runBounded } from './run-bounded';

/** A task whose calls stay pending until the test settles them one by one. */
function deferredTask() {
  const pending: { item: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  const task = (item: number) =>
    new Promise<void>((resolve, reject) => pending.push({ item, resolve, reject }));
  return { pending, task };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));
const inWords = (error: unknown) => ({ message: String(error) });

describe('runBounded', () => {
  it('never has more than the limit in flight, and starts the next as one settles', async () => {
    const { pending, task } = deferredTask();
    const run = runBounded([1, 2, 3, 4, 5, 6], 4, task, () => undefined, inWords);
    await flush();

    expect(pending.map((call) => call.item)).toEqual([1, 2, 3, 4]);

    pending[1].resolve();
    await flush();

    expect(pending.map((call) => call.item)).toEqual([1, 2, 3, 4, 5]);

    pending.forEach((call) => call.resolve());
    await flush();
    pending.forEach((call) => call.resolve());
    await run;
  });

  it('reports each item, a failure with its words, without stopping the others', async () => {
    const results: [number, BulkItemResult][] = [];

    await runBounded(
      [1, 2, 3],
      2,
      async (item) => {
        if (item === 2) {
          throw new Error('boom');
        }
      },
      (item, result) => results.push([item, result]),
      (error) => ({ message: `failed: ${(error as Error).message}` }),
    );

    expect(results).toEqual([
      [1, { kind: 'succeeded' }],
      [2, { kind: 'failed', message: 'failed: boom' }],
      [3, { kind: 'succeeded' }],
    ]);
  });

  it('reports an item as gone when describeError says so', async () => {
    const results: BulkItemResult[] = [];

    await runBounded(
      [1],
      1,
      async () => {
        throw new Error('404');
      },
      (_, result) => results.push(result),
      () => ({ message: 'This key no longer exists.', gone: true }),
    );

    expect(results).toEqual([
      { kind: 'failed', message: 'This key no longer exists.', gone: true },
    ]);
  });

  it('resolves at once for no items', async () => {
    const task = jest.fn();

    await runBounded([], 4, task, () => undefined, inWords);

    expect(task).not.toHaveBeenCalled();
  });
});
