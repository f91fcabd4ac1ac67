#!/usr/bin/env bash
# Refresh static/vendor/ from the npm registry at the versions pinned in package.json.
# The copies are committed, so running the app never needs npm; run this only to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts
copy() {  # package, files...
  local pkg=$1; shift
  rm -rf "static/vendor/$pkg"; mkdir -p "static/vendor/$pkg"
  for file in "$@"; do cp "node_modules/$pkg/$file" "static/vendor/$pkg/"; done
  node -e "const p=require('./node_modules/$pkg/package.json');console.log(p.name+'@'+p.version)" \
    > "static/vendor/$pkg/VERSION"
}
copy htmx.org dist/htmx.min.js LICENSE
copy axe-core axe.min.js LICENSE
copy dejavu-fonts-ttf ttf/DejaVuSans.ttf ttf/DejaVuSans-Bold.ttf LICENSE  # PDF exports
echo "static/vendor/ refreshed:"; cat static/vendor/*/VERSION
