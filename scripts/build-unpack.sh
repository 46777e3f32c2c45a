#!/usr/bin/env bash
# Build pkg/unpack: crates/unpack (SSK ZIP / MHLW XLSX → CSV for loadMaster) as a second wasm
# module, which pkg/'s loadMasterFile loads only when it is given such a file. Not counted in the
# engine's 250 KB budget: the page never fetches it unless a user loads a ZIP or XLSX master.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
wasm-pack build crates/unpack --release --no-opt --target web \
  --out-dir ../../pkg/unpack --out-name santei_unpack
out=pkg/unpack/santei_unpack_bg.wasm
wasm-opt "$out" -o "$out.opt" -Oz && mv "$out.opt" "$out"
# wasm-pack's package.json, README copy and ".gitignore: *" are not part of santei's package.
rm -f pkg/unpack/package.json pkg/unpack/README.md pkg/unpack/.gitignore
echo "build-unpack: $out $(wc -c < "$out") bytes, $(gzip -9c "$out" | wc -c) gzipped"
