import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { signalStore, type, withMethods } from '@ngrx/signals';
import { failureShown, resetAction, runAction, withAction } from './action';

interface Attempt {
  readonly name: string;
}

const TestStore = signalStore(
  withAction('saving', type<Attempt>()),
  withMethods((store) => ({
    save: <T>(name: string, work: () => Promise<T>) => runAction(store, 'saving', { name }, work),
    /** Fails in part: Try again repeats only what is left. */
    saveInPart: (name: string, left: string) =>
      runAction(
        store,
        'saving',
        { name },
        () => Promise.reject(new Error('part')),
        () => ({ message: `${left} is left.`, gone: false, retry: { name: left } }),
      ),
    reset: () => resetAction(store, 'saving'),
  })),
);

function setUp() {
  TestBed.configureTestingModule({ providers: [TestStore] });
  return TestBed.inject(TestStore);
}

describe('withAction / runAction', () => {
  it('starts idle', () => {
    expect(setUp().saving()).toEqual({ kind: 'idle' });
  });

  it('is running with its attempt while the work is under way, then succeeded with the value', async () => {
    const store = setUp();
    let finish!: (value: number) => void;
    const result = store.save('a', () => new Promise<number>((resolve) => (finish = resolve)));

    expect(store.saving()).toEqual({ kind: 'running', attempt: { name: 'a' } });

    finish(42);

    await expect(result).resolves.toEqual({ kind: 'succeeded', value: 42 });
    expect(store.saving()).toEqual({ kind: 'succeeded', attempt: { name: 'a' } });
  });

  it('fails with the API’s words, what to retry, and gone on a 404', async () => {
    const store = setUp();
    const notFound = new HttpErrorResponse({
      status: 404,
      error: { succeeded: false, message: 'No such thing.', data: null },
    });

    const result = await store.save('b', () => Promise.reject(notFound));

    expect(result).toEqual({ kind: 'failed', message: 'No such thing.', gone: true });
    expect(store.saving()).toEqual({
      kind: 'failed',
      attempt: { name: 'b' },
      message: 'No such thing.',
      gone: true,
    });
  });

  it('skips a second run while the first is under way, sending nothing', async () => {
    const store = setUp();
    const work = jest.fn(() => new Promise<void>(() => undefined));
    void store.save('a', work);

    const second = await store.save('a', work);

    expect(second).toEqual({ kind: 'skipped' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('goes back to idle on reset', async () => {
    const store = setUp();
    await store.save('a', () => Promise.reject(new Error('x')));

    store.reset();

    expect(store.saving()).toEqual({ kind: 'idle' });
  });

  it('keeps the last failure shown, retrying, while the same attempt runs again, until it succeeds', async () => {
    const store = setUp();
    await store.save('a', () => Promise.reject(new Error('x')));
    let finish!: () => void;
    const again = store.save('a', () => new Promise<void>((resolve) => (finish = resolve)));

    expect(failureShown(store.saving())).toMatchObject({
      kind: 'failed',
      attempt: { name: 'a' },
      retrying: true,
    });

    finish();
    await again;
    expect(failureShown(store.saving())).toBeNull();
  });

  it('drops the last failure when another attempt starts', async () => {
    const store = setUp();
    await store.save('a', () => Promise.reject(new Error('x')));

    void store.save('b', () => new Promise<void>(() => undefined));

    expect(failureShown(store.saving())).toBeNull();
  });

  it('shows no failure while a first run is under way', () => {
    const store = setUp();
    void store.save('a', () => new Promise<void>(() => undefined));

    expect(failureShown(store.saving())).toBeNull();
  });

  it('retries only what is left when a failure says so', async () => {
    const store = setUp();

    const result = await store.saveInPart('a, b', 'b');

    expect(result).toEqual({ kind: 'failed', message: 'b is left.', gone: false });
    expect(store.saving()).toEqual({
      kind: 'failed',
      attempt: { name: 'b' },
      message: 'b is left.',
      gone: false,
    });
  });
});
