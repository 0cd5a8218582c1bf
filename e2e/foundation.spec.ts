import { expect, test } from './fixtures/panel';

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
});
