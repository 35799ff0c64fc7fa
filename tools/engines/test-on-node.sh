#!/usr/bin/env bash
# Runs every vitest project again on the other Node.js majors the packages support (engines:
# >=20), after `npm test` built them on this machine's Node. Each Node binary comes from the npm
# registry (the official build, published as node-<os>-<arch>), pinned here, and is kept in
# .cache/engines/ for the next run.
# Usage: tools/engines/test-on-node.sh [version ...]   (default: the pinned 22 and 24, then
# tools/engines/smoke-oldest-node.mjs on 20.0.0, the oldest Node that engines admits)
set -euo pipefail
cd "$(dirname "$0")/../.."

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22.23.3 24.21.0)

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "test-on-node: no Node build on the npm registry for $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "test-on-node: no Node build on the npm registry for $(uname -m)" >&2; exit 2 ;;
esac

cache=.cache/engines
mkdir -p "$cache"
# The Node binary of a version, fetched once.
node_home() {
  local home="$cache/node-$1"
  if [ ! -x "$home/bin/node" ]; then
    local download
    download=$(mktemp -d)
    (cd "$download" && npm pack --silent "node-$os-$arch@$1" >/dev/null)
    mkdir -p "$home"
    tar -xzf "$download"/*.tgz -C "$home" --strip-components=1
    rm -rf "$download"
  fi
  echo "$home"
}

for version in "${versions[@]}"; do
  home=$(node_home "$version")
  echo "== the tests on node $("$home/bin/node" --version)"
  PATH="$PWD/$home/bin:$PATH" npx vitest run
done

# The oldest Node that engines admits is too old for vitest: the built packages' smoke test there.
if [ $# -eq 0 ]; then
  home=$(node_home 20.0.0)
  echo "== the smoke test on node $("$home/bin/node" --version)"
  "$home/bin/node" tools/engines/smoke-oldest-node.mjs
fi
