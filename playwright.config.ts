import { defineConfig } from '@playwright/test';
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
 */
export default defineConfig<PanelOptions>({
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
    { name: 'mock', use: { servedBy: 'mock' } },
    { name: 'nginx', use: { servedBy: 'nginx' }, testMatch: NGINX_JOURNEYS },
  ],
});
