// `npm run screenshots`: PNGs of every page and dialog of the production build at 1280x800 and
// 375x812, light and dark, in Chromium, Firefox and WebKit, into screenshots/<engine>/ (ignored by
// git), so a reviewer sees the whole panel in a few minutes and compares the engines side by
// side. Runs `npm run build` first unless `--no-build`; `--port N` picks the mock's port,
// `--engine NAME` (repeatable) only those engines. A mock server serves the build (`--static`)
// over a fresh data file per set. The engines are driven through the engine-neutral page of the
// end-to-end journeys (e2e/fixtures/engines/), Debian's browsers all three. Secrets on screen
// (the new key, the setup key and QR code, recovery codes) are masked. Error states (an action
// that failed with Try again, a 404 with Reload, a dialog's load error) are provoked by
// answering one request the way a failing API would (`app.failRequests`).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { App } from '../e2e/fixtures/engines/app.ts';
import { ENGINES, launchEngine } from '../e2e/fixtures/engines/engine.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'screenshots');
const staticDir = join(root, 'dist/paradarum-panel/browser');
const DEMO = { email: 'demo@paradarum.test', password: 'Paradarum-demo-1' };

const sizes = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
];
const schemes = ['light', 'dark'];

const { values: flags } = parseArgs({
  options: {
    // Helpers sharing a machine each keep to their own port range; by default the system picks.
    port: { type: 'string', default: '0' },
    engine: { type: 'string', multiple: true, default: [...ENGINES] },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!flags['no-build']) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

async function startMock() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdm-shots-'));
  const child = spawn(
    process.execPath,
    [
      '--no-warnings=ExperimentalWarning',
      join(root, 'mock-server/src/main.ts'),
      ...['--port', flags.port, '--db', join(dataDir, 'db.json'), '--static', staticDir],
      ...['--seed-properties', '120'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  // Waits for the exit: the server's last journal write must not race the directory's removal.
  const stop = async () => {
    process.off('exit', killOnExit);
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

/** Answers `method` requests to paths matching `path` with these statuses (the last repeats). */
function fail(app, path, method, statuses, message) {
  return app.failRequests([{ path: path.source, method, statuses, message }]);
}

async function nav(app, link, heading) {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await app.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// Ctrl+C or a kill still closes the browsers (and WebKit's Xvfb): exit handlers run on exit().
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

const PURGE = /^\/api\/property\/\d+\/purge$/;

async function run(app, dir, size, colorScheme) {
  const shoot = async (name, options) => {
    await app.screenshot(join(dir, `${name}-${size.name}-${colorScheme}.png`), options);
    console.log(`  ${name}`);
  };
  await app.setViewportSize(size);
  await app.goto('/login');
  await app.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shoot('01-sign-in');
  await app.getByLabel('Email').fill(DEMO.email);
  await app.getByLabel('Password').fill('not-the-password');
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.getByRole('alert').filter({ hasText: 'Wrong' }).waitFor();
  await shoot('02-sign-in-error');

  await app.getByLabel('Password').fill(DEMO.password);
  await app.getByRole('button', { name: 'Sign in' }).click();
  // The overview, the page after sign-in: the demo account's attention items, no purge yet.
  await app.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await app.getByRole('heading', { name: 'Two-factor authentication is off' }).waitFor();
  await app.getByRole('heading', { name: 'No purges yet' }).waitFor();
  await shoot('02a-overview');
  await app.getByRole('button', { name: /^Signed in as / }).click();
  await app.getByRole('menuitem', { name: 'Sign out' }).waitFor();
  await shoot('02b-account-menu');
  await app.press('Escape');
  await app.getByRole('menu').waitFor({ state: 'hidden' });

  await nav(app, 'Properties', 'Properties');
  await app.getByRole('table').waitFor();
  await shoot('03-properties');

  // A bulk purge where one property is gone (404) and one fails (503): only the latter is
  // offered again.
  await fail(app, PURGE, 'POST', [404, 503], 'Property not found.');
  const ticks = app.getByRole('checkbox', { name: /^Select (?!the properties)/ });
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await app.getByRole('button', { name: /^Purge everything on 2 properties/ }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Purge 2 properties' }).click();
  await app.getByRole('button', { name: 'Retry 1 failed' }).waitFor();
  await app.getByRole('dialog').waitFor({ state: 'hidden' });
  await shoot('03a-properties-bulk-errors');
  await app.failRequests([]);

  await app.getByRole('link', { name: 'Demo Media CDN' }).click();
  await app.getByRole('heading', { name: 'Purge history' }).waitFor();
  await app.getByRole('textbox', { name: 'URLs to purge' }).fill('www.cdn.demo-media.test/x.png');
  await app.getByRole('button', { name: 'Purge URLs' }).click();
  await app.getByRole('alert').waitFor();
  await shoot('04-property-url-problem');
  await app.getByRole('textbox', { name: 'URLs to purge' }).fill('');
  await app.getByRole('button', { name: 'Purge everything…' }).click();
  await app.getByRole('dialog').waitFor();
  await shoot('05-purge-everything-dialog');
  await app.getByRole('dialog').getByRole('button', { name: 'Purge everything' }).click();
  await app.getByText(/^Purged everything on /).waitFor();
  await shoot('06-purged-toast');
  // The property was removed elsewhere (another tab): Reload the property, not Try again.
  await app.getByRole('dialog').waitFor({ state: 'hidden' });
  // On a phone the toast covers Purge everything…: its action dismisses it.
  await app.getByRole('button', { name: 'View history' }).click();
  await app.getByRole('button', { name: 'View history' }).waitFor({ state: 'hidden' });
  await fail(app, PURGE, 'POST', [404], 'Property not found.');
  await app.getByRole('button', { name: 'Purge everything…' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Purge everything' }).click();
  await app.getByRole('button', { name: 'Reload the property' }).waitFor();
  await app.getByRole('dialog').waitFor({ state: 'hidden' });
  await shoot('06a-property-purge-gone');
  await app.failRequests([]);

  await app.goto('/properties/999999');
  await app.getByRole('heading', { name: 'Property not found' }).waitFor();
  await shoot('07-property-not-found');

  await app.goto('/properties?q=no-such-site');
  await app.getByRole('button', { name: 'Clear the search' }).waitFor();
  await shoot('07a-properties-no-match');

  await app.keyboard.press('Control+k');
  const quickJump = app.getByRole('dialog', { name: 'Quick jump' });
  await quickJump.getByRole('combobox').fill('blog');
  await quickJump.getByRole('option').first().waitFor();
  await shoot('07b-quick-jump');
  await app.keyboard.press('Escape');
  await quickJump.waitFor({ state: 'hidden' });

  await nav(app, 'API keys', 'API keys');
  await app.getByRole('table', { name: 'Active keys, newest first' }).waitFor();
  await shoot('08-api-keys');
  await app.getByRole('searchbox', { name: 'Filter by name or prefix' }).fill('no-such-key');
  await app.getByRole('button', { name: 'Clear the filter' }).waitFor();
  await shoot('08a-api-keys-no-match');
  await app.getByRole('button', { name: 'Clear the filter' }).click();
  await app.getByRole('textbox', { name: 'Name' }).fill('Screenshot key');
  await app.getByRole('textbox', { name: 'Name' }).press('Enter');
  const created = app.getByRole('dialog', { name: /^Save your new key/ });
  await created.waitFor();
  await shoot('09-new-key-dialog', {
    mask: [created.getByRole('textbox'), created.getByRole('code')],
  });
  await created.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await created.getByRole('button', { name: 'Close' }).click();
  await created.waitFor({ state: 'hidden' });
  await app
    .getByRole('button', { name: /^Roll key “CMS purge plugin”/ })
    .first()
    .click();
  const rolled = app.getByRole('dialog', { name: /^Save your new key/ });
  await rolled.waitFor();
  await rolled.getByRole('checkbox', { name: 'I have stored this key' }).check();
  await rolled.getByRole('button', { name: 'Close' }).click();
  await app.getByRole('dialog', { name: /^Revoke the old/ }).waitFor();
  await shoot('10-roll-revoke-dialog');
  await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await app.getByText(/^Being replaced by/).waitFor();
  await shoot('11-api-keys-being-replaced');

  await fail(app, /^\/api\/apikey$/, 'POST', [503], 'Service Unavailable');
  await app.getByRole('textbox', { name: 'Name' }).fill('Staging deploy');
  await app.getByRole('textbox', { name: 'Name' }).press('Enter');
  await app.getByRole('alert').filter({ hasText: 'was not created' }).waitFor();
  await shoot('11a-api-keys-action-error');
  await app.failRequests([]);
  await app.getByRole('textbox', { name: 'Name' }).fill('');

  await fail(app, /^\/api\/apikey\/\d+\/revoke$/, 'POST', [404], 'API key not found.');
  await app
    .getByRole('button', { name: /^Revoke key/ })
    .first()
    .click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await app.getByRole('button', { name: 'Reload the list' }).waitFor();
  await app.getByRole('dialog').waitFor({ state: 'hidden' });
  await shoot('11b-api-keys-key-gone');
  await app.failRequests([]);

  await fail(app, /^\/api\/account$/, 'GET', [500], 'Server error');
  await app.getByRole('button', { name: 'Revoke every key…' }).click();
  const revokeAll = app.getByRole('dialog', { name: 'Revoke every key?' });
  await revokeAll.getByRole('alert').waitFor();
  await shoot('11c-revoke-all-account-error');
  await revokeAll.getByRole('button', { name: 'Cancel' }).click();
  await revokeAll.waitFor({ state: 'hidden' });
  await app.failRequests([]);

  // Back on the overview: the purges above are listed, the idle key and two-factor still ask.
  await nav(app, 'Overview', 'Overview');
  await app.getByRole('region', { name: 'Recently purged' }).getByRole('list').waitFor();
  await shoot('11d-overview-after-purges');

  await nav(app, 'Account', 'Account');
  await shoot('12-account');
  await app.getByRole('button', { name: 'Turn on two-factor' }).click();
  const wizard = app.getByRole('dialog');
  await wizard.getByRole('textbox', { name: 'Setup key' }).waitFor();
  await shoot('13-two-factor-dialog', {
    mask: [wizard.getByRole('img'), wizard.getByRole('textbox', { name: 'Setup key' })],
  });
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('textbox', { name: 'Authentication code' }).fill('000000');
  await wizard.getByRole('button', { name: 'Turn on' }).click();
  await wizard.getByRole('alert').waitFor();
  await shoot('13b-two-factor-code-refused');
  await app.keyboard.press('Escape');
  await wizard.waitFor({ state: 'hidden' });

  await fail(app, /^\/api\/account\/2fa\/setup$/, 'POST', [503], 'Unavailable');
  await app.getByRole('button', { name: 'Turn on two-factor' }).click();
  await app.getByRole('dialog').getByRole('alert').waitFor();
  await shoot('13a-two-factor-setup-error');
}

for (const engineName of flags.engine) {
  const dir = join(outDir, engineName);
  mkdirSync(dir, { recursive: true });
  for (const colorScheme of schemes) {
    // The colour scheme is the browser's (Firefox and WebKit set it at launch).
    const engine = await launchEngine(engineName, { colorScheme, forScreenshots: true });
    try {
      for (const size of sizes) {
        // A fresh server each time: the demo data (keys, purges) starts the same in every set.
        const mock = await startMock();
        const tab = await engine.newTab();
        const app = new App(engineName, tab, mock.url);
        try {
          console.log(`${engineName} ${size.name} ${size.width}x${size.height}, ${colorScheme}:`);
          await run(app, dir, size, colorScheme);
        } catch (error) {
          await app.screenshot(join(dir, `zz-failed-${size.name}-${colorScheme}.png`));
          throw error;
        } finally {
          await tab.close();
          await mock.stop();
        }
      }
    } finally {
      await engine.close();
    }
  }
}
console.log(`Screenshots in ${outDir}/<engine>/`);
