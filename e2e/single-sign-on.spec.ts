import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/panel';
import { accountMenuButton, DEMO, SECURE, signOut } from './fixtures/sign-in';
import { totpNow } from './fixtures/totp';

/** Leaves the panel for the identity provider and types the credentials on its own page. */
async function signInAtProvider(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await expect(page).toHaveTitle(/Sign in to Paradarum · Paradarum mock identity provider/);
  expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('single sign-on through the identity provider opens the app', async ({ page }) => {
  await page.goto('/login');

  await signInAtProvider(page, DEMO.email, DEMO.password);

  await expect(accountMenuButton(page)).toBeVisible();
  await expect(page.getByText(DEMO.email)).toBeVisible();
  // The provider's code, state and iss are gone from the address bar, and the library kept nothing.
  expect(new URL(page.url()).search).not.toMatch(/code=|state=|iss=/);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['paradarum.session']);
});

test('a deep link survives the round trip through the identity provider', async ({ page }) => {
  await page.goto('/api-keys');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapi-keys/);

  await signInAtProvider(page, DEMO.email, DEMO.password);

  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
});

test('single sign-on still asks a two-factor account for its code', async ({ page }) => {
  await page.goto('/login');

  await signInAtProvider(page, SECURE.email, SECURE.password);
  await page.getByLabel('Authentication code').fill(totpNow(SECURE.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(accountMenuButton(page)).toBeVisible();
  await expect(page.getByText(SECURE.email)).toBeVisible();
});

test('after signing out, single sign-on asks again and another user can sign in', async ({
  page,
}) => {
  await page.goto('/login');
  await signInAtProvider(page, DEMO.email, DEMO.password);
  await signOut(page);
  await expect(page).toHaveURL(/\/login/);

  await signInAtProvider(page, SECURE.email, SECURE.password);
  await page.getByLabel('Authentication code').fill(totpNow(SECURE.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByText(SECURE.email)).toBeVisible();
});

test('a response naming another issuer (a mix-up) is refused before the code is used', async ({
  page,
}) => {
  const externalLogins: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/Auth/ExternalLogin')) externalLogins.push(request.url());
  });
  // Redirect hops are not routed: follow the sign-in's redirects here and rewrite the last one,
  // the way the response of another provider would look.
  await page.route(/\/oidc\/interaction\/[^/?]+$/, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const submitted = await route.fetch({ maxRedirects: 0 });
    const resume = new URL(submitted.headers()['location'] ?? '', route.request().url());
    const resumed = await page.request.get(resume.href, { maxRedirects: 0 });
    const back = new URL(resumed.headers()['location'] ?? '', resume);
    expect(back.searchParams.get('code')).toBeTruthy();
    back.searchParams.set('iss', 'https://evil.test/oidc');
    return route.fulfill({ status: 303, headers: { location: back.href } });
  });
  await page.goto('/login');

  await signInAtProvider(page, DEMO.email, DEMO.password);

  await expect(page.getByText('Single sign-on did not work.')).toBeVisible();
  await expect(accountMenuButton(page)).toHaveCount(0);
  expect(externalLogins).toEqual([]);
  expect(new URL(page.url()).search).toBe('');
});

test('a wrong password on the provider page says so and stays there', async ({ page }) => {
  await page.goto('/login');

  await signInAtProvider(page, DEMO.email, 'not-the-password');

  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password.');
  expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
  await expect(page.getByLabel('E-mail')).toHaveValue(DEMO.email);

  // A second try with the right password still completes the same sign-in.
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(accountMenuButton(page)).toBeVisible();
});

test('the provider sends codes only to the panel it was configured for', async ({
  mockServer,
  request,
}) => {
  const authorize = (redirectUri: string) =>
    request.get('/oidc/auth', {
      maxRedirects: 0,
      params: {
        response_type: 'code',
        client_id: 'paradarum-panel',
        redirect_uri: redirectUri,
        scope: 'openid email',
        state: 's',
        nonce: 'n',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      },
    });

  const refused = await authorize('https://evil.test/login');
  expect(refused.status()).toBe(400);
  expect(refused.headers()['location']).toBeUndefined();

  // The control: the panel's own /login is accepted and goes on to the sign-in page.
  const accepted = await authorize(`${mockServer.url}/login`);
  expect(accepted.status()).toBe(303);
  expect(accepted.headers()['location']).toMatch(/^\/oidc\/interaction\//);
});

test('without a configured provider the login page offers passwords only', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { apiBaseUrl: '/api', oidc: null } }),
  );

  await page.goto('/login');

  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /single sign-on/ })).toHaveCount(0);
});
