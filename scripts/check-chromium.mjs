// Fails the e2e run at once, with directions, when no Chromium is there: never a silent skip.
import { chromiumIsInstalled, chromiumPath } from './chromium-path.mjs';

if (!chromiumIsInstalled()) {
  console.error(
    `No Chromium at ${chromiumPath()}.\n` +
      "Install Debian's browser with `bash scripts/setup-machine.sh` (or `apt-get install chromium`),\n" +
      "or point CHROME_PATH at a Chromium or Chrome binary. Playwright's own browser downloads are not used.",
  );
  process.exit(1);
}
