import { DEMO, expect, signIn, test } from '../fixtures/every-engine';
import { totpNow } from '../fixtures/totp';

test('the owner turns on two-factor from the QR code and keeps the recovery codes', async ({
  app,
}) => {
  await signIn(app, DEMO.email, DEMO.password);
  await app
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Account' })
    .click();
  const twoFactor = app.getByRole('region', { name: 'Two-factor authentication' });
  await expect(twoFactor.getByText(/Status:/)).toHaveText('Status: Off');

  await app.getByRole('button', { name: 'Turn on two-factor' }).click();
  const wizard = app.getByRole('dialog', { name: 'Turn on two-factor authentication' });
  const qrCode = wizard.getByRole('img', { name: /QR code that adds Paradarum/ });
  await expect(qrCode).toBeVisible();
  // Drawn, not a broken image: an authenticator app could scan it.
  expect(
    await qrCode.evaluate((image) => (image as HTMLImageElement).naturalWidth),
  ).toBeGreaterThan(100);
  const setupKey = (await wizard.getByRole('textbox', { name: 'Setup key' }).inputValue()).replace(
    /\s/g,
    '',
  );

  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('textbox', { name: 'Authentication code' }).fill(totpNow(setupKey));
  await wizard.getByRole('button', { name: 'Turn on' }).click();

  const codes = wizard.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await app.keyboard.press('Escape');
  await expect(wizard).toBeVisible();
  await expect(wizard.getByRole('button', { name: 'Done' })).toBeDisabled();
  await wizard.getByRole('checkbox', { name: 'I have stored these codes' }).check();
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(wizard).toBeHidden();
  await expect(twoFactor.getByText(/Status:/)).toHaveText('Status: On');
  await expect(twoFactor.getByText(/Recovery codes left:/)).toHaveText('Recovery codes left: 10');
});
