import { existsSync } from 'node:fs';

/** The Chromium that Playwright drives: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export function chromiumIsInstalled() {
  return existsSync(chromiumPath());
}
