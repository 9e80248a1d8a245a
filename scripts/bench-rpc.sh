#!/usr/bin/env bash
# Signed token transfers per second through JSON-RPC into committed blocks:
# a dev node in one process, the load (`v8vm bench --rpc`) from another, on
# loopback, signatures verified at the door. Usage: scripts/bench-rpc.sh
# [COUNT] [SENDERS].
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p v8vm-cli
v8vm="$CARGO_TARGET_DIR/release/v8vm"
data="$(mktemp -d)"
trap 'kill "$node" 2>/dev/null || true; wait "$node" 2>/dev/null || true; rm -rf "$data"' EXIT

"$v8vm" node --dev --data "$data" --rpc 127.0.0.1:0 >"$data/node.log" 2>&1 &
node=$!
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*JSON-RPC on \(http:[^ ]*\).*/\1/p' "$data/node.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$data/node.log"; exit 1; }
"$v8vm" bench --rpc "$url" --count "${1:-5000}" --senders "${2:-4}"
