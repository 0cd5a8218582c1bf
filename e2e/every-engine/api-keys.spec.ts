import { type App, DEMO, expect, signIn, test } from '../fixtures/every-engine';

/** Checked with booleans only: the raw key must never reach test output. */
const KEY_FORMAT = /^pdm_[A-Za-z0-9!@#$%&*]{28}$/;

test.use({ trace: 'off' });

function activeRow(app: App, name: string) {
  return app
    .getByRole('table', { name: 'Active keys, newest first' })
    .getByRole('row', { name: new RegExp(name) });
}

test('the owner creates, copies, tests, rolls and revokes a key, shown once', async ({
  app,
  mockServer,
}) => {
  await signIn(app, DEMO.email, DEMO.password);
  await app
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API keys' })
    .click();
  await expect(activeRow(app, 'CMS purge plugin')).toBeVisible();

  await app.getByRole('textbox', { name: 'Name' }).fill('Deploy script');
  await app.getByRole('button', { name: 'Create key' }).click();
  const dialog = app.getByRole('dialog', { name: 'Save your new key “Deploy script”' });
  await expect(dialog.getByRole('region', { name: 'curl snippet' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeVisible();

  const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(KEY_FORMAT.test(key)).toBe(true);
  await dialog.getByRole('button', { name: 'Copy key' }).click();
  await expect(dialog.getByText('Copied')).toBeVisible();
  await dialog.getByRole('button', { name: 'Test this key' }).click();
  await expect(dialog.getByText(/This key works: .*“Demo Media”/)).toBeVisible();

  await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('button', { name: 'Create key' })).toBeFocused();

  // What was copied is the key: pasted where the owner would paste it next, then taken away.
  const nameField = app.getByRole('textbox', { name: 'Name' });
  await nameField.fill('');
  await nameField.press('Control+v');
  expect((await nameField.inputValue()) === key).toBe(true);
  await nameField.fill('');
  const storage = await app.evaluate(() =>
    JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage), location.href]),
  );
  expect(storage.includes(key)).toBe(false);

  // A script uses the key, from outside the browser: the list says so, with an underlined time.
  const used = await fetch(`${mockServer.url}/api/account`, { headers: { 'X-API-Key': key } });
  expect(used.status).toBe(200);
  await app.reload();
  const lastUsed = activeRow(app, 'Deploy script').getByRole('cell').nth(3);
  await expect(lastUsed).toHaveText('just now');
  // The only hint that hovering shows the exact time (WebKit before Safari 26.2 dropped it).
  expect(
    await lastUsed
      .getByText('just now')
      .evaluate(
        (time) =>
          getComputedStyle(time).textDecorationStyle +
          ' ' +
          getComputedStyle(time).textDecorationLine,
      ),
  ).toBe('dotted underline');

  // Roll: the replacement is shown once, and the old key is revoked only when confirmed.
  await activeRow(app, 'Deploy script')
    .getByRole('button', { name: /^Roll key “Deploy script”/ })
    .click();
  const rolled = app.getByRole('dialog', { name: 'Save your new key “Deploy script”' });
  await expect(rolled).toContainText('keeps working until you revoke it');
  await rolled.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await rolled.getByRole('button', { name: 'Close' }).click();
  const revokeOld = app.getByRole('dialog', { name: /^Revoke the old “Deploy script”/ });
  await revokeOld.getByRole('button', { name: 'Revoke key' }).click();
  await expect(revokeOld).toBeHidden();
  await expect(activeRow(app, 'Deploy script')).toHaveCount(1);
  const refused = await fetch(`${mockServer.url}/api/account`, { headers: { 'X-API-Key': key } });
  expect(refused.status).toBe(401);

  // Revoke the replacement too.
  await activeRow(app, 'Deploy script')
    .getByRole('button', { name: /^Revoke key “Deploy script”/ })
    .click();
  const confirm = app.getByRole('dialog', { name: 'Revoke “Deploy script”?' });
  await expect(confirm).toContainText('fails with 401');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(activeRow(app, 'Deploy script')).toHaveCount(0);
  await expect(
    app.getByRole('table', { name: /^Revoked keys/ }).getByRole('row', { name: /Deploy script/ }),
  ).toHaveCount(2);
});
