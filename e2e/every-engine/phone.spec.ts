import { type App, DEMO, expect, signIn, test } from '../fixtures/every-engine';
import { fieldsUnder16px } from '../fixtures/phone';

/** On a phone nothing scrolls sideways, and no field makes iOS zoom (`fieldsUnder16px`). */
async function expectPhoneFriendly(app: App): Promise<void> {
  const page = await app.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(page.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(page.innerWidth);
  expect(await app.evaluate(fieldsUnder16px), 'fields whose text is under 16px').toEqual([]);
}

test('on a 375px phone every main page and dialog fits, and no field makes iOS zoom', async ({
  app,
}) => {
  await app.setViewportSize({ width: 375, height: 812 });
  await app.goto('/login');
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectPhoneFriendly(app);

  await signIn(app, DEMO.email, DEMO.password);
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expectPhoneFriendly(app);

  const nav = app.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Properties' }).click();
  await expect(app.getByRole('link', { name: 'Demo Media CDN' })).toBeVisible();
  await expectPhoneFriendly(app);

  await app.getByRole('link', { name: 'Demo Media CDN' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Demo Media CDN' })).toBeVisible();
  await expectPhoneFriendly(app);

  await nav.getByRole('link', { name: 'API keys' }).click();
  await expect(app.getByRole('table', { name: 'Active keys, newest first' })).toBeVisible();
  await expectPhoneFriendly(app);
  await app.getByRole('textbox', { name: 'Name' }).fill('Phone key');
  await app.getByRole('button', { name: 'Create key' }).click();
  const created = app.getByRole('dialog', { name: 'Save your new key “Phone key”' });
  await expect(created).toBeVisible();
  await expectPhoneFriendly(app);
  await created.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await created.getByRole('button', { name: 'Close' }).click();
  await expect(created).toBeHidden();

  await nav.getByRole('link', { name: 'Account' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expectPhoneFriendly(app);
  await app.getByRole('button', { name: 'Turn on two-factor' }).click();
  const wizard = app.getByRole('dialog', { name: 'Turn on two-factor authentication' });
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByRole('textbox', { name: 'Authentication code' })).toBeVisible();
  await expectPhoneFriendly(app);
});
