import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { accountMenuButton, DEMO, signIn, signOut } from './fixtures/sign-in';
import { nextTotp, totpNow } from './fixtures/totp';

async function openAccount(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Account' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
}

/** A line of the two-factor section, e.g. `Status: On`, found by its label. */
function statusLine(page: Page, label: 'Status' | 'Recovery codes left') {
  return page
    .getByRole('region', { name: 'Two-factor authentication' })
    .getByText(new RegExp(`${label}:`));
}

/** Reads the recovery codes the way a person would: from the list on screen. */
async function readRecoveryCodes(page: Page): Promise<string[]> {
  const codes = page
    .getByRole('dialog')
    .getByRole('list', { name: 'Recovery codes' })
    .getByRole('listitem');
  await expect(codes).toHaveCount(10);
  return (await codes.allTextContents()).map((code) => code.trim());
}

async function confirmStoredAndFinish(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I have stored these codes' }).check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

test('the demo owner turns on two-factor, signs in with it and a recovery code, regenerates the codes and turns it off', async ({
  page,
  mockServer,
}) => {
  // Signing in with a TOTP may wait up to 31 s for a time step the API has not seen yet.
  test.slow();
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (
      ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) &&
      url.origin !== mockServer.url
    ) {
      foreignRequests.push(request.url());
    }
  });

  await signIn(page, DEMO.email, DEMO.password);
  await openAccount(page);
  await expect(statusLine(page, 'Status')).toHaveText('Status: Off');
  await expectNoAxeViolations(page);

  // Step 1: the QR code and the setup key.
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const wizard = page.getByRole('dialog', { name: 'Turn on two-factor authentication' });
  await expect(wizard.getByRole('img', { name: /QR code that adds Paradarum/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const sharedKey = (await wizard.getByRole('textbox', { name: 'Setup key' }).inputValue()).replace(
    /\s/g,
    '',
  );
  expect(sharedKey).toMatch(/^[A-Z2-7]{32}$/);

  // Step 2: a wrong code is refused in words, then the right one is accepted.
  await wizard.getByRole('button', { name: 'Next' }).click();
  const codeField = wizard.getByRole('textbox', { name: 'Authentication code' });
  await expect(codeField).toBeVisible();
  await expectNoAxeViolations(page);
  const wrongCode = totpNow(sharedKey) === '000000' ? '111111' : '000000';
  await codeField.fill(wrongCode);
  await wizard.getByRole('button', { name: 'Turn on' }).click();
  await expect(wizard.getByRole('alert')).toContainText('not valid');
  await expectNoAxeViolations(page);
  await codeField.fill(totpNow(sharedKey));
  await wizard.getByRole('button', { name: 'Turn on' }).click();

  // Step 3: ten codes, and no way out but confirming they are stored.
  const recoveryCodes = await readRecoveryCodes(page);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(wizard).toBeVisible();
  await confirmStoredAndFinish(page);
  await expect(statusLine(page, 'Status')).toHaveText('Status: On');
  await expect(statusLine(page, 'Recovery codes left')).toHaveText('Recovery codes left: 10');
  expect(foreignRequests).toEqual([]);

  // Sign in through the challenge with the authenticator.
  await signOut(page);
  await signIn(page, DEMO.email, DEMO.password, await nextTotp(sharedKey));
  await openAccount(page);
  await expect(statusLine(page, 'Recovery codes left')).toHaveText('Recovery codes left: 10');

  // Sign in with a recovery code: one fewer left.
  await signOut(page);
  await signIn(page, DEMO.email, DEMO.password, recoveryCodes[0]);
  await openAccount(page);
  await expect(statusLine(page, 'Recovery codes left')).toHaveText('Recovery codes left: 9');

  // Regenerate with another recovery code.
  await page.getByRole('button', { name: 'Regenerate recovery codes' }).click();
  const regenerate = page.getByRole('dialog', { name: 'Generate new recovery codes?' });
  await expect(regenerate).toBeVisible();
  await expectNoAxeViolations(page);
  await regenerate
    .getByRole('textbox', { name: 'Authentication or recovery code' })
    .fill(recoveryCodes[1]);
  await regenerate.getByRole('button', { name: 'Generate new codes' }).click();
  await expect(page.getByRole('dialog')).toContainText('Your old codes no longer work.');
  const newCodes = await readRecoveryCodes(page);
  expect(newCodes).not.toContain(recoveryCodes[2]);
  await expectNoAxeViolations(page);
  await confirmStoredAndFinish(page);
  await expect(statusLine(page, 'Recovery codes left')).toHaveText('Recovery codes left: 10');

  // Turn two-factor off with one of the new codes.
  await page.getByRole('button', { name: 'Turn off two-factor' }).click();
  const disable = page.getByRole('dialog', { name: 'Turn off two-factor authentication?' });
  await expectNoAxeViolations(page);
  await disable.getByRole('textbox', { name: 'Authentication or recovery code' }).fill(newCodes[0]);
  await disable.getByRole('button', { name: 'Turn off two-factor' }).click();
  await expect(disable).toBeHidden();
  await expect(statusLine(page, 'Status')).toHaveText('Status: Off');
  await expect(page.getByRole('button', { name: 'Turn on two-factor' })).toBeVisible();
});

test('the account page shows who is signed in and changes the password', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openAccount(page);
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText(DEMO.email);

  const password = page.getByRole('region', { name: 'Password' });
  await password.getByLabel('Current password').fill(DEMO.password);
  await password.getByLabel('New password', { exact: true }).fill('short');
  await password.getByLabel('Confirm new password').fill('different');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password).toContainText('The new password needs at least 12 characters.');
  await expect(password).toContainText('This does not match the new password.');
  await expectNoAxeViolations(page);

  const newPassword = 'a long new passphrase';
  await password.getByLabel('New password', { exact: true }).fill(newPassword);
  await password.getByLabel('Confirm new password').fill(newPassword);
  await password.getByRole('button', { name: 'Change password' }).click();
  // Said in a toast at the bottom of the viewport, like every success.
  await expect(page.getByText('Your password has been changed.')).toBeInViewport();

  // The change ended every older session, this tab's first token too: the tab goes on with the
  // fresh one, through a reload as well.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API keys' })
    .click();
  await expect(page.getByRole('rowheader', { name: 'CMS purge plugin' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('rowheader', { name: 'CMS purge plugin' })).toBeVisible();
  await expect(page).toHaveURL(/\/api-keys$/);

  await signOut(page);
  await signIn(page, DEMO.email, newPassword);
});

test('on a 375px phone the top bar and the account page fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, DEMO.email, DEMO.password);
  await openAccount(page);

  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(375);
  for (const name of ['Overview', 'Properties', 'API keys', 'Account']) {
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }),
    ).toBeInViewport({ ratio: 1 });
  }
  await expect(accountMenuButton(page)).toBeInViewport({ ratio: 1 });

  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const setupKey = page.getByRole('dialog').getByRole('textbox', { name: 'Setup key' });
  await expect(setupKey).toHaveValue(/^(\S{4} ){7}\S{4}$/);
  // The whole key is readable without scrolling inside the field.
  expect(await setupKey.evaluate((field) => field.scrollWidth <= field.clientWidth)).toBe(true);
  await expectNoAxeViolations(page);

  const wizard = page.getByRole('dialog');
  const sharedKey = (await setupKey.inputValue()).replace(/\s/g, '');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('textbox', { name: 'Authentication code' }).fill(totpNow(sharedKey));
  await wizard.getByRole('button', { name: 'Turn on' }).click();
  const codes = wizard.getByRole('list', { name: 'Recovery codes' });
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  expect(await codes.evaluate((list) => list.scrollWidth <= list.clientWidth)).toBe(true);
  await expectNoAxeViolations(page);
});

test('the skip link moves focus to the page content without leaving the page', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await openAccount(page);
  // Freshly loaded, as when the page is opened from a bookmark: the skip link comes first.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to content' });
  await expect(skipLink).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/account$/);
});
