#!/usr/bin/env bash
# Build pkg/web (the engine) and pkg/full (the full module) with wasm-pack (release, wasm-opt
# from npm binaryen), the unpack module and the default drug catalogue, then pkg/meta.js.
# Needs scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
npm run --silent build
