import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { OidcSettings, RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { SINGLE_SIGN_ON_REFUSED, SINGLE_SIGN_ON_UNAVAILABLE } from './sign-in-errors';
import {
  isFromIssuer,
  isSingleSignOnReturn,
  SingleSignOn,
  SingleSignOnFlow,
  SingleSignOnResult,
} from './single-sign-on';

const externalLoginUrl = 'https://panel.test/api/Auth/ExternalLogin';
const oidc: OidcSettings = {
  issuer: 'https://panel.test/oidc',
  clientId: 'paradarum-panel',
  scope: 'openid email',
  buttonLabel: 'Sign in with Example ID',
};

/** Stands in for the provider round trip, which needs a real browser redirect. */
class FakeFlow {
  readonly start = jest.fn(async () => undefined);
  readonly finish = jest.fn(async () => ({
    idToken: 'id-token-from-provider' as string | null,
    returnUrl: '/api-keys',
  }));
}

async function setUp(settings: OidcSettings | null) {
  const flow = new FakeFlow();
  const signedIn = jest.fn<void, [SingleSignOnResult]>();
  const failed = jest.fn<void, [string]>();
  await render(SingleSignOn, {
    on: { signedIn, failed },
    providers: [
      {
        provide: RUNTIME_CONFIG,
        useValue: {
          apiBaseUrl: 'https://panel.test/api',
          sessionPersistence: 'session',
          oidc: settings,
        },
      },
      { provide: SingleSignOnFlow, useValue: flow },
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  return { flow, signedIn, failed, backend: TestBed.inject(HttpTestingController) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('SingleSignOn', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    window.history.replaceState(null, '', '/');
  });

  it('offers nothing when no identity provider is configured', async () => {
    await setUp(null);

    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('leaves for the configured provider on request', async () => {
    const { flow } = await setUp(oidc);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Example ID' }));

    expect(flow.start).toHaveBeenCalledWith(oidc, undefined);
  });

  it('says so in words when the provider cannot be reached, and can be tried again', async () => {
    const { flow, failed } = await setUp(oidc);
    flow.start.mockRejectedValueOnce(new Error('discovery document not found'));
    const button = screen.getByRole('button', { name: 'Sign in with Example ID' });

    await userEvent.setup().click(button);

    expect(failed).toHaveBeenCalledWith(SINGLE_SIGN_ON_UNAVAILABLE);
    expect(button).toBeEnabled();
  });

  it("on the provider's return, trades the ID token for the API's answer", async () => {
    window.history.replaceState(null, '', '/login?code=abc&state=xyz');
    const { signedIn, backend } = await setUp(oidc);
    await settle();

    const request = backend.expectOne(externalLoginUrl);
    expect(request.request.body).toEqual({ idToken: 'id-token-from-provider' });
    request.flush({ succeeded: true, message: '', data: { Token: 'jwt', Message: 'Success' } });
    await settle();

    expect(signedIn).toHaveBeenCalledWith({
      outcome: { kind: 'signed-in', token: 'jwt' },
      returnUrl: '/api-keys',
    });
  });

  it('says so in words when the API refuses the provider sign-in', async () => {
    window.history.replaceState(null, '', '/login?code=abc&state=xyz');
    const { failed, backend } = await setUp(oidc);
    await settle();

    backend
      .expectOne(externalLoginUrl)
      .flush({ succeeded: false, message: 'No.', data: null }, { status: 401, statusText: 'No' });
    await settle();

    expect(failed).toHaveBeenCalledWith(SINGLE_SIGN_ON_REFUSED);
    expect(TestBed.inject(Location).path()).toBe('/login');
  });
});

describe('isSingleSignOnReturn', () => {
  it('recognises a return from the provider by its code and state', () => {
    expect(isSingleSignOnReturn('?code=abc&state=xyz')).toBe(true);
    expect(isSingleSignOnReturn('?returnUrl=%2Fapi-keys')).toBe(false);
  });
});

describe('isFromIssuer', () => {
  const issuer = 'https://panel.test/oidc';

  it('accepts a response that names the configured issuer, or none', () => {
    expect(isFromIssuer(`?code=c&state=s&iss=${encodeURIComponent(issuer)}`, issuer)).toBe(true);
    expect(isFromIssuer('?code=c&state=s', issuer)).toBe(true);
  });

  it('refuses a response that names another issuer', () => {
    for (const other of ['https://evil.test/oidc', `${issuer}/`, 'https://panel.test', ''])
      expect(isFromIssuer(`?code=c&state=s&iss=${encodeURIComponent(other)}`, issuer)).toBe(false);
  });
});
