import { expectNoAxeViolations } from './fixtures/axe';
import { openFromTopBar } from './fixtures/navigation';
import { expect, test } from './fixtures/panel';
import { DEMO, signIn } from './fixtures/sign-in';

test.use({ trace: 'off', mockServerArgs: ['--seed-properties', '120'] });

test('the owner purges every property a search matches, watching each result', async ({ page }) => {
  // 120 purges and two axe scans of a 120-row selection: longer than one default test on two
  // busy cores, with no single step near its own limit.
  test.setTimeout(60_000);
  await signIn(page, DEMO.email, DEMO.password);
  await openFromTopBar(page, 'Properties');
  await page.getByRole('searchbox', { name: 'Search properties' }).fill('scale test');
  await expect(
    page.getByRole('status').filter({ hasText: '120 of 123 properties match' }),
  ).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select the properties on this page' }).check();
  await expect(page.getByText('50 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Select all 120 matching' }).click();
  await expect(page.getByText('120 selected')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Purge everything on 120 properties…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Purge everything on 120 properties?' });
  await expect(confirm).toContainText('site-0001.scale.demo-media.test');
  await expect(confirm).toContainText('and 117 others');
  await confirm.getByRole('button', { name: 'Purge 120 properties' }).click();

  const progress = page.getByRole('progressbar', { name: 'Purging 120 properties' });
  await expect(progress).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Finished: 120 of 120 purged.' }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  const results = page.getByRole('list', { name: 'Purging 120 properties: each result' });
  await expect(results.getByRole('listitem')).toHaveCount(120);
  await expect(results.getByRole('listitem').filter({ hasText: 'failed' })).toHaveCount(0);
  await expect(page.getByRole('table').getByText('just now').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a row's Purge… purges that one property and stays on the list", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openFromTopBar(page, 'Properties');
  await page.getByRole('searchbox', { name: 'Search properties' }).fill('site-0007');
  const row = page.getByRole('row', { name: /site-0007\.scale/ });
  await expect(row).toContainText('Never');
  // The search reaches the URL after a pause; a dialog opened before that was seen to vanish in CI
  // once (see the closing note of 2026-12-02): wait for the URL, as a user would pause.
  await expect(page).toHaveURL(/[?&]q=site-0007/);

  await row.getByRole('button', { name: /^Purge… everything on site-0007/ }).click();
  await page
    .getByRole('dialog', { name: /Purge everything on site-0007/ })
    .getByRole('button', { name: 'Purge everything' })
    .click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Finished: 1 of 1 purged.' }),
  ).toBeVisible();
  await expect(row).toContainText('just now');
  await expect(page.getByRole('heading', { level: 1, name: 'Properties' })).toBeVisible();
  await expectNoAxeViolations(page);
});
