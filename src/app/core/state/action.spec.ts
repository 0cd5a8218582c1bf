import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { signalStore, type, withMethods } from '@ngrx/signals';
import { resetAction, runAction, withAction } from './action';

interface Attempt {
  readonly name: string;
}

const TestStore = signalStore(
  withAction('saving', type<Attempt>()),
  withMethods((store) => ({
    save: <T>(name: string, work: () => Promise<T>) => runAction(store, 'saving', { name }, work),
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
});
