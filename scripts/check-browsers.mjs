// Fails the e2e run at once, with directions, when a browser, Xvfb or nginx is missing: never a
// silent skip. (nginx serves the build as deploy/nginx.conf says, for the `nginx` project; Firefox
// and WebKit run the journeys of e2e/every-engine/.)
import { existsSync } from 'node:fs';
import { chromiumIsInstalled, chromiumPath, missingEngineTools } from './browser-paths.mjs';

const problems = [];
if (!chromiumIsInstalled()) {
  problems.push(
    `No Chromium at ${chromiumPath()}.\n` +
      "Install Debian's browser with `bash scripts/setup-machine.sh` (or `apt-get install chromium`),\n" +
      "or point CHROME_PATH at a Chromium or Chrome binary. Playwright's own browser downloads are not used.",
  );
}
const missingEngines = missingEngineTools();
if (missingEngines.length > 0) {
  problems.push(
    `Missing for the journeys in every engine: ${missingEngines.join(', ')}.\n` +
      "Install Debian's firefox-esr, webkit2gtk-driver and xvfb with `bash scripts/setup-machine.sh`,\n" +
      'or point FIREFOX_PATH, WEBKIT_DRIVER_PATH or MINIBROWSER_PATH at another build.',
  );
}
const nginx = process.env.NGINX_PATH || '/usr/sbin/nginx';
const brotliModule = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
if (!existsSync(nginx) || (!process.env.NGINX_PATH && !existsSync(brotliModule))) {
  problems.push(
    `No nginx with brotli_static at ${nginx}.\n` +
      'Install it with `bash scripts/setup-machine.sh` (or `apt-get install nginx libnginx-mod-http-brotli-static`),\n' +
      'or point NGINX_PATH at an nginx that can load that module.',
  );
}
if (problems.length > 0) {
  console.error(problems.join('\n\n'));
  process.exit(1);
}
