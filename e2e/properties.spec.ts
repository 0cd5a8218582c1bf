import type { Page, Request } from '@playwright/test';
import { apiToken, type Envelope } from './fixtures/api';
import { expectNoAxeViolations } from './fixtures/axe';
import { openFromTopBar } from './fixtures/navigation';
import { expect, test } from './fixtures/panel';
import { DEMO, SECURE, signIn } from './fixtures/sign-in';

// A failure's trace would hold the page and network with the raw key in them: no traces here.
test.use({ trace: 'off' });

/** Seeded "Demo Media CDN" of the demo account (mock-server/README.md). */
const CDN = { id: 2, name: 'Demo Media CDN', hostname: 'cdn.demo-media.test' } as const;

/** Every purge request the page sends from now on. */
function recordPurgeRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/property\/\d+\/purge$/i.test(request.url())) {
      sent.push(request);
    }
  });
  return sent;
}

async function openCdnProperty(page: Page): Promise<void> {
  await signIn(page, DEMO.email, DEMO.password);
  await openFromTopBar(page, 'Properties');
  await page.getByRole('link', { name: CDN.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: CDN.name })).toBeVisible();
}

const history = (page: Page) => page.getByRole('table', { name: /Purges of this property/ });

test.describe('properties', () => {
  test('lists the account’s properties with hostnames, sorted by name', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');

    await expect(page).toHaveURL(/\/properties$/);
    const links = page.getByRole('table').getByRole('link');
    await expect(links).toHaveText(['Demo Media blog', 'Demo Media CDN', 'Demo Media website']);
    await expect(page.getByRole('row', { name: /Demo Media CDN/ })).toContainText(CDN.hostname);
    await expectNoAxeViolations(page);
  });

  test('purge everything through the dialog, then find it in the history', async ({ page }) => {
    const sent = recordPurgeRequests(page);
    await openCdnProperty(page);

    await page.getByRole('button', { name: 'Purge everything…' }).click();
    const dialog = page.getByRole('dialog', { name: `Purge everything on ${CDN.hostname}?` });
    await expect(dialog).toContainText('takes the full load');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Purge everything' }).dblclick();

    // A toast at the bottom of the viewport, where the user looks, not under the form.
    const toast = page.getByText(/Purged everything on /);
    await expect(toast).toHaveText(
      new RegExp(`Purged everything on ${CDN.hostname.replaceAll('.', '\\.')} at \\S+`),
    );
    await expect(toast).toBeInViewport();
    const entry = history(page).getByRole('row').nth(1);
    await expect(entry).toContainText('Everything');
    await expect(entry).toContainText(DEMO.email);
    expect(sent).toHaveLength(1);
    await expectNoAxeViolations(page);
  });

  test('a purge made with an API key shows the key’s prefix', async ({ page, request }) => {
    const token = await apiToken(request, DEMO);
    const created = await request.post('/api/apikey', {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: 'e2e purge script' },
    });
    expect(created.status()).toBe(201);
    // The raw key stays in this variable: never logged, never part of an assertion message.
    const { key, prefix } = ((await created.json()) as Envelope<{ key: string; prefix: string }>)
      .data;
    const purged = await request.post(`/api/property/${CDN.id}/purge`, {
      headers: { 'X-API-Key': key },
      data: { type: 'all' },
    });
    expect(purged.status()).toBe(200);

    await openCdnProperty(page);

    // Still listed, so named: the name beside the prefix.
    await expect(history(page).getByRole('row').nth(1)).toContainText(
      `API key “e2e purge script” (${prefix}…)`,
    );
  });

  test('a URL list naming another host is refused before anything is sent', async ({ page }) => {
    const sent = recordPurgeRequests(page);
    await openCdnProperty(page);
    const urls = page.getByRole('textbox', { name: 'URLs to purge' });

    await urls.fill(`https://${CDN.hostname}/app.css\nhttps://evil.example/x`);
    await page.getByRole('button', { name: 'Purge URLs' }).click();

    await expect(page.getByRole('alert')).toContainText(
      `Line 2: "https://evil.example/x" is on evil.example, not on ${CDN.hostname}.`,
    );
    expect(sent).toHaveLength(0);
  });

  test('a valid URL list is purged once, even on a double click', async ({ page }) => {
    const sent = recordPurgeRequests(page);
    await openCdnProperty(page);

    await page
      .getByRole('textbox', { name: 'URLs to purge' })
      .fill(`https://${CDN.hostname}/app.css\n\nhttps://${CDN.hostname}/app.js`);
    await page.getByRole('button', { name: 'Purge URLs' }).dblclick();

    await expect(
      page.getByText(`Purged 2 URLs on ${CDN.hostname} at`, { exact: false }),
    ).toBeInViewport();
    await expect(history(page).getByRole('row').nth(1)).toContainText('2 URLs');
    await expect(history(page)).toContainText(`https://${CDN.hostname}/app.js`);
    expect(sent).toHaveLength(1);
    expect(sent[0].postDataJSON()).toEqual({
      type: 'url',
      urls: [`https://${CDN.hostname}/app.css`, `https://${CDN.hostname}/app.js`],
    });
  });

  test('another account’s property is "not found"', async ({ page, request }) => {
    const secureToken = await apiToken(request, SECURE);
    const listed = await request.get('/api/property', {
      headers: { Authorization: `Bearer ${secureToken}` },
    });
    const [foreign] = ((await listed.json()) as Envelope<{ id: number }[]>).data;
    await signIn(page, DEMO.email, DEMO.password);

    await page.goto(`/properties/${foreign.id}`);

    await expect(page.getByRole('heading', { level: 1, name: 'Property not found' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Purge/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test.describe('a list of 5,000 properties', () => {
  test.use({ mockServerArgs: ['--seed-properties', '5000'] });

  test('renders one page and filters as the user types', async ({ page }) => {
    const summary = page.getByRole('status').filter({ hasText: 'properties' });
    await signIn(page, DEMO.email, DEMO.password);
    await openFromTopBar(page, 'Properties');
    await expect(summary).toHaveText('5,003 properties');
    await expect(page.getByRole('table').getByRole('link')).toHaveCount(50);

    const pages = page.getByRole('group', { name: 'Pages of properties' });
    await pages.getByRole('button', { name: 'Last page' }).click();
    await expect(pages.getByRole('status')).toHaveText('5,001 – 5,003 of 5,003');
    await expect(pages.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await page.getByRole('searchbox', { name: 'Search properties' }).fill('SITE-4999');

    await expect(summary).toHaveText('1 of 5,003 properties match “SITE-4999”');
    await expect(page.getByRole('table').getByRole('link')).toHaveText(['Scale test site-4999']);
    await expectNoAxeViolations(page);
  });
});
