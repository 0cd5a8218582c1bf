import { TestBed } from '@angular/core/testing';
import { SignInLockout } from './sign-in-lockout';

describe('SignInLockout', () => {
  const create = () => TestBed.runInInjectionContext(() => new SignInLockout());

  afterEach(() => jest.useRealTimers());

  it('counts refusals in a row per address, however it was typed', () => {
    const lockout = create();

    lockout.refused('demo@paradarum.test');
    lockout.refused('other@paradarum.test');

    expect(lockout.refused(' Demo@Paradarum.test ')).toBe(2);
  });

  it('starts counting again once the address signs in', () => {
    const lockout = create();
    lockout.refused('demo@paradarum.test');
    lockout.refused('other@paradarum.test');

    lockout.signedIn('demo@paradarum.test');

    expect(lockout.refused('demo@paradarum.test')).toBe(1);
    expect(lockout.refused('other@paradarum.test')).toBe(2);
  });

  it('counts an announced lockout down, then lets sign-in go on and forgets the refusals', () => {
    jest.useFakeTimers();
    const lockout = create();
    lockout.refused('demo@paradarum.test');

    lockout.lockFor(61);
    expect(lockout.countdown()).toBe('1:01');
    jest.advanceTimersByTime(2_000);
    expect(lockout.countdown()).toBe('0:59');
    jest.advanceTimersByTime(59_000);

    expect(lockout.countdown()).toBeNull();
    expect(lockout.refused('demo@paradarum.test')).toBe(1);
  });

  it('is not locked when the API did not say for how long', () => {
    const lockout = create();

    lockout.lockFor(null);

    expect(lockout.countdown()).toBeNull();
  });
});
