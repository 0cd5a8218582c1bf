import { expectNoAxeViolations } from './fixtures/axe';
import { expect, test } from './fixtures/panel';
import { DEMO, signIn } from './fixtures/sign-in';

test.use({ trace: 'off', mockServerArgs: ['--seed-properties', '5000'] });

test('the owner jumps to one of 5,000 properties from the keyboard, then back to it first', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: 'Jump to a property, page or action' });
  await expect(box).toBeFocused();
  await box.pressSequentially('site-4321');
  const options = page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
  await expect(options.first()).toContainText('site-4321.scale.demo-media.test');
  await expectNoAxeViolations(page);

  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Scale test site-4321' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Quick jump' })).toBeHidden();

  // Outside a field, `/` opens it too; the property just visited is offered first.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await expect(options.first()).toContainText('Scale test site-4321');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Quick jump' })).toBeHidden();
});

test('"Create API key" from the quick-jump box lands in the new key’s name field', async ({
  page,
}) => {
  await signIn(page, DEMO.email, DEMO.password);
  await page.getByRole('button', { name: /^Jump to…/ }).click();
  const box = page.getByRole('combobox', { name: 'Jump to a property, page or action' });
  await box.pressSequentially('create api');
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await expect(page.getByRole('option', { name: /Create API key/, selected: true })).toBeVisible();

  await box.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await expectNoAxeViolations(page);
});
