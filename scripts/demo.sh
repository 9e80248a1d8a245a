#!/usr/bin/env bash
# The 5-minute tour, run for you: deploys and calls the example contracts,
# shows a failed transfer leaving state untouched, a hostile contract being
# stopped, and the VM's basic costs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p v8vm-cli
v8vm="$CARGO_TARGET_DIR/release/v8vm"
echo "built $v8vm"
state="$(mktemp -d)/state.json"

# Prints a command (quoted so it can be pasted), then runs it; failed calls
# are part of the tour, so their exit code does not stop it.
step() { printf '\n$ '; printf '%q ' "$@"; printf '\n'; "$@" || true; }

step "$v8vm" run examples/hello.js hello '["world"]'
step "$v8vm" run examples/token.js transfer '["admin", "bob", "250"]' --state "$state"
step "$v8vm" run examples/token.js transfer '["admin", "carol", "50"]' --state "$state" --json
step "$v8vm" run examples/token.js holders --state "$state"
# One payment of the batch fails, so none of them happens.
step "$v8vm" run examples/token.js transferBatch '["admin", [{"to":"dave","amount":"5"},{"to":"erin","amount":"99999999"}]]' --state "$state"
step "$v8vm" run examples/token.js holders --state "$state"
step "$v8vm" run examples/token.js transfer '["admin", "bob"]' --state "$state"
step "$v8vm" run crates/runtime/tests/hostile/loops.js plain --timeout-ms 100
step "$v8vm" run crates/runtime/tests/hostile/bombs.js arrays --heap-limit-mb 64 --timeout-ms 20000
step "$v8vm" bench --quick
