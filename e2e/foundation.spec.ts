import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/panel';
import { DEMO, signIn } from './fixtures/sign-in';

/**
 * Loads `path` twice: once to learn which scripts its first screen takes, then again with
 * /config.json held back, and returns those of the scripts the second load did not fetch while
 * it waited. main.ts starts what the URL shows before the configuration arrives, so: none.
 */
async function scriptsWaitingForConfig(page: Page, path: string, shown: () => Promise<void>) {
  // Routing turns the HTTP cache off, so both loads fetch every script they need.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holdConfig = false;
  await page.route('**/config.json', async (route) => {
    if (holdConfig) await held;
    await route.continue();
  });
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(path);
  await shown();
  const needed = [...new Set(scripts)];

  scripts.length = 0;
  holdConfig = true;
  await page.goto(path, { waitUntil: 'commit' });
  // Scripts arrive one module at a time: wait until every needed one was asked for, or time out.
  const waiting = () => needed.filter((script) => !scripts.includes(script));
  await expect
    .poll(waiting)
    .toEqual([])
    .catch(() => undefined);
  const result = waiting();
  release();
  await shown();
  return { needed, waiting: result };
}

test.describe('the served panel', () => {
  test('a signed-out visit to the app lands on the sign-in page', async ({ page }) => {
    await page.goto('/');

    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in');
  });

  test('is sent with the security headers a production host sends', async ({ request }) => {
    const response = await request.get('/login');

    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  test('reads its runtime configuration from /config.json', async ({ page }) => {
    const configRequest = page.waitForRequest((request) => request.url().endsWith('/config.json'));

    await page.goto('/login');

    expect((await configRequest).method()).toBe('GET');
  });

  test('talks to the API that serves it', async ({ page }) => {
    await page.goto('/login');
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/account');
      return { status: response.status, body: await response.json() };
    });

    expect(answer).toEqual({
      status: 401,
      body: { succeeded: false, message: 'Unauthorized.', data: null },
    });
  });

  test('a signed-out visit fetches the sign-in page while /config.json loads', async ({ page }) => {
    const { needed, waiting } = await scriptsWaitingForConfig(page, '/account', () =>
      expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in'),
    );

    expect(needed.length).toBeGreaterThan(1);
    expect(waiting).toEqual([]);
  });

  test('a signed-in reload fetches the frame and its page while /config.json loads', async ({
    page,
  }) => {
    await signIn(page, DEMO.email, DEMO.password);

    const { needed, waiting } = await scriptsWaitingForConfig(page, '/api-keys', () =>
      expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible(),
    );

    expect(needed.length).toBeGreaterThan(1);
    expect(waiting).toEqual([]);
  });
});
