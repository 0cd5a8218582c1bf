import { computed, Injectable, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { patchState, signalStore, withComputed, withProps, withState } from '@ngrx/signals';
import { holdsSecret } from './secret-scan';

const SECRET = 'pdm_Ab$d!f&h*j#l%n@pqrstuvwxyz12';

@Injectable({ providedIn: 'root' })
class SomeService {
  readonly seen = SECRET;
}

/** Public state and members, so that the specs can hide a secret anywhere. */
const Store = signalStore(
  { protectedState: false },
  withState({ name: '', nested: { list: [] as string[] } }),
  withProps(() => ({
    plainProp: { value: '' },
    signalProp: signal(''),
    mapProp: new Map<string, string>(),
    setProp: new Set<string>(),
    symbolProp: { [Symbol('hidden')]: '' } as Record<symbol, string>,
  })),
  withComputed(({ name }) => ({ shout: computed(() => `${name()}!`) })),
);

function store() {
  return TestBed.inject(Store);
}

describe('holdsSecret', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [Store] }));

  it('finds nothing in a store that holds nothing', () => {
    expect(holdsSecret(store(), SECRET)).toBe(false);
  });

  it('finds the secret in nested state', () => {
    const s = store();
    patchState(s, { nested: { list: ['a', SECRET] } });
    expect(holdsSecret(s, SECRET)).toBe(true);
  });

  it('finds the secret in a computed value', () => {
    const s = store();
    patchState(s, { name: `x${SECRET}` });
    expect(holdsSecret(s, SECRET)).toBe(true);
  });

  it.each([
    ['a plain object prop', (s: InstanceType<typeof Store>) => (s.plainProp.value = SECRET)],
    ['a signal prop', (s: InstanceType<typeof Store>) => s.signalProp.set(SECRET)],
    ['a Map prop', (s: InstanceType<typeof Store>) => s.mapProp.set('last', SECRET)],
    ['a Set prop', (s: InstanceType<typeof Store>) => s.setProp.add(SECRET)],
    [
      'a symbol key',
      (s: InstanceType<typeof Store>) =>
        (s.symbolProp[Object.getOwnPropertySymbols(s.symbolProp)[0]] = SECRET),
    ],
  ])('finds the secret in %s', (_, hide) => {
    const s = store();
    hide(s);
    expect(holdsSecret(s, SECRET)).toBe(true);
  });

  it('does not search the services a holder injected', () => {
    expect(holdsSecret({ service: TestBed.inject(SomeService) }, SECRET)).toBe(false);
  });
});
