#!/usr/bin/env bash
# Installs Debian's Chromium for the browser runtime test (test/runtimes/chromium.mjs), unless it is
# already there. Needs root (CI containers) or sudo. The test starts the real binary the /usr/bin/chromium
# wrapper script names (usually /usr/lib/chromium/chromium); CHROMIUM_BIN overrides it.
set -euo pipefail

if [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_BIN:-}" ]; then
  echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo "${CHROMIUM_BIN:-}"))"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "chromium: need root or sudo to install it with apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
/usr/bin/chromium --version
