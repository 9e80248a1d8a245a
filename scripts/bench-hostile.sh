#!/usr/bin/env bash
# Honest transfers per second into blocks while attackers hammer the node:
# a dev node in one process, `v8vm bench --hostile` in another, on loopback
# (attackers connect from 127.0.0.2 to 127.0.0.7). Fails if the node process
# died. Usage: scripts/bench-hostile.sh [SECONDS_PER_PHASE] [HONEST_TX_PER_SECOND].
set -euo pipefail
cd "$(dirname "$0")/.."
# The slow-connection attacker holds thousands of sockets (set before the
# node starts, so that both processes have them).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
source scripts/dev-node.sh

"$v8vm" bench --hostile "$url" --seconds "${1:-30}" --rate "${2:-300}"
if kill -0 "$node" 2>/dev/null; then
  echo "the node process is alive (pid $node)"
else
  echo "the node process died:"; tail -20 "$data/node.log"; exit 1
fi
