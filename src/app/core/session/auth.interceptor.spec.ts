import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor, SKIP_AUTH } from './auth.interceptor';
import { SessionStore } from './session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

@Component({ template: '' })
class Blank {}

const apiBaseUrl = 'https://panel.test/api';

function setUp() {
  TestBed.configureTestingModule({
    providers: [
      provideTestRuntimeConfig({ apiBaseUrl, sessionPersistence: 'memory', oidc: null }),
      provideRouter([
        { path: 'login', component: Blank },
        { path: 'api-keys', component: Blank },
      ]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  const session = TestBed.inject(SessionStore);
  const token = fakeJwt();
  session.signIn(token);
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    router: TestBed.inject(Router),
    session,
    token,
  };
}

/** Sends a GET and returns the request as it reached the backend. */
function sendGet(url: string, context?: HttpContext) {
  TestBed.inject(HttpClient).get(url, { context }).subscribe();
  return TestBed.inject(HttpTestingController).expectOne(url).request;
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('authInterceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it.each([`${apiBaseUrl}/account`, `${apiBaseUrl}/property/7/purge?x=1`, apiBaseUrl])(
    'sends the session token to the API, and never an API key: %s',
    (url) => {
      const { token } = setUp();

      const request = sendGet(url);

      expect(request.headers.get('Authorization')).toBe(`Bearer ${token}`);
      expect(request.headers.has('X-API-Key')).toBe(false);
    },
  );

  it.each([
    ['another origin', 'https://evil.test/api/account'],
    ['a look-alike path', 'https://panel.test/apix/account'],
    ['a look-alike host in the path', 'https://panel.test/api.evil.com/x'],
    ['a look-alike subdomain', 'https://panel.test.evil.com/api/account'],
    ['credentials in the URL', 'https://panel.test@evil.com/api/account'],
    ['another scheme', 'http://panel.test/api/account'],
    ['another port', 'https://panel.test:8443/api/account'],
    ['a dot segment that leaves the API', 'https://panel.test/api/../config.json'],
  ])('sends nothing to %s', (_case, url) => {
    setUp();

    const request = sendGet(url);

    expect(request.headers.has('Authorization')).toBe(false);
    expect(request.headers.has('X-API-Key')).toBe(false);
  });

  it('sends nothing when a request opts out with SKIP_AUTH', () => {
    setUp();

    const request = sendGet(`${apiBaseUrl}/account`, new HttpContext().set(SKIP_AUTH, true));

    expect(request.headers.has('Authorization')).toBe(false);
  });

  it('sends nothing when nobody is signed in', () => {
    const { session } = setUp();
    session.signOut();

    expect(sendGet(`${apiBaseUrl}/account`).headers.has('Authorization')).toBe(false);
  });

  it('ends the session on a 401 from the API and asks to sign in, coming back afterwards', async () => {
    const { http, backend, router, session } = setUp();
    await router.navigateByUrl('/api-keys');

    const failed = firstValueFrom(http.get(`${apiBaseUrl}/apikey`));
    backend
      .expectOne(`${apiBaseUrl}/apikey`)
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(failed).rejects.toMatchObject({ status: 401 });
    await settle();

    expect(session.isSignedIn()).toBe(false);
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fapi-keys');
  });

  it('keeps the session on a 401 from the sign-in endpoints (a wrong code is not a lost session)', async () => {
    const { http, backend, session } = setUp();

    const failed = firstValueFrom(http.post(`${apiBaseUrl}/Auth/2fa/verify`, {}));
    backend
      .expectOne(`${apiBaseUrl}/Auth/2fa/verify`)
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(failed).rejects.toMatchObject({ status: 401 });

    expect(session.isSignedIn()).toBe(true);
  });

  it('keeps a newer session when a late 401 answers a request made with an older token', async () => {
    const { http, backend, session } = setUp();
    const failed = firstValueFrom(http.get(`${apiBaseUrl}/account`));
    const newer = fakeJwt({ email: 'secure@paradarum.test' });
    session.signIn(newer);

    backend
      .expectOne(`${apiBaseUrl}/account`)
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(failed).rejects.toMatchObject({ status: 401 });

    expect(session.token()).toBe(newer);
  });

  it.each([
    ['a request that opted out (testing an API key)', `${apiBaseUrl}/account`, true],
    ['another origin', 'https://evil.test/api/account', false],
  ])('keeps the session on a 401 from %s', async (_case, url, skipAuth) => {
    const { http, backend, session } = setUp();

    const failed = firstValueFrom(
      http.get(url, { context: new HttpContext().set(SKIP_AUTH, skipAuth) }),
    );
    backend.expectOne(url).flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(failed).rejects.toMatchObject({ status: 401 });

    expect(session.isSignedIn()).toBe(true);
  });

  it('leaves other errors to the caller', async () => {
    const { http, backend, session } = setUp();

    const failed = firstValueFrom(http.get(`${apiBaseUrl}/property/9`));
    backend
      .expectOne(`${apiBaseUrl}/property/9`)
      .flush(null, { status: 404, statusText: 'Not Found' });
    await expect(failed).rejects.toMatchObject({ status: 404 });

    expect(session.isSignedIn()).toBe(true);
  });
});
