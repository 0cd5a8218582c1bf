import { Injectable, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { lazyService } from './lazy-service';

@Injectable({ providedIn: 'root' })
class SomeService {}

function lazy(load: () => Promise<typeof SomeService>) {
  return runInInjectionContext(TestBed.inject(Injector), () => lazyService(load));
}

describe('lazyService', () => {
  it('fetches the module once and gives the root instance', async () => {
    const load = jest.fn(() => Promise.resolve(SomeService));
    const service = lazy(load);

    const [first, second] = await Promise.all([service(), service()]);

    expect(first).toBe(TestBed.inject(SomeService));
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed fetch', async () => {
    const load = jest
      .fn<Promise<typeof SomeService>, []>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(SomeService);
    const service = lazy(load);

    await expect(service()).rejects.toThrow('offline');

    await expect(service()).resolves.toBe(TestBed.inject(SomeService));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
