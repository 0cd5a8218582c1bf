import type { Page, Request } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { accountMenuButton, DEMO, SECURE, signIn, signOut } from './fixtures/sign-in';
import { totpNow } from './fixtures/totp';

/** Every request the page made, so each test can check that no secret travelled in a URL. */
const requestsByPage = new WeakMap<Page, Request[]>();

test.beforeEach(({ page }) => {
  const requests: Request[] = [];
  requestsByPage.set(page, requests);
  page.on('request', (request) => requests.push(request));
});

test.afterEach(({ page }) => {
  const urls = (requestsByPage.get(page) ?? []).map((request) => request.url());
  expect(urls.filter((url) => /eyJ|pdm_/.test(url))).toEqual([]);
});

const storedSessionTraces = (page: Page) =>
  page.evaluate(() =>
    [sessionStorage, localStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`),
    ),
  );

const mainNavigation = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('the demo account signs in and reaches its account page', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await mainNavigation(page).getByRole('link', { name: 'Account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText('Demo Media')).toBeVisible();
  await expect(page.getByRole('banner').getByText(DEMO.email)).toBeVisible();
});

test('every API request after sign-in carries the Bearer token and never an API key', async ({
  page,
  mockServer,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  const signedInAt = requestsByPage.get(page)!.length;
  await mainNavigation(page).getByRole('link', { name: 'API keys' }).click();
  await mainNavigation(page).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await page.reload();
  await expect(accountMenuButton(page)).toBeVisible();

  const apiRequests = requestsByPage
    .get(page)!
    .slice(signedInAt)
    .filter((request) => request.url().startsWith(`${mockServer.url}/api/`));
  expect(apiRequests.length).toBeGreaterThan(0);
  for (const request of apiRequests) {
    const headers = await request.allHeaders();
    expect(headers['authorization'], request.url()).toMatch(/^Bearer eyJ/);
    expect(headers['x-api-key'], request.url()).toBeUndefined();
  }
});

test.describe('two-factor', () => {
  test('signs in with a code from the authenticator app', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(SECURE.email);
    await page.getByLabel('Password', { exact: true }).fill(SECURE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await expectNoAxeViolations(page);

    await page.getByLabel('Authentication code').fill(totpNow(SECURE.totpSecret));
    await page.getByRole('button', { name: 'Verify' }).click();

    await expect(accountMenuButton(page)).toBeVisible();
    await expect(page.getByRole('banner').getByText(SECURE.email)).toBeVisible();
  });

  test('a wrong code is refused and the user can try again', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(SECURE.email);
    await page.getByLabel('Password', { exact: true }).fill(SECURE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const code = totpNow(SECURE.totpSecret);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    await page.getByLabel('Authentication code').fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'That code is not valid' }),
    ).toBeVisible();
    await page.getByLabel('Authentication code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();

    await expect(accountMenuButton(page)).toBeVisible();
  });

  test('signs in with a recovery code, which then works no more', async ({ page }) => {
    const [recoveryCode] = SECURE.recoveryCodes;
    await signIn(page, SECURE.email, SECURE.password, recoveryCode.toLowerCase());
    await signOut(page);

    await page.getByLabel('Email').fill(SECURE.email);
    await page.getByLabel('Password', { exact: true }).fill(SECURE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('switch', { name: 'Use a recovery code' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode);
    await page.getByRole('button', { name: 'Verify' }).click();

    await expect(page.getByRole('alert').filter({ hasText: 'already been used' })).toBeVisible();
    await expect(accountMenuButton(page)).toBeHidden();
  });
});

test('sign-in and the code step work from the keyboard alone', async ({ page }) => {
  const email = page.getByLabel('Email');
  const password = page.getByLabel('Password', { exact: true });
  const showPassword = page.getByRole('button', { name: 'Show password' });
  const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(email).toBeFocused();
  await page.keyboard.type(SECURE.email);
  await page.keyboard.press('Tab');
  await expect(password).toBeFocused();
  await page.keyboard.type(SECURE.password);
  await page.keyboard.press('Tab');
  await expect(showPassword).toBeFocused();
  await page.keyboard.press('Space');
  await expect(password).toHaveAttribute('type', 'text');
  await expect(showPassword).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(password).toHaveAttribute('type', 'password');
  await page.keyboard.press('Tab');
  await expect(signInButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in with single sign-on' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');

  const code = page.getByRole('textbox', { name: 'Authentication code' });
  const useRecoveryCode = page.getByRole('switch', { name: 'Use a recovery code' });
  await expect(code).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(useRecoveryCode).toBeFocused();
  await page.keyboard.press('Space');
  await expect(useRecoveryCode).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('textbox', { name: 'Recovery code' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(useRecoveryCode).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(useRecoveryCode).toHaveAttribute('aria-checked', 'false');
  await expect(code).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Verify' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(code).toBeFocused();
  await page.keyboard.type(totpNow(SECURE.totpSecret));
  await page.keyboard.press('Enter');

  await expect(accountMenuButton(page)).toBeVisible();
});

test('a wrong password is refused in words, keeping the e-mail', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByLabel('Password', { exact: true }).press('Enter');

  await expect(page.getByRole('alert')).toHaveText(
    'Error: Wrong email or password. Check both and try again.',
  );
  await expect(page.getByLabel('Email')).toHaveValue(DEMO.email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expectNoAxeViolations(page);
});

test('five failures lock the account, even for the right password', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.email);
  const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Password', { exact: true }).fill(`wrong-${attempt}`);
    await signInButton.click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    if (attempt === 3) {
      await expect(page.getByRole('alert')).toContainText(
        '2 tries left before a 5-minute lockout.',
      );
    }
    if (attempt === 4) {
      await expect(page.getByRole('alert')).toContainText('1 try left before a 5-minute lockout.');
    }
  }
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts');
  await expect(page.getByRole('alert')).toContainText('Try again in 5 minutes.');
  // A live countdown beside a disabled button, instead of a button that only fails again.
  await expect(page.getByText(/You can try again in/)).toContainText(/[45]:\d\d/);
  await expect(signInButton).toBeDisabled();

  // The panel forgets the countdown on a reload; the API does not forget the lockout.
  await page.reload();
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await signInButton.click();

  await expect(page.getByRole('alert')).toContainText('Too many failed attempts');
  await expect(accountMenuButton(page)).toBeHidden();
  await expectNoAxeViolations(page);
});

test('a deep link while signed out comes back after sign-in', async ({ page }) => {
  await page.goto('/api-keys');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapi-keys$/);

  await signIn(page, DEMO.email, DEMO.password);

  await expect(page).toHaveURL(/\/api-keys$/);
});

for (const returnUrl of ['//evil.example/phish', '/.//evil.example/phish']) {
  test(`a return URL that leads out of the app is ignored: ${returnUrl}`, async ({ page }) => {
    await page.goto(`/login?returnUrl=${encodeURIComponent(returnUrl)}`);

    await signIn(page, DEMO.email, DEMO.password);

    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/');
  });
}

test('a reload keeps the session', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await mainNavigation(page).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();

  await page.reload();

  await expect(page).toHaveURL(/\/account$/);
  await expect(accountMenuButton(page)).toBeVisible();
});

test('with memory-only sessions a reload signs out', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { apiBaseUrl: '/api', session: { persistence: 'memory' }, oidc: null } }),
  );
  await signIn(page, DEMO.email, DEMO.password);
  await mainNavigation(page).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  expect(await storedSessionTraces(page)).toEqual([]);

  await page.reload();

  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapi-keys$/);
});

test('sign-out leaves no trace of the session and the app stays closed', async ({ page }) => {
  await signIn(page, SECURE.email, SECURE.password, totpNow(SECURE.totpSecret));
  await mainNavigation(page).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();

  await signOut(page);

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  expect(await storedSessionTraces(page)).toEqual([]);
  expect(await page.context().cookies()).toEqual([]);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fapi-keys$/);
});

test('near expiry the app offers to sign in again, and at expiry it signs out', async ({
  page,
}) => {
  await page.clock.install();
  await signIn(page, DEMO.email, DEMO.password);
  await mainNavigation(page).getByRole('link', { name: 'API keys' }).click();
  // The clock jumps only once the page is there: at expiry the return URL is where the user is.
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();

  await page.clock.fastForward('23:56:00');
  await expect(page.getByRole('status').filter({ hasText: 'Your session ends at' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await page.clock.fastForward('05:00');

  await expect(page).toHaveURL(/\/login\?reason=expired&returnUrl=%2Fapi-keys$/);
  await expect(page.getByText('Your session has ended.', { exact: false })).toBeVisible();
  expect(await storedSessionTraces(page)).toEqual([]);
});

test('the login page has no accessibility violations', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();

  await expectNoAxeViolations(page);
});
