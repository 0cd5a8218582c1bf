import type { Page } from '@playwright/test';
import { expectFitsInBothThemes, expectNoSidewaysScroll } from './fixtures/axe';
import { openFromTopBar } from './fixtures/navigation';
import { expect, test } from './fixtures/panel';
import { accountMenuButton, DEMO, signIn } from './fixtures/sign-in';

// The new key's dialog holds the raw key: no traces of these pages.
test.use({ trace: 'off' });

const sizes = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

for (const size of sizes) {
  test(`at ${size.width}x${size.height} every page and dialog fits and passes axe, light and dark`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });

    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectFitsInBothThemes(page);

    await signIn(page, DEMO.email, DEMO.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Two-factor authentication is off' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No purges yet' })).toBeVisible();
    await expectFitsInBothThemes(page);
    // The account menu open: the whole e-mail, in the bar's colours, within the screen.
    await accountMenuButton(page).click();
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
    await expectFitsInBothThemes(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();

    await openFromTopBar(page, 'Properties');
    await expect(page.getByRole('link', { name: 'Demo Media CDN' })).toBeVisible();
    await expectFitsInBothThemes(page);

    await page.getByRole('link', { name: 'Demo Media CDN' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demo Media CDN' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Purge history' })).toBeVisible();
    await expectFitsInBothThemes(page);
    // Every action is reachable: the purge buttons are on the page, not off its side.
    for (const name of ['Purge everything…', 'Purge URLs']) {
      const button = page.getByRole('button', { name });
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeInViewport({ ratio: 1 });
    }

    await page.getByRole('button', { name: 'Purge everything…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Purge everything on/ });
    await expect(confirm).toBeVisible();
    await expectFitsInBothThemes(page);
    await confirm.getByRole('button', { name: 'Purge everything' }).click();
    const toast = page.getByText(/Purged everything on /);
    await expect(toast).toBeInViewport();

    await openFromTopBar(page, 'API keys', 'API keys');
    await expect(page.getByRole('table', { name: 'Active keys, newest first' })).toBeVisible();
    await expectFitsInBothThemes(page);
    const roll = page.getByRole('button', { name: /^Roll key “CMS purge plugin”/ });
    const revoke = page.getByRole('button', { name: /^Revoke key “CMS purge plugin”/ });
    for (const button of [roll, revoke]) {
      await button.scrollIntoViewIfNeeded();
      await expect(button).toBeInViewport({ ratio: 1 });
    }

    await page.getByRole('textbox', { name: 'Name' }).fill('Look check');
    await page.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('dialog', { name: 'Save your new key “Look check”' });
    await expect(created).toBeVisible();
    await expectFitsInBothThemes(page);
    await created.getByRole('checkbox', { name: 'I have stored this key' }).check();
    await created.getByRole('button', { name: 'Close' }).click();
    await expect(created).toBeHidden();

    await revoke.click();
    const revokeDialog = page.getByRole('dialog', { name: 'Revoke “CMS purge plugin”?' });
    await expect(revokeDialog).toBeVisible();
    await expectFitsInBothThemes(page);
    await revokeDialog.getByRole('button', { name: 'Cancel' }).click();

    await openFromTopBar(page, 'Account', 'Account');
    await expectFitsInBothThemes(page);
  });
}

/** Answers `method` requests to `pattern` as a failing API would; the others go through. */
async function failRequests(
  page: Page,
  pattern: string,
  method: string,
  status: number,
  message: string,
): Promise<void> {
  await page.route(pattern, (route) =>
    route.request().method() === method
      ? route.fulfill({
          status,
          contentType: 'application/json',
          body: JSON.stringify({ succeeded: false, message, data: null }),
        })
      : route.fallback(),
  );
}

