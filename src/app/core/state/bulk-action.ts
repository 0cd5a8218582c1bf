import { computed, type Signal } from '@angular/core';
import {
  getState,
  patchState,
  signalStoreFeature,
  withComputed,
  withState,
  type WritableStateSource,
} from '@ngrx/signals';
import { BulkItemFailure, BulkItemResult, runBounded } from '../../shared/run-bounded';
import { ActionResult, apiFailure } from './action';

/** One item of a bulk run: how the user knows it, the item itself (for Try again), its result. */
export interface BulkEntry<Item> {
  readonly id: number;
  /** How the user knows the item, e.g. `“CMS plugin” (pdm_AbCd…)` or a hostname. */
  readonly label: string;
  readonly item: Item;
  /** `pending` until the item settles. */
  readonly result: BulkItemResult | { readonly kind: 'pending' };
}

/** An action run on many items (revoke keys, purge properties), under way or finished. */
export interface BulkRun<Item> {
  /** What is being done, e.g. "Revoking 3 keys". */
  readonly heading: string;
  readonly entries: readonly BulkEntry<Item>[];
}

/** How a bulk run ended, counted. */
export interface BulkSummary {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** What one bulk action does with each item, the same for its first run and its retries. */
export interface BulkTask<Item> {
  /** Items in flight at once: fast for hundreds, without a burst the API would refuse. */
  readonly concurrency: number;
  readonly run: (item: Item) => Promise<unknown>;
  /** Defaults to the API's words, and `gone` on a 404. */
  readonly describeFailure?: (error: unknown) => BulkItemFailure;
}

export type BulkState<Name extends string, Item> = Record<Name, BulkRun<Item> | null>;
type BulkComputed<Name extends string> = {
  [K in Name as `${K}Running`]: Signal<boolean>;
};

/** Is any item of the run still waiting? */
export function isBulkRunning(run: BulkRun<unknown> | null): boolean {
  return run?.entries.some((entry) => entry.result.kind === 'pending') ?? false;
}

/**
 * Adds one bulk action to a store: the run under `name` (null before the first) and
 * `${name}Running`. The store's methods start it with {@link runBulk} and repeat its failed items
 * with {@link retryBulk}; pages read the run and draw it with `pdm-bulk-progress`.
 */
export function withBulkAction<Name extends string, Item>(name: Name, _item?: Item) {
  return signalStoreFeature(
    withState({ [name]: null } as BulkState<Name, Item>),
    withComputed(
      (store) =>
        ({
          [`${name}Running`]: computed(() =>
            isBulkRunning((store as unknown as Record<Name, () => BulkRun<Item> | null>)[name]()),
          ),
        }) as BulkComputed<Name>,
    ),
  );
}

/**
 * Runs `task` on every item, at most `task.concurrency` at a time, each item's result in the run
 * as it settles. Skipped (nothing sent) while a run of the same action is under way.
 */
export function runBulk<Name extends string, Item>(
  store: WritableStateSource<BulkState<Name, Item>>,
  name: Name,
  run: {
    heading: string;
    items: readonly Item[];
    id: (item: Item) => number;
    label: (item: Item) => string;
  },
  task: BulkTask<Item>,
): Promise<ActionResult<BulkSummary>> {
  if (isBulkRunning(getState(store)[name])) {
    return Promise.resolve({ kind: 'skipped' });
  }
  const entries = run.items.map((item): BulkEntry<Item> => ({
    id: run.id(item),
    label: run.label(item),
    item,
    result: { kind: 'pending' },
  }));
  setRun(store, name, { heading: run.heading, entries });
  return settle(store, name, entries, task);
}

/**
 * Runs the items with these ids again (those the user asked to retry: failed, not gone); the
 * others keep their results. Skipped while the run is still under way or when none is left.
 */
export function retryBulk<Name extends string, Item>(
  store: WritableStateSource<BulkState<Name, Item>>,
  name: Name,
  ids: readonly number[],
  task: BulkTask<Item>,
): Promise<ActionResult<BulkSummary>> {
  const current = getState(store)[name];
  const again = current?.entries.filter((entry) => ids.includes(entry.id)) ?? [];
  if (current === null || again.length === 0 || isBulkRunning(current)) {
    return Promise.resolve({ kind: 'skipped' });
  }
  setRun(store, name, {
    ...current,
    entries: current.entries.map((entry) =>
      ids.includes(entry.id) ? { ...entry, result: { kind: 'pending' } } : entry,
    ),
  });
  return settle(store, name, again, task);
}

async function settle<Name extends string, Item>(
  store: WritableStateSource<BulkState<Name, Item>>,
  name: Name,
  entries: readonly BulkEntry<Item>[],
  task: BulkTask<Item>,
): Promise<ActionResult<BulkSummary>> {
  await runBounded(
    entries,
    task.concurrency,
    (entry) => task.run(entry.item),
    (settled, result) => {
      const current = getState(store)[name];
      if (current !== null) {
        setRun(store, name, {
          ...current,
          entries: current.entries.map((entry) =>
            entry.id === settled.id ? { ...entry, result } : entry,
          ),
        });
      }
    },
    task.describeFailure ?? apiFailure,
  );
  const finished = getState(store)[name]?.entries ?? [];
  const failed = finished.filter((entry) => entry.result.kind === 'failed').length;
  return {
    kind: 'succeeded',
    value: { total: finished.length, succeeded: finished.length - failed, failed },
  };
}

function setRun<Name extends string, Item>(
  store: WritableStateSource<BulkState<Name, Item>>,
  name: Name,
  run: BulkRun<Item>,
): void {
  patchState(store, { [name]: run } as Partial<BulkState<Name, Item>>);
}
