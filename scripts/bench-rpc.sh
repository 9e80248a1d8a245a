#!/usr/bin/env bash
# Signed token transfers per second through JSON-RPC into committed blocks:
# a dev node in one process, the load (`v8vm bench --rpc`) from another, on
# loopback, signatures verified at the door. Usage: scripts/bench-rpc.sh
# [COUNT] [SENDERS].
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/dev-node.sh

"$v8vm" bench --rpc "$url" --count "${1:-5000}" --senders "${2:-4}"