for (const size of sizes) {
  test(`at ${size.width}x${size.height} the error states fit and pass axe, light and dark`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'API keys', 'API keys');

    // A key revoked in another tab (here a 404 from page.route): Reload the list, not Try again.
    await failRequests(page, '**/api/apikey/*/revoke', 'POST', 404, 'API key not found.');
    await page.getByRole('button', { name: /^Revoke key “CMS purge plugin”/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    const gone = page.getByRole('alert').filter({ hasText: 'no longer exists' });
    await expect(gone.getByRole('button', { name: 'Reload the list' })).toBeVisible();
    await expect(gone.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByRole('dialog')).toBeHidden();
    await expectFitsInBothThemes(page);
    await page.unrouteAll();
    const reloaded = page.waitForRequest(
      (request) => request.method() === 'GET' && /\/api\/apikey$/.test(request.url()),
    );
    await gone.getByRole('button', { name: 'Reload the list' }).click();
    await reloaded;
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Active keys' })).toBeFocused();

    await failRequests(page, '**/api/account', 'GET', 500, 'Server error');
    await page.getByRole('button', { name: 'Revoke every key…' }).click();
    const revokeAll = page.getByRole('dialog', { name: 'Revoke every key?' });
    await expect(revokeAll.getByRole('alert')).toContainText('Your account could not be loaded.');
    await expectFitsInBothThemes(page);
    await page.unrouteAll();
    await revokeAll.getByRole('button', { name: 'Try again' }).click();
    await expect(revokeAll.getByRole('textbox', { name: /^Type your account name/ })).toBeVisible();
    await revokeAll.getByRole('button', { name: 'Cancel' }).click();
    await expect(revokeAll).toBeHidden();

    await openFromTopBar(page, 'Account', 'Account');
    await failRequests(page, '**/api/account/2fa/setup', 'POST', 503, 'Unavailable');
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    const wizard = page.getByRole('dialog');
    await expect(wizard.getByRole('alert')).toContainText('Two-factor setup could not start.');
    await expectFitsInBothThemes(page);
  });
}

test('Back from a property restores the search, the page and the scroll position', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, DEMO.email, DEMO.password);
  await openFromTopBar(page, 'Properties');
  await page.getByRole('searchbox', { name: 'Search properties' }).fill('demo');
  await expect(page).toHaveURL(/\/properties\?q=demo$/);
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('hostname');
  await expect(page).toHaveURL(/\/properties\?q=demo&sort=hostname$/);

  await page.getByRole('link', { name: 'Demo Media website' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Media website' })).toBeVisible();
  await page.goBack();

  await expect(page).toHaveURL(/\/properties\?q=demo&sort=hostname$/);
  await expect(page.getByRole('searchbox', { name: 'Search properties' })).toHaveValue('demo');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('hostname');
});

test.describe('a long list', () => {
  test.use({ mockServerArgs: ['--seed-properties', '300'] });

  test('Back from a property on page 2 returns to page 2 at the row the user left', async ({
    page,
  }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');
    const pages = page.getByRole('group', { name: 'Pages of properties' });
    await pages.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/\/properties\?page=2$/);
    // The URL changes before the rows do, and the rows arrive a screenful per task: wait for
    // page 2's fifty, or the row picked below may be one of page 1's, about to go.
    await expect(pages).toContainText('51 – 100 of 303');
    const links = page.getByRole('table').getByRole('link');
    await expect(links).toHaveCount(50);
    const target = links.nth(40);
    await target.scrollIntoViewIfNeeded();
    const name = (await target.textContent())!.trim();
    const scrolledTo = await page.evaluate(() => window.scrollY);
    expect(scrolledTo).toBeGreaterThan(0);

    await target.click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.goBack();

    await expect(page).toHaveURL(/\/properties\?page=2$/);
    await expect(page.getByRole('link', { name, exact: true })).toBeInViewport();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolledTo);
  });

  test('at 375px the page is selected by a tap, and the bulk bar keeps to one line: ticking and "Select all N matching" move no row', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');
    const bar = page.getByRole('group', { name: 'Selected properties' });
    await expect(bar).toContainText('Tick properties to purge several at once.');
    const table = page.getByRole('table');
    const box = async () => {
      const [barBox, tableBox] = [await bar.boundingBox(), await table.boundingBox()];
      return {
        barHeight: barBox!.height,
        tableTop: tableBox!.y + (await page.evaluate(() => window.scrollY)),
      };
    };
    const before = await box();

    // Each row is a card on a phone; of the header row only its box is shown, with its words, so
    // a finger can select the page (a click hit-tests the spot, as a tap does).
    const pageBox = page.getByRole('checkbox', { name: 'Select the properties on this page' });
    expect((await pageBox.boundingBox())!.width).toBeGreaterThanOrEqual(16);
    await pageBox.click();
    const selectAll = bar.getByRole('button', { name: 'Select all 303 matching' });
    await expect(selectAll).toBeVisible();
    await expect(
      bar.getByRole('button', { name: 'Purge everything on 50 properties…' }),
    ).toBeVisible();

    expect(await box()).toEqual(before);
    // One line per button: none of them wraps its label.
    for (const button of await bar.getByRole('button').all()) {
      expect((await button.boundingBox())!.height).toBeLessThanOrEqual(48);
    }
    await expectNoSidewaysScroll(page);

    await selectAll.click();
    await expect(
      bar.getByRole('button', { name: 'Purge everything on 303 properties…' }),
    ).toBeVisible();
    expect(await box()).toEqual(before);
    await expectNoSidewaysScroll(page);
  });
});

