import { expect, test } from './fixtures/panel';
import { DEMO, SECURE } from './fixtures/sign-in';
import { totpNow } from './fixtures/totp';

test('single sign-on through the identity provider opens the app', async ({ page }) => {
  await page.goto('/login');

  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await page.getByRole('button', { name: `Continue as ${DEMO.email}` }).click();

  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(DEMO.email)).toBeVisible();
  // The provider's code and state are gone from the address bar, and the library kept nothing.
  expect(new URL(page.url()).search).not.toMatch(/code=|state=/);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['paradarum.session']);
});

test('a deep link survives the round trip through the identity provider', async ({ page }) => {
  await page.goto('/api-keys');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapi-keys/);

  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await page.getByRole('button', { name: `Continue as ${DEMO.email}` }).click();

  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
});

test('single sign-on still asks a two-factor account for its code', async ({ page }) => {
  await page.goto('/login');

  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await page.getByRole('button', { name: `Continue as ${SECURE.email}` }).click();
  await page.getByLabel('Authentication code').fill(totpNow(SECURE.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('without a configured provider the login page offers passwords only', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { apiBaseUrl: '/api', oidc: null } }),
  );

  await page.goto('/login');

  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /single sign-on/ })).toHaveCount(0);
});
