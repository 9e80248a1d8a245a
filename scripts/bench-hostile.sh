#!/usr/bin/env bash
# Honest transfers per second into blocks while attackers hammer the node:
# a dev node in one process, `v8vm bench --hostile` in another, on loopback
# (attackers connect from 127.0.0.2). Fails if the node process died.
# Usage: scripts/bench-hostile.sh [SECONDS_PER_PHASE] [HONEST_TX_PER_SECOND].
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p v8vm-cli
v8vm="$CARGO_TARGET_DIR/release/v8vm"
data="$(mktemp -d)"
trap 'kill "$node" 2>/dev/null || true; wait "$node" 2>/dev/null || true; rm -rf "$data"' EXIT

# The slow-connection attacker holds thousands of sockets.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
"$v8vm" node --dev --data "$data" --rpc 127.0.0.1:0 >"$data/node.log" 2>&1 &
node=$!
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*JSON-RPC on \(http:[^ ]*\).*/\1/p' "$data/node.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$data/node.log"; exit 1; }
"$v8vm" bench --hostile "$url" --seconds "${1:-30}" --rate "${2:-300}"
if kill -0 "$node" 2>/dev/null; then
  echo "the node process is alive (pid $node)"
else
  echo "the node process died:"; tail -20 "$data/node.log"; exit 1
fi