test.describe('a list on a phone', () => {
  test.use({ mockServerArgs: ['--seed-properties', '20'] });

  test('at 375x812 the first screen shows seven properties or more below the top bar, the search and the bulk bar, with no gap before them', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');
    const rows = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('link') });
    await expect(rows).toHaveCount(23);

    const topBar = (await page.getByRole('banner').boundingBox())!;
    const bar = (await page.getByRole('group', { name: 'Selected properties' }).boundingBox())!;
    const boxes = await Promise.all((await rows.all()).map((row) => row.boundingBox()));
    const onFirstScreen = boxes.filter(
      (box) => box !== null && box.y >= topBar.y + topBar.height && box.y + box.height <= 812,
    );
    expect(onFirstScreen.length, 'properties fully on the first screen').toBeGreaterThanOrEqual(7);
    // Between the bulk bar and the first property, only the row that selects the page.
    expect(boxes[0]!.y - (bar.y + bar.height)).toBeLessThanOrEqual(56);
    await expectNoSidewaysScroll(page);
  });

  test('at 375x812 an API key is a compact card, its values labelled', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'API keys');
    const card = page
      .getByRole('table', { name: 'Active keys, newest first' })
      .getByRole('row', { name: /CMS purge plugin/ });

    // The labels are the column names, drawn before each value (the header row is hidden).
    await expect(card.getByRole('cell', { name: /^Key: pdm_/ })).toBeVisible();
    await expect(card.getByRole('cell', { name: /^Created: \d+ years? ago$/ })).toBeVisible();
    await expect(card.getByRole('cell', { name: 'Last used: Not yet' })).toBeVisible();
    // Name, values, status and actions: a few short lines, not a line per column and label.
    expect((await card.boundingBox())!.height).toBeLessThanOrEqual(200);
    await expectNoSidewaysScroll(page);
  });
});

test.describe('a phone with a notch', () => {
  test.use({ hasTouch: true });

  /** Chromium draws env(safe-area-inset-*) as an iPhone with these insets would. */
  async function notch(page: Page, insets: Record<'top' | 'right' | 'bottom' | 'left', number>) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets });
  }

  async function box(page: Page, locator: ReturnType<Page['getByRole']>) {
    const found = await locator.boundingBox();
    expect(found).not.toBeNull();
    return found!;
  }

  test('the page is drawn to the screen’s edges (viewport-fit=cover)', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('meta[name=viewport]')).toHaveAttribute(
      'content',
      /(^|,\s*)viewport-fit=cover(,|$)/,
    );
  });

  test('held sideways, nothing sits under the notch or the home indicator', async ({ page }) => {
    await page.setViewportSize({ width: 812, height: 375 });
    await notch(page, { top: 0, right: 44, bottom: 21, left: 44 });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');
    await page.getByRole('link', { name: 'Demo Media CDN' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Demo Media CDN' });
    await expect(heading).toBeVisible();

    expect(
      (await box(page, page.getByRole('link', { name: 'Paradarum' }))).x,
    ).toBeGreaterThanOrEqual(44);
    const accountMenu = await box(page, accountMenuButton(page));
    expect(accountMenu.x + accountMenu.width).toBeLessThanOrEqual(812 - 44);
    expect((await box(page, heading)).x).toBeGreaterThanOrEqual(44);

    await page.getByRole('button', { name: 'Purge everything…' }).click();
    await page
      .getByRole('dialog', { name: /^Purge everything on/ })
      .getByRole('button', { name: 'Purge everything' })
      .click();
    const toastText = page.getByText(/Purged everything on /);
    await expect(toastText).toBeVisible();
    const toast = await box(page, toastText);
    expect(toast.y + toast.height).toBeLessThanOrEqual(375 - 21);
    expect(toast.x).toBeGreaterThanOrEqual(44);
  });

  test('added to the home screen, the top bar clears the status bar', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await notch(page, { top: 47, right: 0, bottom: 34, left: 0 });
    await signIn(page, DEMO.email, DEMO.password);

    expect(
      (await box(page, page.getByRole('link', { name: 'Paradarum' }))).y,
    ).toBeGreaterThanOrEqual(47);
    await expectNoSidewaysScroll(page);
  });
});
