import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authGuard, guestGuard } from './auth.guard';
import { SessionStore } from './session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

@Component({ template: '<h1>Sign in</h1>' })
class LoginStub {}

@Component({ template: '<h1>Property</h1>' })
class PropertyStub {}

async function setUp({ signedIn }: { signedIn: boolean }) {
  TestBed.configureTestingModule({
    providers: [
      provideTestRuntimeConfig({
        apiBaseUrl: 'https://panel.test/api',
        sessionPersistence: 'memory',
        oidc: null,
      }),
      provideRouter([
        { path: 'login', component: LoginStub, canActivate: [guestGuard] },
        {
          path: '',
          canMatch: [authGuard],
          children: [
            { path: '', pathMatch: 'full', redirectTo: 'properties/1' },
            { path: 'properties/:id', component: PropertyStub },
          ],
        },
      ]),
    ],
  });
  if (signedIn) {
    TestBed.inject(SessionStore).signIn(fakeJwt());
  }
  return { harness: await RouterTestingHarness.create(), router: TestBed.inject(Router) };
}

describe('authGuard', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    const { harness, router } = await setUp({ signedIn: false });

    await harness.navigateByUrl('/properties/7?tab=purges');

    expect(router.url).toBe('/login?returnUrl=%2Fproperties%2F7%3Ftab%3Dpurges');
    expect(harness.routeNativeElement?.textContent).toContain('Sign in');
  });

  it('sends a plain first visit to sign in without a return URL to the default page', async () => {
    const { harness, router } = await setUp({ signedIn: false });

    await harness.navigateByUrl('/');

    expect(router.url).toBe('/login');
  });

  it('lets a signed-in user through', async () => {
    const { harness, router } = await setUp({ signedIn: true });

    await harness.navigateByUrl('/properties/7');

    expect(router.url).toBe('/properties/7');
    expect(harness.routeNativeElement?.textContent).toContain('Property');
  });
});

describe('guestGuard', () => {
  it('shows the login page to a signed-out visitor', async () => {
    const { harness, router } = await setUp({ signedIn: false });

    await harness.navigateByUrl('/login');

    expect(router.url).toBe('/login');
  });

  it('sends a signed-in user on to the app', async () => {
    const { harness, router } = await setUp({ signedIn: true });

    await harness.navigateByUrl('/login');

    expect(router.url).toBe('/properties/1');
  });

  it('sends a signed-in user on to the return URL when it stays inside the app', async () => {
    const { harness, router } = await setUp({ signedIn: true });

    await harness.navigateByUrl('/login?returnUrl=%2Fproperties%2F7');

    expect(router.url).toBe('/properties/7');
  });

  it('ignores a return URL that leads out of the app', async () => {
    const { harness, router } = await setUp({ signedIn: true });

    await harness.navigateByUrl('/login?returnUrl=%2F%2Fevil.com');

    expect(router.url).toBe('/properties/1');
  });
});
