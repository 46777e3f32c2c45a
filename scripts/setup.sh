#!/usr/bin/env bash
# Set-up for building and testing santei on a fresh Debian 12 machine whose only network is the
# package registries (crates, npm, apt). Follows /work/shared/TOOLCHAIN.md; nothing comes from GitHub:
#   wasm-bindgen-cli from the crates registry at the version Cargo.lock pins,
#   wasm-opt from the npm package binaryen@132.0.0 (NEVER Debian's binaryen 108: it breaks the module),
#   chromium + chromium-driver from apt (only when missing).
# Idempotent: a second run takes a few seconds.
#   scripts/setup.sh                  everything
#   WITH_BROWSER=0 scripts/setup.sh   skip chromium (scripts/run.sh does not need it)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION="${WASM_PACK_VERSION:-0.15.1}"
WITH_BROWSER="${WITH_BROWSER:-1}"
step() { printf '\n== setup: %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# --locked first (reproducible); the registry mirror may lag behind a crate's own Cargo.lock
# (wasm-bindgen-cli 0.2.130 locks webpki-roots 1.0.11, which the mirror lacks), so fall back.
cargo_install() { cargo install --locked "$@" || cargo install "$@"; }

step "rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "wasm-pack $WASM_PACK_VERSION"
if ! wasm-pack --version 2>/dev/null | grep -qx "wasm-pack $WASM_PACK_VERSION"; then
  cargo_install wasm-pack --version "$WASM_PACK_VERSION"
fi

step "wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock"
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
# wasm-pack uses the wasm-bindgen on PATH only when its version equals Cargo.lock's exactly.
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  cargo_install wasm-bindgen-cli --version "$WB_VERSION" --force
fi
wasm-bindgen --version

step "npm packages (binaryen => wasm-opt, playwright-core)"
# npm ci installs exactly package-lock.json (about 2 s); skipped when node_modules is newer.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"
WO_VER="$(wasm-opt --version | awk '{print $3}')"
if [ "${WO_VER:-0}" -lt 116 ]; then
  echo "wasm-opt $WO_VER first on PATH is too old (Debian's binaryen 108 silently breaks the module)" >&2
  exit 1
fi
echo "wasm-opt: $(command -v wasm-opt) (version $WO_VER)"

if [ "$WITH_BROWSER" = 1 ]; then
  step "chromium + chromium-driver (apt, only when missing)"
  # A Japanese font too, so the page's screenshots show text rather than boxes (IPA Gothic, 8 MB).
  pkgs=()
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || pkgs+=(chromium chromium-driver)
  [ -n "$(fc-list :lang=ja 2>/dev/null)" ] || pkgs+=(fonts-ipafont-gothic)
  if [ ${#pkgs[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update   # the stale lists offer an older chromium than chromium-driver
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${pkgs[@]}"
  fi
  chromium --version 2>/dev/null || true
fi
step "done"
