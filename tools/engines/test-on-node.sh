#!/usr/bin/env bash
# Runs every vitest project again on the other Node.js majors the packages support (engines:
# >=20), after `npm test` built them on this machine's Node. Each Node binary comes from the npm
# registry (the official build, published as node-<os>-<arch>), pinned here, and is kept in
# .cache/engines/ for the next run.
# Usage: tools/engines/test-on-node.sh [version ...]   (default: the pinned 22 and 24)
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
for version in "${versions[@]}"; do
  home="$cache/node-$version"
  if [ ! -x "$home/bin/node" ]; then
    download=$(mktemp -d)
    (cd "$download" && npm pack --silent "node-$os-$arch@$version" >/dev/null)
    mkdir -p "$home"
    tar -xzf "$download"/*.tgz -C "$home" --strip-components=1
    rm -rf "$download"
  fi
  echo "== the tests on node $("$home/bin/node" --version)"
  PATH="$PWD/$home/bin:$PATH" npx vitest run
done
