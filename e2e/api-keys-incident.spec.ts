import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { DEMO, signIn } from './fixtures/sign-in';

// New keys are shown on these pages: a failure's trace would hold them. No traces here.
test.use({ trace: 'off' });

async function openApiKeys(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API keys' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
}

/** Creates a key through the page and closes its show-once dialog without reading the key. */
async function createKey(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: `Save your new key “${name}”` });
  await dialog.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

function activeTable(page: Page) {
  return page.getByRole('table', { name: /^Active keys/ });
}

test('the owner finds keys by name, ticks two and revokes them together', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  await createKey(page, 'Deploy script');
  await createKey(page, 'Staging deploy');

  await page.getByRole('searchbox', { name: 'Filter by name or prefix' }).fill('deploy');
  await expect(activeTable(page).getByRole('rowheader')).toHaveText([
    'Staging deploy',
    'Deploy script',
  ]);
  // Ticked by keyboard, as a keyboard user would.
  await page.getByRole('checkbox', { name: /Select key “Deploy script”/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: /Select key “Staging deploy”/ }).check();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Revoke 2 selected…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke 2 keys?' });
  await expect(confirm).toContainText('“Staging deploy”');
  await confirm.getByRole('button', { name: 'Revoke 2 keys' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Finished: 2 of 2 revoked.' }),
  ).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Revoking 2 keys' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await page.getByRole('searchbox', { name: 'Filter by name or prefix' }).fill('');
  await expect(activeTable(page).getByRole('rowheader')).toHaveText(['CMS purge plugin']);
  // Revoked side by side, they may finish in either order.
  const revoked = page.getByRole('table', { name: /^Revoked keys/ }).getByRole('rowheader');
  await expect(revoked).toHaveCount(2);
  await expect(revoked.filter({ hasText: 'Staging deploy' })).toHaveCount(1);
  await expect(revoked.filter({ hasText: 'Deploy script' })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('on the day a laptop is stolen, the owner revokes every key and starts afresh', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  await createKey(page, 'Laptop script');

  await page.getByRole('button', { name: 'Revoke every key…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke every key?' });
  await expect(dialog).toContainText('Your 2 active keys will stop working');
  const confirm = dialog.getByRole('button', { name: 'Revoke every key' });
  const typed = dialog.getByRole('textbox', { name: /Type your account name, Demo Media/ });
  await typed.fill('Demo');
  await expect(confirm).toBeDisabled();
  await expectNoAxeViolations(page);
  await typed.fill('Demo Media');
  await typed.press('Enter');

  await expect(
    page.getByRole('status').filter({ hasText: 'Finished: 2 of 2 revoked.' }),
  ).toBeVisible();
  await expect(
    page.getByText('No active keys: nothing can use the API with a key right now.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Create a fresh key' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await expectNoAxeViolations(page);
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 375, height: 812 },
]) {
  test(`ticking a key moves nothing at ${size.width}px: its bulk action appears beside Revoke every key`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await signIn(page, DEMO.email, DEMO.password);
    await openApiKeys(page);
    await expect(page.getByRole('button', { name: /selected…$/ })).toHaveCount(0);
    // From the top of the page: ticking scrolls the checkbox into view.
    const tableTop = () =>
      activeTable(page).evaluate((table) => table.getBoundingClientRect().top + window.scrollY);
    const before = await tableTop();

    await page.getByRole('checkbox', { name: /Select key “CMS purge plugin”/ }).check();

    await expect(page.getByRole('button', { name: 'Revoke 1 selected…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Revoke every key…' })).toBeVisible();
    expect(await tableTop()).toBe(before);
  });
}
