#!/usr/bin/env bash
# Build pkg/web and pkg/node with wasm-pack (release, wasm-opt from npm binaryen) and, when the
# master helper's script exists, the default drug catalogue. Needs scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
npm run --silent build
