import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { DEMO, signIn } from './fixtures/sign-in';

/**
 * The raw key must never reach the test output: it is only ever compared through booleans
 * (`expect(x === key).toBe(true)`), never with matchers that would print it on failure.
 */
const KEY_FORMAT = /^pdm_[A-Za-z0-9!@#$%&*]{28}$/;

// A failure's trace would hold the page and network with the raw key in them: no traces here.
test.use({ trace: 'off' });

async function openApiKeys(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API keys' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
}

function activeRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Active keys, newest first' })
    .getByRole('row', { name: new RegExp(name) });
}

/** Cells besides the row header: Select, Key, Created, Last used, Status. */
function lastUsedCell(page: Page, name: string) {
  return activeRow(page, name).getByRole('cell').nth(3);
}

test('the owner creates a key, copies it, uses it, sees it used and revokes it', async ({
  page,
  context,
  mockServer,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: mockServer.url,
  });
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  await expect(activeRow(page, 'CMS purge plugin')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('textbox', { name: 'Name' }).fill('Deploy script');
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save your new key “Deploy script”' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'curl snippet' })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);

  // A double-click would select only up to the first symbol; the whole key must be selected.
  const keyField = dialog.getByRole('textbox', { name: 'API key' });
  await keyField.dblclick();
  expect(
    await keyField.evaluate(
      (input: HTMLInputElement) =>
        input.selectionStart === 0 && input.selectionEnd === input.value.length,
    ),
  ).toBe(true);

  await dialog.getByRole('button', { name: 'Copy key' }).click();
  await expect(dialog.getByText('Copied', { exact: true })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(KEY_FORMAT.test(key)).toBe(true);

  await dialog.getByRole('button', { name: 'Test this key' }).click();
  await expect(dialog.getByText(/This key works: .*“Demo Media”/)).toBeVisible();

  await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create key' })).toBeFocused();

  const storage = await page.evaluate(() =>
    JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)]),
  );
  expect(storage.includes(key)).toBe(false);
  expect((await page.content()).includes(key)).toBe(false);
  await expect(lastUsedCell(page, 'Deploy script')).toHaveText('Not yet');

  // Use the key as a script would: from outside the browser, with X-API-Key only.
  const properties = await fetch(`${mockServer.url}/api/property`, {
    headers: { 'X-API-Key': key },
  });
  expect(properties.status).toBe(200);
  const [property] = ((await properties.json()) as { data: { id: number }[] }).data;
  const purge = await fetch(`${mockServer.url}/api/property/${property.id}/purge`, {
    method: 'POST',
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'all' }),
  });
  expect(purge.status).toBe(200);

  await page.reload();
  await expect(lastUsedCell(page, 'Deploy script')).toHaveText('just now');

  await activeRow(page, 'Deploy script')
    .getByRole('button', { name: /^Revoke key “Deploy script”/ })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Revoke “Deploy script”?' });
  await expect(confirm).toContainText('fails with 401');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();

  const revoked = page
    .getByRole('table', { name: /^Revoked keys/ })
    .getByRole('row', { name: /Deploy script/ });
  await expect(revoked).toContainText('Revoked');
  await expect(activeRow(page, 'Deploy script')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Active keys' })).toBeFocused();
  const refused = await fetch(`${mockServer.url}/api/account`, { headers: { 'X-API-Key': key } });
  expect(refused.status).toBe(401);
});

test('rolling a key shows the replacement once and revokes the old one only when confirmed', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  const oldPrefix = (await activeRow(page, 'CMS purge plugin').getByRole('code').textContent())!;

  await activeRow(page, 'CMS purge plugin')
    .getByRole('button', { name: /^Roll key “CMS purge plugin”/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Save your new key “CMS purge plugin”' });
  await expect(dialog).toContainText(`${oldPrefix}, keeps working until you revoke it`);
  await dialog.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const confirm = page.getByRole('dialog', {
    name: `Revoke the old “CMS purge plugin” (${oldPrefix})?`,
  });
  await expect(confirm).toContainText(/Its replacement pdm_\S+… keeps working/);
  await confirm.getByRole('button', { name: 'Revoke key' }).click();

  await expect(activeRow(page, 'CMS purge plugin')).toHaveCount(1);
  await expect(activeRow(page, 'CMS purge plugin')).not.toContainText(oldPrefix);
  await expect(
    page
      .getByRole('table', { name: /^Revoked keys/ })
      .getByRole('row', { name: /CMS purge plugin/ }),
  ).toContainText(oldPrefix);
});

test('a roll left unfinished marks the old key as being replaced until it is kept', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  const oldPrefix = (await activeRow(page, 'CMS purge plugin').getByRole('code').textContent())!;

  await activeRow(page, 'CMS purge plugin')
    .getByRole('button', { name: /^Roll key “CMS purge plugin”/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Save your new key “CMS purge plugin”' });
  await dialog.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page
    .getByRole('dialog', { name: /^Revoke the old/ })
    .getByRole('button', { name: 'Cancel' })
    .click();

  const old = page
    .getByRole('table', { name: 'Active keys, newest first' })
    // Prefixes may hold $, * and the like: matched as text, not as a pattern.
    .getByRole('row', { name: new RegExp(oldPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(old).toContainText(/Being replaced by pdm_\S+…/);
  await expectNoAxeViolations(page);

  await old.getByRole('button', { name: /^Keep key/ }).click();
  await expect(old).not.toContainText('Being replaced');
  await expect(activeRow(page, 'CMS purge plugin')).toHaveCount(2);
});

test('on the API keys page already, the quick jump’s "Create API key" lands in the name field', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openApiKeys(page);
  await expect(activeRow(page, 'CMS purge plugin')).toBeVisible();

  await page.getByRole('button', { name: /^Jump to…/ }).click();
  const box = page.getByRole('combobox', { name: 'Jump to a property, page or action' });
  await box.pressSequentially('create api');
  await expect(page.getByRole('option', { name: /Create API key/ })).toBeVisible();
  await page.getByRole('option', { name: /Create API key/ }).click();

  await expect(page).toHaveURL(/\/api-keys\?create=1$/);
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
});
