import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { SESSION_STORAGE_KEY, SessionStore } from '../session/session-store';
import { fakeJwt } from '../../testing/fake-jwt';
import { Shell } from './shell';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';

@Component({ template: '' })
class Blank {}

const MINUTE = 60 * 1000;

/** Renders the shell for a session this tab kept before (the store restores it on start). */
async function renderSignedIn(expiresInMs = 60 * MINUTE) {
  const expiresAt = new Date(Date.now() + expiresInMs);
  sessionStorage.setItem(SESSION_STORAGE_KEY, fakeJwt({ email: 'demo@paradarum.test', expiresAt }));
  await render(Shell, {
    providers: [
      provideTestRuntimeConfig({
        apiBaseUrl: 'https://panel.test/api',
        sessionPersistence: 'session',
        oidc: null,
      }),
      provideRouter([{ path: '**', component: Blank }]),
    ],
  });
  const router = TestBed.inject(Router);
  await router.navigateByUrl('/api-keys');
  return { user: userEvent.setup(), router };
}

describe('Shell', () => {
  afterEach(() => sessionStorage.clear());

  it('offers navigation to every feature by name', async () => {
    await renderSignedIn();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
      ['Overview', '/'],
      ['Properties', '/properties'],
      ['API keys', '/api-keys'],
      ['Account', '/account'],
    ]);
  });

  it('marks only the current destination, the overview not on every page', async () => {
    await renderSignedIn();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'API keys' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Overview' })).not.toHaveAttribute('aria-current');
  });

  it('takes the brand to the overview', async () => {
    await renderSignedIn();

    expect(screen.getByRole('link', { name: 'Paradarum' })).toHaveAttribute('href', '/');
  });

  it('skips to the content without leaving the page', async () => {
    const { user, router } = await renderSignedIn();

    await user.click(screen.getByRole('link', { name: 'Skip to content' }));

    expect(screen.getByRole('main')).toHaveFocus();
    expect(router.url).toBe('/api-keys');
  });

  it('says who is signed in on its account menu', async () => {
    await renderSignedIn();

    expect(
      screen.getByRole('button', { name: 'Signed in as demo@paradarum.test' }),
    ).toHaveAttribute('aria-haspopup', 'menu');
  });

  it('signs out from the account menu, leaving no trace of the session, and opens the login page', async () => {
    const { user, router } = await renderSignedIn();

    await user.click(screen.getByRole('button', { name: 'Signed in as demo@paradarum.test' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await new Promise((resolve) => setTimeout(resolve));

    expect(TestBed.inject(SessionStore).isSignedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(router.url).toBe('/login?reason=signed-out');
  });

  it('says nothing about expiry while the session has time left', async () => {
    await renderSignedIn(60 * MINUTE);

    expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull();
  });

  it('offers to sign in again in the last five minutes, coming back afterwards', async () => {
    const { user, router } = await renderSignedIn(4 * MINUTE);

    expect(screen.getByRole('status')).toHaveTextContent('Your session ends at');
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    await new Promise((resolve) => setTimeout(resolve));

    expect(router.url).toBe('/login?reason=renew&returnUrl=%2Fapi-keys');
  });
});
