import { expect, SECURE, signIn, signOut, test } from '../fixtures/every-engine';
import { totpNow } from '../fixtures/totp';

test('the owner signs in with a password and an authenticator code, then signs out', async ({
  app,
}) => {
  await app.goto('/login');
  await app.getByLabel('Email').fill(SECURE.email);
  await app.getByLabel('Password').fill('not the password');
  await app.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('alert')).toContainText('Wrong email or password');

  await signIn(app, SECURE.email, SECURE.password, totpNow(SECURE.totpSecret));
  await expect(app.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await signOut(app);
  await expect(app.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
