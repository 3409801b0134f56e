#!/usr/bin/env bash
# Vendors Cytoscape.js for the HTML export (src/export/html.rs embeds it with include_str!).
# Fetches the pinned npm package (the version tests/interop/node uses), copies its
# minified browser build and its licence here, and records the version and checksum.
#   usage: bash graph/vendor/update.sh [VERSION]
set -euo pipefail
cd "$(dirname "$0")"
version=${1:-3.34.4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$version" >/dev/null)
tar -xzf "$tmp/cytoscape-$version.tgz" -C "$tmp"
cp "$tmp/package/dist/cytoscape.min.js" cytoscape.min.js
cp "$tmp/package/LICENSE" LICENSE.cytoscape
{
  echo "cytoscape $version (npm)"
  sha256sum cytoscape.min.js
} > VERSION
echo "vendored cytoscape $version"
