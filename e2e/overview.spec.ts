import type { APIRequestContext, Page } from '@playwright/test';
import { apiToken } from './fixtures/api';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { accountMenuButton, DEMO, SECURE, signIn } from './fixtures/sign-in';
import { totpNow } from './fixtures/totp';

/** Seeded properties of the demo account (mock-server/README.md). */
const BLOG = { id: 3, name: 'Demo Media blog' } as const;
const CDN = { id: 2, name: 'Demo Media CDN' } as const;

const attention = (page: Page) => page.getByRole('region', { name: /Needs your attention/ });

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  const response = await request.post(path, {
    headers: { Authorization: `Bearer ${token}` },
    data,
  });
  expect(response.status(), path).toBe(200);
  return response;
}

test('the owner lands on the overview, sees what needs attention and follows it to the fix', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);

  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page).toHaveTitle('Overview · Paradarum');
  // The demo account: two-factor off, and its seeded key never used since January 2025.
  await expect(attention(page).getByRole('listitem')).toHaveCount(2);
  await expect(
    attention(page).getByRole('heading', { name: 'Two-factor authentication is off' }),
  ).toBeVisible();
  await expect(
    attention(page).getByRole('heading', { name: '1 API key looks idle' }),
  ).toBeVisible();
  await expect(attention(page)).toContainText('“CMS purge plugin” has never been used.');
  await expect(page.getByRole('link', { name: /^Properties 3 No purges yet/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await attention(page).getByRole('link', { name: 'Review the idle key' }).click();

  await expect(page).toHaveURL(/\/api-keys\?order=stale-first$/);
  await expect(page.getByRole('combobox', { name: 'Order' })).toHaveValue('stale-first');
  const keys = page.getByRole('table', { name: 'Active keys, those unused the longest first' });
  await expect(keys.getByRole('rowheader').first()).toHaveText('CMS purge plugin');

  await page.goBack();
  await attention(page).getByRole('link', { name: 'Turn on two-factor' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn on two-factor' })).toBeVisible();
});

test('the properties purged last come first, each linking to its page', async ({
  page,
  request,
}) => {
  const token = await apiToken(request, DEMO);
  await post(request, token, `/api/property/${CDN.id}/purge`, { type: 'all' });
  await post(request, token, `/api/property/${BLOG.id}/purge`, { type: 'all' });

  await signIn(page, DEMO.email, DEMO.password);

  const purged = page.getByRole('region', { name: 'Recently purged' });
  await expect(purged.getByRole('link')).toHaveText([BLOG.name, CDN.name]);
  await expect(purged.getByRole('listitem').first()).toContainText('Purged just now');
  await expect(page.getByRole('link', { name: /^Properties 3 Last purge just now/ })).toBeVisible();

  await purged.getByRole('link', { name: BLOG.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: BLOG.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/properties/${BLOG.id}$`));
});

test('the quick actions create a key and find a property', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const actions = page.getByRole('group', { name: 'Quick actions' });

  await actions.getByRole('button', { name: 'Find a property' }).click();
  const box = page.getByRole('combobox', { name: 'Jump to a property, page or action' });
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();

  await actions.getByRole('link', { name: 'Create an API key' }).click();
  await expect(page).toHaveURL(/\/api-keys\?create=1$/);
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
});

test('low recovery codes ask for new ones; once renewed and the idle key revoked, nothing needs attention', async ({
  page,
  request,
}) => {
  // Seven sign-ins with recovery codes, through the API: three of the ten are left.
  let token = '';
  for (const code of SECURE.recoveryCodes.slice(0, 7)) {
    token = await apiToken(request, SECURE, code);
  }

  await signIn(page, SECURE.email, SECURE.password, totpNow(SECURE.totpSecret));

  await expect(
    attention(page).getByRole('heading', { name: 'Only 3 recovery codes left' }),
  ).toBeVisible();
  await expect(
    attention(page).getByRole('link', { name: 'Regenerate recovery codes' }),
  ).toHaveAttribute('href', '/account');
  await expect(attention(page)).toContainText('“Deploy pipeline” has never been used.');
  await expect(
    page.getByRole('link', { name: 'Two-factor On 3 recovery codes left' }),
  ).toBeVisible();

  await post(request, token, '/api/account/2fa/recovery-codes', {
    code: SECURE.recoveryCodes[7],
  });
  await post(request, token, '/api/apikey/2/revoke', {});
  await page.reload();

  const allClear = page.getByRole('region', { name: 'Nothing needs your attention' });
  await expect(allClear).toContainText('you have 10 recovery codes');
  await expect(attention(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Active API keys 0/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('on a 375px touch screen', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });

  test('the top bar keeps to two rows: search without a shortcut, the e-mail in the account menu', async ({
    page,
  }) => {
    await signIn(page, DEMO.email, DEMO.password);

    const bar = page.getByRole('banner');
    expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(112);
    await expectNoSidewaysScroll(page);
    const search = bar.getByRole('button', { name: 'Jump to…' });
    await expect(search).toBeInViewport({ ratio: 1 });
    await expect(bar.getByText('Ctrl K')).toBeHidden();
    for (const name of ['Overview', 'Properties', 'API keys', 'Account']) {
      await expect(bar.getByRole('link', { name })).toBeInViewport({ ratio: 1 });
    }
    // The account's button is its icon and chevron alone: nothing of the e-mail is drawn, or cut.
    const account = accountMenuButton(page);
    expect((await account.boundingBox())!.width).toBeLessThanOrEqual(72);

    await account.tap();
    const menu = page.getByRole('menu', { name: `Signed in as ${DEMO.email}` });
    await expect(menu).toBeVisible();
    await expect(page.getByText(DEMO.email, { exact: true })).toBeInViewport({ ratio: 1 });
    await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  });
});
