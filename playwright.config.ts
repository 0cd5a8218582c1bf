import { defineConfig } from '@playwright/test';
import type { EngineName } from './e2e/fixtures/engines/engine';
import type { PanelOptions } from './e2e/fixtures/panel';
import { chromiumPath } from './scripts/browser-paths.mjs';

/** The journeys that must also hold behind deploy/nginx.conf, and the HTTP checks of hosting. */
const NGINX_JOURNEYS = [
  'foundation.spec.ts',
  'served-assets.spec.ts',
  'sign-in.spec.ts',
  'api-keys.spec.ts',
  'properties.spec.ts',
];

/**
 * End-to-end journeys in Debian's Chromium against a production build. Each test starts its own
 * mock server on a fresh data file (see e2e/fixtures/panel.ts), so tests that lock an account or
 * turn on two-factor cannot disturb each other. Project `mock`: the mock serves the build too;
 * project `nginx`: Debian's nginx runs deploy/nginx.conf in front of the mock, as a host would.
 * Every test fails on any Content-Security-Policy violation (e2e/fixtures/csp-guard.ts).
 * Projects `chromium`, `firefox` and `webkit`: the main journeys (e2e/every-engine/), written
 * once against an engine-neutral page (e2e/fixtures/every-engine.ts), in each engine.
 */
/** The main journeys, written once (e2e/every-engine/) and run in each of these engines. */
const EVERY_ENGINE = 'every-engine/**';
const engines: EngineName[] = ['chromium', 'firefox', 'webkit'];

export default defineConfig<PanelOptions & { engine: EngineName }>({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env['CI'] ? 2 : undefined,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'mock', use: { servedBy: 'mock' }, testIgnore: EVERY_ENGINE },
    {
      name: 'nginx',
      use: { servedBy: 'nginx' },
      testMatch: NGINX_JOURNEYS,
      testIgnore: EVERY_ENGINE,
    },
    ...engines.map((engine) => ({
      name: engine,
      use: { servedBy: 'mock' as const, engine },
      testMatch: EVERY_ENGINE,
      // WebKitGTK paints in software on Xvfb: each frame after a keystroke or click takes 0.1 to
      // 0.3 s on these machines, and its WebDriver waits for it.
      ...(engine === 'webkit' ? { timeout: 60_000 } : {}),
    })),
  ],
});
