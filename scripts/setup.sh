#!/usr/bin/env bash
# Installs what v8vm needs on a Debian 12 machine. Idempotent: it only acts
# on what is missing. Sourced by scripts/demo.sh and scripts/test.sh.
#
# V8 itself comes from Debian's libnode108/libnode-dev, which `apt-get
# install` cannot install beside a Node.js from another source: the engine's
# build script downloads the two packages with `apt-get download` and unpacks
# them into ~/.cache/v8vm/libnode. This script makes sure apt can do that.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root to run: $*" >&2; return 1; fi
}

# Apt lists: empty or stale on a fresh machine; refresh once if libnode108 is unknown.
if ! apt-cache policy libnode108 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  echo "setup: refreshing apt package lists"
  as_root apt-get update -qq
fi

missing=()
command -v g++ >/dev/null || missing+=(g++)
command -v dpkg-deb >/dev/null || missing+=(dpkg)
# The contract API's TypeScript declarations are checked with tsc, via npx.
command -v npx >/dev/null || missing+=(npm)
# RocksDB's build (librocksdb-sys) runs bindgen, which needs libclang.
dpkg-query -W -f='${Status}' libclang-dev 2>/dev/null | grep -q 'ok installed' || missing+=(libclang-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo (Rust) is required and not on PATH" >&2
  exit 1
fi

# One build cache for every run and every clone (CI reuses it too).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/v8vm/target}"
