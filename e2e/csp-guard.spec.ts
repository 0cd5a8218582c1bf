import { watchCsp } from './fixtures/csp-guard';
import { expect, test } from './fixtures/panel';

// The guard that every test runs (fixtures/panel.ts) must see what the browser refuses, or the
// "no violation" assertion after each journey would pass for nothing.
test('the CSP guard records Trusted Types and directive violations', async ({
  browser,
  mockServer,
}) => {
  const context = await browser.newContext({ baseURL: mockServer.url });
  const csp = await watchCsp(context);
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in');

  const sinkRefused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>plain string</b>');
      return false;
    } catch {
      return true;
    }
  });
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = 'https://tracker.example/pixel.png';
    document.body.append(image);
  });

  expect(sinkRefused).toBe(true);
  await expect
    .poll(() => csp.violations().map((violation) => violation.text.split(' ')[0]))
    .toEqual(expect.arrayContaining(['require-trusted-types-for', 'img-src']));
  await context.close();
});
