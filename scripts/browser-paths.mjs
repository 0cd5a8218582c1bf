// Where the end-to-end tests, the screenshots and the benchmark find Debian's browsers
// (scripts/setup-machine.sh installs them); each can be pointed elsewhere by an environment
// variable.
import { existsSync } from 'node:fs';

/** The Chromium that Playwright drives: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export function chromiumIsInstalled() {
  return existsSync(chromiumPath());
}

/** Debian's Firefox ESR, or `FIREFOX_PATH`. */
export function firefoxPath() {
  return process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

/** WebKitGTK's WebDriver (Debian's webkit2gtk-driver), or `WEBKIT_DRIVER_PATH`. */
export function webkitDriverPath() {
  return process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
}

/** The browser that WebKitWebDriver starts (same package set), or `MINIBROWSER_PATH`. */
export function miniBrowserPath() {
  return process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

/** Each browser or tool the journeys in every engine need that is not there, with its path. */
export function missingEngineTools() {
  return [
    ['Firefox', firefoxPath()],
    ['WebKitWebDriver', webkitDriverPath()],
    ['MiniBrowser', miniBrowserPath()],
    ['Xvfb', '/usr/bin/Xvfb'],
  ]
    .filter(([, path]) => !existsSync(path))
    .map(([name, path]) => `${name} at ${path}`);
}
