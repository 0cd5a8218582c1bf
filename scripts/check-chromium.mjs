// Fails the e2e run at once, with directions, when no Chromium or no nginx is there: never a
// silent skip. (nginx serves the build as deploy/nginx.conf says, for the `nginx` project.)
import { existsSync } from 'node:fs';
import { chromiumIsInstalled, chromiumPath } from './chromium-path.mjs';

const problems = [];
if (!chromiumIsInstalled()) {
  problems.push(
    `No Chromium at ${chromiumPath()}.\n` +
      "Install Debian's browser with `bash scripts/setup-machine.sh` (or `apt-get install chromium`),\n" +
      "or point CHROME_PATH at a Chromium or Chrome binary. Playwright's own browser downloads are not used.",
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
