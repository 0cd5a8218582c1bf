import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { signalStore, type, withMethods } from '@ngrx/signals';
import { BulkTask, retryBulk, runBulk, withBulkAction } from './bulk-action';

interface Item {
  readonly id: number;
}

/** A task whose calls stay pending until the test settles them. */
function deferredTask() {
  const calls: { id: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const task: BulkTask<Item> = {
    concurrency: 2,
    run: (item) =>
      new Promise<void>((resolve, reject) => calls.push({ id: item.id, resolve, reject })),
  };
  return { calls, task };
}

function setUp(task: BulkTask<Item>) {
  const TestStore = signalStore(
    withBulkAction('bulk', type<Item>()),
    withMethods((store) => ({
      runAll: (items: Item[]) =>
        runBulk(
          store,
          'bulk',
          { heading: 'Doing', items, id: (item) => item.id, label: (item) => `#${item.id}` },
          task,
        ),
      retry: (ids: number[]) => retryBulk(store, 'bulk', ids, task),
    })),
  );
  TestBed.configureTestingModule({ providers: [TestStore] });
  return TestBed.inject(TestStore);
}

const flush = () => new Promise((resolve) => setTimeout(resolve));
const results = (store: ReturnType<typeof setUp>) =>
  store.bulk()?.entries.map((entry) => [entry.id, entry.result.kind]);

describe('withBulkAction / runBulk / retryBulk', () => {
  it('starts with no run', () => {
    const store = setUp(deferredTask().task);

    expect(store.bulk()).toBeNull();
    expect(store.bulkRunning()).toBe(false);
  });

  it('runs at most `concurrency` items at once and records each result as it settles', async () => {
    const { calls, task } = deferredTask();
    const store = setUp(task);
    const run = store.runAll([{ id: 1 }, { id: 2 }, { id: 3 }]);
    await flush();

    expect(calls.map((call) => call.id)).toEqual([1, 2]);
    expect(store.bulkRunning()).toBe(true);

    calls[0].resolve();
    calls[1].reject(new HttpErrorResponse({ status: 404 }));
    await flush();

    expect(results(store)).toEqual([
      [1, 'succeeded'],
      [2, 'failed'],
      [3, 'pending'],
    ]);

    calls[2].reject(new HttpErrorResponse({ status: 500 }));

    await expect(run).resolves.toEqual({
      kind: 'succeeded',
      value: { total: 3, succeeded: 1, failed: 2 },
    });
    expect(store.bulkRunning()).toBe(false);
    expect(store.bulk()?.entries[1].result).toMatchObject({ kind: 'failed', gone: true });
    expect(store.bulk()?.entries[2].result).toMatchObject({ kind: 'failed', gone: false });
  });

  it('skips a second run while one is under way', async () => {
    const { calls, task } = deferredTask();
    const store = setUp(task);
    void store.runAll([{ id: 1 }]);

    await expect(store.runAll([{ id: 2 }])).resolves.toEqual({ kind: 'skipped' });
    await flush();
    expect(calls.map((call) => call.id)).toEqual([1]);
  });

  it('retries only the asked items, keeping the others’ results', async () => {
    const { calls, task } = deferredTask();
    const store = setUp(task);
    const run = store.runAll([{ id: 1 }, { id: 2 }]);
    await flush();
    calls[0].resolve();
    calls[1].reject(new HttpErrorResponse({ status: 500 }));
    await run;

    const retry = store.retry([2]);
    await flush();

    expect(results(store)).toEqual([
      [1, 'succeeded'],
      [2, 'pending'],
    ]);
    expect(calls.map((call) => call.id)).toEqual([1, 2, 2]);

    calls[2].resolve();

    await expect(retry).resolves.toEqual({
      kind: 'succeeded',
      value: { total: 2, succeeded: 2, failed: 0 },
    });
  });

  it('skips a retry with no run or no matching item', async () => {
    const store = setUp(deferredTask().task);

    await expect(store.retry([1])).resolves.toEqual({ kind: 'skipped' });
  });
});
