// `npm run screenshots`: PNGs of every page and dialog of the production build at 1280x800 and
// 375x812, light and dark, into screenshots/ (ignored by git), so a reviewer sees the whole panel
// in a minute. Runs `npm run build` first unless `--no-build`; `--port N` picks the mock's port. A mock server on a free port serves
// the build (`--static`) over a fresh data file; Playwright's library drives Debian's Chromium.
// Secrets on screen (the new key, the setup key and QR code, recovery codes) are masked. Error
// states (an action that failed with Try again, a 404 with Reload, a dialog's load error) are
// provoked with `page.route`, answering one request the way a failing API would.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium-path.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'screenshots');
const staticDir = join(root, 'dist/paradarum-panel/browser');
const DEMO = { email: 'demo@paradarum.test', password: 'Paradarum-demo-1' };

const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
];
const schemes = ['light', 'dark'];

// `--port N` serves on that port (helpers sharing a machine each keep to their own range);
// by default the system picks a free one.
const portFlag = process.argv.indexOf('--port');
const port = portFlag === -1 ? '0' : process.argv[portFlag + 1];

if (!process.argv.includes('--no-build')) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

async function startMock() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-shots-'));
  const child = spawn(
    process.execPath,
    [
      '--no-warnings=ExperimentalWarning',
      join(root, 'mock-server/src/main.ts'),
      ...['--port', port, '--db', join(dataDir, 'db.json'), '--static', staticDir],
      ...['--seed-properties', '120'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Waits for the exit: the server's last journal write must not race the directory's removal.
  const stop = async () => {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`mock server exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
  });
  return { url, stop };
}

/** Lets transitions settle so the picture is what a user sees, not a fade. */
async function settle(page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => null)),
    ),
  );
}

async function shoot(page, name, { mask = [] } = {}) {
  await settle(page);
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true, mask });
  console.log(`  ${name}.png`);
}

/** The API's failure envelope, with a status. */
function failWith(status, message) {
  return (route) =>
    route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ succeeded: false, message, data: null }),
    });
}

/** Answers requests to `pattern` with `method` by `handler`; others go through. */
async function failRequests(page, pattern, method, handler) {
  await page.route(pattern, (route) =>
    route.request().method() === method ? handler(route) : route.fallback(),
  );
}

async function nav(page, link, heading) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function run(browser, baseURL, size, colorScheme) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: size.width, height: size.height },
    colorScheme,
  });
  const page = await context.newPage();
  const tag = (name) => `${name}-${size.name}-${colorScheme}`;
  try {
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shoot(page, tag('01-sign-in'));
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong' }).waitFor();
    await shoot(page, tag('02-sign-in-error'));

    await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The overview, the page after sign-in: the demo account's attention items, no purge yet.
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('heading', { name: 'Two-factor authentication is off' }).waitFor();
    await page.getByRole('heading', { name: 'No purges yet' }).waitFor();
    await shoot(page, tag('02a-overview'));
    await page.getByRole('button', { name: /^Signed in as / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await shoot(page, tag('02b-account-menu'));
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'hidden' });

    await nav(page, 'Properties', 'Properties');
    await page.getByRole('table').waitFor();
    await shoot(page, tag('03-properties'));

    // A bulk purge where one property is gone (404) and one fails (503): only the latter is
    // offered again.
    let purges = 0;
    await failRequests(page, '**/api/property/*/purge', 'POST', (route) =>
      failWith(purges++ === 0 ? 404 : 503, 'Property not found.')(route),
    );
    const ticks = page.getByRole('checkbox', { name: /^Select (?!the properties)/ });
    await ticks.nth(0).check();
    await ticks.nth(1).check();
    await page.getByRole('button', { name: /^Purge everything on 2 properties/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Purge 2 properties' }).click();
    await page.getByRole('button', { name: 'Retry 1 failed' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shoot(page, tag('03a-properties-bulk-errors'));
    await page.unrouteAll();

    await page.getByRole('link', { name: 'Demo Media CDN' }).click();
    await page.getByRole('heading', { name: 'Purge history' }).waitFor();
    await page
      .getByRole('textbox', { name: 'URLs to purge' })
      .fill('www.cdn.demo-media.test/x.png');
    await page.getByRole('button', { name: 'Purge URLs' }).click();
    await shoot(page, tag('04-property-url-problem'));
    await page.getByRole('textbox', { name: 'URLs to purge' }).fill('');
    await page.getByRole('button', { name: 'Purge everything…' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot(page, tag('05-purge-everything-dialog'));
    await page.getByRole('dialog').getByRole('button', { name: 'Purge everything' }).click();
    await page.getByText(/Purged everything on /).waitFor();
    await shoot(page, tag('06-purged-toast'));
    // The property was removed elsewhere (another tab): Reload the property, not Try again.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    // On a phone the toast covers Purge everything…: its action dismisses it.
    await page.getByRole('button', { name: 'View history' }).click();
    await page.getByRole('button', { name: 'View history' }).waitFor({ state: 'hidden' });
    await failRequests(
      page,
      '**/api/property/*/purge',
      'POST',
      failWith(404, 'Property not found.'),
    );
    await page.getByRole('button', { name: 'Purge everything…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Purge everything' }).click();
    await page.getByRole('button', { name: 'Reload the property' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shoot(page, tag('06a-property-purge-gone'));
    await page.unrouteAll();

    await page.goto('/properties/999999');
    await page.getByRole('heading', { name: 'Property not found' }).waitFor();
    await shoot(page, tag('07-property-not-found'));

    await nav(page, 'API keys', 'API keys');
    await page.getByRole('table', { name: 'Active keys, newest first' }).waitFor();
    await shoot(page, tag('08-api-keys'));
    await page.getByRole('textbox', { name: 'Name' }).fill('Screenshot key');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    const created = page.getByRole('dialog', { name: /^Save your new key/ });
    await created.waitFor();
    await shoot(page, tag('09-new-key-dialog'), {
      mask: [created.getByRole('textbox'), created.getByRole('code')],
    });
    await created.getByRole('checkbox', { name: 'I have stored this key' }).check();
    await created.getByRole('button', { name: 'Close' }).click();
    await created.waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: /^Roll key “CMS purge plugin”/ })
      .first()
      .click();
    const rolled = page.getByRole('dialog', { name: /^Save your new key/ });
    await rolled.waitFor();
    await rolled.getByRole('checkbox', { name: 'I have stored this key' }).check();
    await rolled.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog', { name: /^Revoke the old/ }).waitFor();
    await shoot(page, tag('10-roll-revoke-dialog'));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByText(/^Being replaced by/).waitFor();
    await shoot(page, tag('11-api-keys-being-replaced'));

    await failRequests(page, '**/api/apikey', 'POST', failWith(503, 'Service Unavailable'));
    await page.getByRole('textbox', { name: 'Name' }).fill('Staging deploy');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'was not created' }).waitFor();
    await shoot(page, tag('11a-api-keys-action-error'));
    await page.unrouteAll();
    await page.getByRole('textbox', { name: 'Name' }).fill('');

    await failRequests(page, '**/api/apikey/*/revoke', 'POST', failWith(404, 'API key not found.'));
    await page
      .getByRole('button', { name: /^Revoke key/ })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('button', { name: 'Reload the list' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shoot(page, tag('11b-api-keys-key-gone'));
    await page.unrouteAll();

    await failRequests(page, '**/api/account', 'GET', failWith(500, 'Server error'));
    await page.getByRole('button', { name: 'Revoke every key…' }).click();
    const revokeAll = page.getByRole('dialog', { name: 'Revoke every key?' });
    await revokeAll.getByRole('alert').waitFor();
    await shoot(page, tag('11c-revoke-all-account-error'));
    await revokeAll.getByRole('button', { name: 'Cancel' }).click();
    await revokeAll.waitFor({ state: 'hidden' });
    await page.unrouteAll();

    // Back on the overview: the purges above are listed, the idle key and two-factor still ask.
    await nav(page, 'Overview', 'Overview');
    await page.getByRole('region', { name: 'Recently purged' }).getByRole('list').waitFor();
    await shoot(page, tag('11d-overview-after-purges'));

    await nav(page, 'Account', 'Account');
    await shoot(page, tag('12-account'));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    const wizard = page.getByRole('dialog');
    await wizard.waitFor();
    await shoot(page, tag('13-two-factor-dialog'), {
      mask: [wizard.getByRole('img'), wizard.getByRole('textbox', { name: 'Setup key' })],
    });
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'Authentication code' }).fill('000000');
    await wizard.getByRole('button', { name: 'Turn on' }).click();
    await wizard.getByRole('alert').waitFor();
    await shoot(page, tag('13b-two-factor-code-refused'));
    await page.keyboard.press('Escape');
    await wizard.waitFor({ state: 'hidden' });

    await failRequests(page, '**/api/account/2fa/setup', 'POST', failWith(503, 'Unavailable'));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    await shoot(page, tag('13a-two-factor-setup-error'));
    await page.unrouteAll();
  } catch (error) {
    await page.screenshot({ path: join(outDir, `${tag('zz-failed')}.png`), fullPage: true });
    throw error;
  } finally {
    await context.close();
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
try {
  for (const size of sizes) {
    for (const scheme of schemes) {
      // A fresh server each time: the demo data (keys, purges) starts the same in every set.
      const mock = await startMock();
      try {
        console.log(`${size.name} ${size.width}x${size.height}, ${scheme}:`);
        await run(browser, mock.url, size, scheme);
      } finally {
        await mock.stop();
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`Screenshots in ${outDir}`);
