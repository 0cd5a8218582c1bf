import { DEMO, expect, signIn, test } from '../fixtures/every-engine';

test('the owner jumps to a property from the keyboard', async ({ app }) => {
  await signIn(app, DEMO.email, DEMO.password);
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await app.keyboard.press('Control+k');
  const box = app.getByRole('combobox', { name: 'Jump to a property, page or action' });
  await expect(box).toBeFocused();
  await app.keyboard.type('cdn');
  const options = app.getByRole('listbox', { name: 'Matches' }).getByRole('option');
  await expect(options.first()).toContainText('cdn.demo-media.test');
  await app.keyboard.press('Enter');

  await expect(app.getByRole('heading', { level: 1, name: 'Demo Media CDN' })).toBeVisible();
  await expect(app.getByRole('dialog', { name: 'Quick jump' })).toBeHidden();

  // Outside a field, `/` opens it too, and Escape closes it.
  await app.getByRole('heading', { level: 1 }).click();
  await app.keyboard.press('/');
  await expect(box).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Quick jump' })).toBeHidden();
});
