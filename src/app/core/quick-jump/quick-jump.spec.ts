import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { ok } from '../../testing/api-envelope';
import { fakeJwt } from '../../testing/fake-jwt';
import { provideTestRuntimeConfig } from '../../testing/runtime-config';
import { Shell } from '../layout/shell';
import { SESSION_STORAGE_KEY } from '../session/session-store';
import { RecentProperties } from './recent-properties';

@Component({ template: '<input aria-label="Some field" />' })
class Blank {}

const API = 'https://panel.test/api';

function propertyDto(id: number, name: string, hostname: string) {
  return {
    id,
    name,
    hostname,
    originUrl: `https://origin.${hostname}`,
    createdAt: '2025-01-15T09:00:00.000Z',
    lastPurgedAt: null,
  };
}

const PROPERTIES = [
  propertyDto(1, 'Demo Media blog', 'blog.demo-media.test'),
  propertyDto(2, 'Demo Media CDN', 'cdn.demo-media.test'),
  ...Array.from({ length: 5000 }, (_, i) =>
    propertyDto(100 + i, `Scale test site-${i}`, `site-${i}.scale.demo-media.test`),
  ),
];

async function renderShell() {
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    fakeJwt({ email: 'demo@paradarum.test', expiresAt: new Date(Date.now() + 3_600_000) }),
  );
  await render(Shell, {
    providers: [
      provideTestRuntimeConfig({ apiBaseUrl: API, sessionPersistence: 'session', oidc: null }),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: '**', component: Blank }]),
    ],
  });
  const router = TestBed.inject(Router);
  await router.navigateByUrl('/properties');
  return { user: userEvent.setup(), router, http: TestBed.inject(HttpTestingController) };
}

async function openWithKeys(user: ReturnType<typeof userEvent.setup>, http: HttpTestingController) {
  await user.keyboard('{Control>}k{/Control}');
  const box = await screen.findByRole('combobox', { name: 'Jump to a property, page or action' });
  http.expectOne(`${API}/property`).flush(ok(PROPERTIES));
  await waitFor(() => expect(box).toHaveFocus());
  return box;
}

const optionNames = () =>
  within(screen.getByRole('listbox', { name: 'Matches' }))
    .queryAllByRole('option')
    .map((option) => option.querySelector('.label')?.textContent?.trim());

describe('Quick jump', () => {
  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    TestBed.inject(RecentProperties).clear();
    sessionStorage.clear();
  });

  it('opens with Ctrl+K and focuses the combobox', async () => {
    const { user, http } = await renderShell();

    const box = await openWithKeys(user, http);

    await waitFor(() => expect(box).toHaveFocus());
    expect(screen.getByRole('dialog', { name: 'Quick jump' })).toBeInTheDocument();
  });

  it('opens with / but not while typing in a field', async () => {
    const { user } = await renderShell();

    await user.click(screen.getByRole('textbox', { name: 'Some field' }));
    await user.keyboard('/');
    expect(screen.queryByRole('dialog', { name: 'Quick jump' })).not.toBeInTheDocument();

    (document.activeElement as HTMLElement).blur();
    await user.keyboard('/');
    expect(await screen.findByRole('dialog', { name: 'Quick jump' })).toBeInTheDocument();
    TestBed.inject(HttpTestingController).expectOne(`${API}/property`).flush(ok([]));
  });

  it('finds a property among 5,000 by part of its hostname, best first, and goes there on Enter', async () => {
    const { user, http, router } = await renderShell();
    const box = await openWithKeys(user, http);

    await user.type(box, 'cdn.demo');
    expect(optionNames()[0]).toBe('Demo Media CDN');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(router.url).toBe('/properties/2'));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Quick jump' })).not.toBeInTheDocument(),
    );
  });

  it('moves the active option with the arrow keys through aria-activedescendant', async () => {
    const { user, http } = await renderShell();
    const box = await openWithKeys(user, http);
    await user.type(box, 'demo media');
    const [first, second] = within(screen.getByRole('listbox')).getAllByRole('option');

    expect(box).toHaveAttribute('aria-activedescendant', first.id);
    expect(first).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');

    expect(box).toHaveAttribute('aria-activedescendant', second.id);
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveAttribute('aria-selected', 'false');
  });

  it('offers the panel’s actions: "Create API key" goes to the keys page ready to create', async () => {
    const { user, http, router } = await renderShell();
    const box = await openWithKeys(user, http);

    await user.type(box, 'create api');
    expect(optionNames()[0]).toBe('Create API key');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(router.url).toBe('/api-keys?create=1'));
  });

  it('offers "Turn on two-factor", found by 2fa', async () => {
    const { user, http } = await renderShell();
    const box = await openWithKeys(user, http);

    await user.type(box, '2fa');

    expect(optionNames()).toContain('Turn on two-factor');
  });

  it('offers recently visited properties first, before anything is typed', async () => {
    const { user, http, router } = await renderShell();
    await router.navigateByUrl('/properties/2');
    await router.navigateByUrl('/properties/1');
    expect(TestBed.inject(RecentProperties).ids()).toEqual([1, 2]);

    await openWithKeys(user, http);

    expect(optionNames().slice(0, 2)).toEqual(['Demo Media blog', 'Demo Media CDN']);
  });

  it('says when nothing matches', async () => {
    const { user, http } = await renderShell();
    const box = await openWithKeys(user, http);

    await user.type(box, 'zzzzqqq');

    expect(screen.getByText('Nothing matches “zzzzqqq”.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('still offers pages and actions when the properties cannot be loaded', async () => {
    const { user, http } = await renderShell();
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('combobox');
    http.expectOne(`${API}/property`).flush(null, { status: 500, statusText: 'Server Error' });

    await user.type(box, 'account');

    expect(await screen.findByText(/Your properties could not be loaded/)).toBeInTheDocument();
    expect(optionNames()).toContain('Account');
    expect(screen.getByRole('button', { name: 'Load properties again' })).toBeInTheDocument();
  });

  it('loads the properties again when asked, after a failure', async () => {
    const { user, http } = await renderShell();
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('combobox');
    http.expectOne(`${API}/property`).flush(null, { status: 500, statusText: 'Server Error' });

    await user.click(await screen.findByRole('button', { name: 'Load properties again' }));
    expect(screen.getByText('Loading your properties…')).toBeInTheDocument();
    http.expectOne(`${API}/property`).flush(ok(PROPERTIES));
    await user.type(box, 'cdn.demo');

    expect(optionNames()[0]).toBe('Demo Media CDN');
    expect(screen.queryByRole('button', { name: 'Load properties again' })).not.toBeInTheDocument();
  });
});
