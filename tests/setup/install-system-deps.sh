#!/usr/bin/env bash
# System packages the tests need on Debian/Ubuntu: Chromium for end-to-end tests
# (Playwright cannot download its own browser here), fonts with Arabic glyphs,
# poppler-utils (pdftotext/pdftoppm/pdffonts), and GnuPG, argon2 and unzip to open
# evidence packages as a recipient would. Node.js itself: tests/setup/install-node.sh.
set -euo pipefail
bash "$(dirname "$0")/install-node.sh"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v gpg >/dev/null 2>&1 || need+=(gnupg)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v argon2 >/dev/null 2>&1 || need+=(argon2)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${need[*]} (and set CHROMIUM_PATH if Chromium is elsewhere)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
