import { type App, DEMO, expect, signIn, test } from '../fixtures/every-engine';

const CDN = { name: 'Demo Media CDN', hostname: 'cdn.demo-media.test' } as const;

/** The overview is the first page after sign-in: the list is a link of the top bar away. */
async function openProperties(app: App) {
  await app
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Properties' })
    .click();
  await expect(app.getByRole('heading', { level: 1, name: 'Properties' })).toBeVisible();
}

const history = (app: App) => app.getByRole('table', { name: /Purges of this property/ });

test('the owner purges a property: everything, then a list of URLs', async ({ app }) => {
  await signIn(app, DEMO.email, DEMO.password);
  await openProperties(app);
  await app.getByRole('link', { name: CDN.name }).click();
  await expect(app.getByRole('heading', { level: 1, name: CDN.name })).toBeVisible();

  await app.getByRole('button', { name: 'Purge everything…' }).click();
  const dialog = app.getByRole('dialog', { name: `Purge everything on ${CDN.hostname}?` });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Purge everything' }).click();
  await expect(app.getByText(/^Purged everything on /)).toBeInViewport();
  await expect(history(app).getByRole('row').nth(1)).toContainText('Everything');

  await app
    .getByRole('textbox', { name: 'URLs to purge' })
    .fill(`https://${CDN.hostname}/app.css\nhttps://${CDN.hostname}/app.js`);
  await app.getByRole('button', { name: 'Purge URLs' }).click();
  await expect(app.getByText(new RegExp(`^Purged 2 URLs on ${CDN.hostname}`))).toBeInViewport();
  await expect(history(app).getByRole('row').nth(1)).toContainText('2 URLs');
  await expect(history(app)).toContainText(`https://${CDN.hostname}/app.js`);
});

test('the owner ticks two properties and purges both at once', async ({ app }) => {
  await signIn(app, DEMO.email, DEMO.password);
  await openProperties(app);
  await app.getByRole('checkbox', { name: 'Select blog.demo-media.test' }).check();
  await app.getByRole('checkbox', { name: `Select ${CDN.hostname}` }).check();
  await expect(app.getByText('2 selected')).toBeVisible();

  await app.getByRole('button', { name: 'Purge everything on 2 properties…' }).click();
  const confirm = app.getByRole('dialog', { name: 'Purge everything on 2 properties?' });
  await confirm.getByRole('button', { name: 'Purge 2 properties' }).click();

  await expect(
    app.getByRole('status').filter({ hasText: 'Finished: 2 of 2 purged.' }),
  ).toBeVisible();
  await expect(
    app.getByRole('list', { name: 'Purging 2 properties: each result' }).getByRole('listitem'),
  ).toHaveCount(2);
});
