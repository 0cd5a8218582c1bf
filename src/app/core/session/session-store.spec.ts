import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RUNTIME_CONFIG, SessionPersistence } from '../config/runtime-config';
import { EXPIRY_WARNING_MS, SESSION_STORAGE_KEY, SessionStore } from './session-store';
import { fakeJwt } from './testing/fake-jwt';

@Component({ template: '' })
class Blank {}

const HOUR = 60 * 60 * 1000;

function setUp(persistence: SessionPersistence = 'session') {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: RUNTIME_CONFIG,
        useValue: {
          apiBaseUrl: 'https://panel.test/api',
          sessionPersistence: persistence,
          oidc: null,
        },
      },
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
  ])('discards %s found in storage', (_case, stored) => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, stored);

    const { store } = setUp();

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

  it('warns five minutes before the token expires, not earlier', () => {
    jest.useFakeTimers();
    const { store } = setUp();
    store.signIn(fakeJwt({ expiresAt: new Date(Date.now() + HOUR) }));

    jest.advanceTimersByTime(HOUR - EXPIRY_WARNING_MS - 2000);
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

  it('opens the login page without a return URL when the user signs out', async () => {
    const { store, router } = setUp();
    await router.navigateByUrl('/properties/7');
    store.signIn(fakeJwt());

    store.endSession('signed-out');
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/login?reason=signed-out');
  });
});
