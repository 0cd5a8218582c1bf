import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionPersistence } from '../config/runtime-config';
import { SESSION_SCOPED_KEY_PREFIX, SESSION_STORAGE_KEY, SessionStore } from './session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

@Component({ template: '' })
class Blank {}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const settle = () => new Promise((resolve) => setTimeout(resolve));

function setUp(persistence: SessionPersistence = 'session') {
  TestBed.configureTestingModule({
    providers: [
      provideTestRuntimeConfig({
        apiBaseUrl: 'https://panel.test/api',
        sessionPersistence: persistence,
        oidc: null,
      }),
      provideRouter([
        { path: 'login', component: Blank },
        { path: 'properties/:id', component: Blank },
      ]),
    ],
  });
  return { store: TestBed.inject(SessionStore), router: TestBed.inject(Router) };
}

describe('SessionStore', () => {
  afterEach(() => {
    sessionStorage.clear();
    jest.useRealTimers();
  });

  it('derives the e-mail, expiry and signed-in state from the token', () => {
    const { store } = setUp();
    const expiresAt = new Date(Date.now() + HOUR);

    store.signIn(fakeJwt({ email: 'demo@paradarum.test', expiresAt }));

    expect(store.isSignedIn()).toBe(true);
    expect(store.email()).toBe('demo@paradarum.test');
    expect(store.expiresAt()?.getTime()).toBe(Math.floor(expiresAt.getTime() / 1000) * 1000);
  });

  it("keeps the token in the tab's sessionStorage so a reload keeps the session", () => {
    const { store } = setUp();
    const token = fakeJwt();

    store.signIn(token);

    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe(token);
  });

  it('keeps the token in memory only when the runtime config says memory', () => {
    const { store } = setUp('memory');

    store.signIn(fakeJwt());

    expect(store.isSignedIn()).toBe(true);
    expect(sessionStorage.length).toBe(0);
  });

  it('never touches localStorage', () => {
    const { store } = setUp();

    store.signIn(fakeJwt());

    expect(localStorage.length).toBe(0);
  });

  it('refuses a token that has already expired', () => {
    const { store } = setUp();

    expect(() => store.signIn(fakeJwt({ expiresAt: new Date(Date.now() - 1000) }))).toThrow();
    expect(store.isSignedIn()).toBe(false);
  });

  it('restores a valid token kept by this tab', () => {
    const token = fakeJwt({ email: 'secure@paradarum.test' });
    sessionStorage.setItem(SESSION_STORAGE_KEY, token);

    const { store } = setUp();

    expect(store.token()).toBe(token);
    expect(store.email()).toBe('secure@paradarum.test');
  });

  it.each([
    ['an expired token', fakeJwt({ expiresAt: new Date(Date.now() - 1000) })],
    ['a malformed token', 'not-a-jwt'],
  ])('discards %s found in storage, without starting a session', async (_case, stored) => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, stored);

    const { store, router } = setUp();
    await settle();

    expect(store.isSignedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    // A session that never started did not "end": no login page saying so.
    expect(router.url).toBe('/');
  });

  it('with memory-only sessions, ignores and removes a token left in storage', () => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, fakeJwt());

    const { store } = setUp('memory');

    expect(store.isSignedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('clears every trace of the session on sign-out', () => {
    const { store } = setUp();
    store.signIn(fakeJwt());

    store.signOut();

    expect(store.token()).toBeNull();
    expect(store.email()).toBeNull();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('forgets what features kept for the session on sign-out, and nothing else', () => {
    const { store } = setUp();
    store.signIn(fakeJwt());
    sessionStorage.setItem(`${SESSION_SCOPED_KEY_PREFIX}rolls`, '{}');
    sessionStorage.setItem('unrelated', 'stays');

    store.signOut();

    expect(sessionStorage.getItem(`${SESSION_SCOPED_KEY_PREFIX}rolls`)).toBeNull();
    expect(sessionStorage.getItem('unrelated')).toBe('stays');
  });

  it('warns five minutes before the token expires, not earlier', () => {
    jest.useFakeTimers();
    const { store } = setUp();
    store.signIn(fakeJwt({ expiresAt: new Date(Date.now() + HOUR) }));

    jest.advanceTimersByTime(HOUR - 5 * MINUTE - 2000);
    const before = store.expiresSoon();
    jest.advanceTimersByTime(2000);

    expect(before).toBe(false);
    expect(store.expiresSoon()).toBe(true);
  });

  it('ends the session at expiry and asks to sign in again, coming back afterwards', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { store, router } = setUp();
    await router.navigateByUrl('/properties/7');
    store.signIn(fakeJwt({ expiresAt: new Date(Date.now() + HOUR) }));

    jest.advanceTimersByTime(HOUR);
    await jest.runAllTimersAsync();

    expect(store.isSignedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fproperties%2F7');
  });

  // Real timers: a fake clock waits as long as asked, the browser's fires at once above 2^31-1 ms.
  it('keeps a session whose expiry is further away than one timer can wait', async () => {
    const { store } = setUp();
    store.signIn(fakeJwt({ expiresAt: new Date(Date.now() + 30 * 24 * HOUR) }));

    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(store.isSignedIn()).toBe(true);
    expect(store.expiresSoon()).toBe(false);
  });

  it('forgets the expiry timers on sign-out', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { store, router } = setUp();
    await router.navigateByUrl('/properties/7');
    store.signIn(fakeJwt({ expiresAt: new Date(Date.now() + HOUR) }));
    store.signOut();

    jest.advanceTimersByTime(HOUR);
    await jest.runAllTimersAsync();

    expect(store.expiresSoon()).toBe(false);
    expect(router.url).toBe('/properties/7');
  });

  it('stays on the login page when a session ends there', async () => {
    const { store, router } = setUp();
    await router.navigateByUrl('/login?reason=signed-out');
    store.signIn(fakeJwt());

    store.endSession('expired');
    await settle();

    expect(store.isSignedIn()).toBe(false);
    expect(router.url).toBe('/login?reason=signed-out');
  });

  it('opens the login page without a return URL when the user signs out', async () => {
    const { store, router } = setUp();
    await router.navigateByUrl('/properties/7');
    store.signIn(fakeJwt());

    store.endSession('signed-out');
    await settle();

    expect(router.url).toBe('/login?reason=signed-out');
  });
});
