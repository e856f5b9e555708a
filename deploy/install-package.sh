#!/bin/sh
# Installs a packed OnePagePay (`npm pack`) into DEST with production dependencies only, at the
# versions package-lock.json pins. deploy/Dockerfile runs this, and so does
# test/deploy/install-from-tarball.test.ts, so the test installs exactly as the image does.
#   usage: install-package.sh TARBALL PACKAGE_LOCK DEST
set -eu
tarball=$1
lock=$2
dest=$3
mkdir -p "$dest"
tar -xzf "$tarball" --strip-components=1 -C "$dest"
cp "$lock" "$dest/package-lock.json"
cd "$dest"
# --ignore-scripts: the package is already built (dist/ is in the tarball); its `prepare` would rebuild with dev tools.
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
npm cache clean --force >/dev/null 2>&1 || true
