#!/usr/bin/env bash
# The main job: set up what building needs, build pkg/ (wasm for the web and Node), then serve
# the page on http://127.0.0.1:8080/www/ (PORT=... to change). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
WITH_BROWSER=0 scripts/setup.sh
scripts/build.sh
cargo build --quiet --bin santei
echo "santei: open http://127.0.0.1:$PORT/www/"
exec target/debug/santei serve --port "$PORT" --root .
