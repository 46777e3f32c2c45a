#!/usr/bin/env bash
# Every test, from a fresh machine: set-up (wasm target, wasm-pack, wasm-bindgen-cli at the
# Cargo.lock version, npm packages, chromium if missing), then rustfmt, clippy (native, and for
# wasm32 with and without the feature `full`), cargo test,
# the wasm build, the Node tests against pkg/ and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
t0=$(date +%s)
step() { printf '\n== test: %s (%ss)\n' "$*" "$(( $(date +%s) - t0 ))"; }

step "setup"
scripts/setup.sh
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy --workspace -- -D warnings"
cargo clippy --workspace --quiet -- -D warnings
step "cargo clippy, wasm32: the engine and the full module (src/wasm.rs, feature \`full\`)"
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --features full -- -D warnings
step "cargo test --workspace"
cargo test --workspace --quiet
step "build pkg/ (the engine and full wasm modules, the unpack module, the catalogue)"
scripts/build.sh
for wasm in pkg/web/santei_bg.wasm pkg/full/santei_bg.wasm pkg/unpack/santei_unpack_bg.wasm; do
  echo "$wasm: $(wc -c < "$wasm") bytes raw, $(gzip -9c "$wasm" | wc -c) bytes gzipped"
done
step "node --test tests/node/*.test.mjs"
node --test tests/node/*.test.mjs
shopt -s nullglob
browser_tests=(tests/browser/*.test.mjs)
if [ ${#browser_tests[@]} -gt 0 ]; then
  step "browser tests in headless Chromium: ${browser_tests[*]}"
  node --test --test-concurrency=1 "${browser_tests[@]}"
fi
step "all tests passed in $(( $(date +%s) - t0 ))s"
