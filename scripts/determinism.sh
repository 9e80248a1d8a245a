#!/usr/bin/env bash
# The determinism harness, long version: seeded random blocks over the
# example contracts, run with 1 and 4 workers, cold and warm code caches,
# blocks run twice on warm sandboxes, and on RocksDB with the VM stopped and
# the database reopened every 2 blocks; every receipt, gas figure and state
# digest must be identical. CI runs 300 transactions; this runs TXS (default
# 20000) with SEED (default 42). Usage: scripts/determinism.sh [TXS] [SEED].
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

V8VM_DETERMINISM_TXS="${1:-20000}" V8VM_DETERMINISM_SEED="${2:-42}" \
  cargo test --release --locked -p v8vm-runtime --test contracts determinism -- --nocapture
