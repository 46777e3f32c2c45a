#!/usr/bin/env bash
# Build the two engine modules with wasm-pack (web target) from the same crate, running wasm-opt
# once on each (npm's wasm-opt, binaryen compiled to JS, is the slowest step of the build):
#   pkg/web   the lean engine: evaluate, evaluateBatch, version, rules, loadMaster,
#             masterFileInfo, searchDrugs. What a page or portal evaluating claims downloads.
#   pkg/full  the same plus checkUke, evaluatePatient, checkFacilityStandard (cargo feature
#             `full`): loaded by Node (from disk), the page's UKE worker and facility tab, and
#             `init({ full: true })` in browsers.
# Node (pkg/node.js) instantiates pkg/full/santei_bg.wasm with the web target's glue (initSync),
# so no nodejs-target build is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Same flags as [package.metadata.wasm-pack.profile.release] in Cargo.toml. The producers and
# target_features sections carry nothing a host uses (the name section is dropped by -Oz anyway).
WASM_OPT_FLAGS=(-Oz --strip-producers --strip-target-features)
# The wasm modules are optimized for size; native builds keep opt-level 3.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
# Sizes, gzip -9, bytes (ARCHITECTURE.md, Size budget). Over its ceiling a module fails the build.
# The engine's ceiling is the budget of issues #2/#4 (250 KB); the full module's is a ratchet
# against growth (lower it as the module shrinks).
ENGINE_CEILING_GZ=250000
FULL_CEILING_GZ=300000

wasm-pack build --release --no-opt --target web --out-dir pkg/web --out-name santei
wasm-pack build --release --no-opt --target web --out-dir pkg/full --out-name santei -- --features full
# pkg/node was the nodejs target's output, unused since node.js runs the web glue: remove a stale one.
rm -rf pkg/node

fail=0
for dir in web full; do
  f=pkg/$dir/santei_bg.wasm
  wasm-opt "$f" -o "$f.opt" "${WASM_OPT_FLAGS[@]}" && mv "$f.opt" "$f"
  if [ "$dir" = web ]; then ceiling=$ENGINE_CEILING_GZ; else ceiling=$FULL_CEILING_GZ; fi
  raw=$(wc -c < "$f")
  gz=$(gzip -9c "$f" | wc -c)
  echo "build-wasm: $f $raw bytes, $gz gzipped (gzip -9; ceiling $ceiling)"
  if [ "$gz" -gt "$ceiling" ]; then
    echo "build-wasm: FAILED: $f is $gz bytes gzipped, over its ceiling of $ceiling (issues #2, #4; ARCHITECTURE.md, Size budget)" >&2
    fail=1
  fi
done
exit $fail
