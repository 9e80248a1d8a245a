#!/usr/bin/env bash
# The 5-minute tour, run for you: deploys and calls the example contracts,
# shows a failed transfer leaving state untouched, gas metering, a multi-file
# project compiled to an artifact, a block run through the VMManager, hostile
# contracts being stopped, and the VM's costs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release --locked -p v8vm-cli
v8vm="$CARGO_TARGET_DIR/release/v8vm"
echo "built $v8vm"
state="$(mktemp -d)/db"

# Prints a command (quoted so it can be pasted), then runs it; failed calls
# are part of the tour, so their exit code does not stop it.
step() { printf '\n$ '; printf '%q ' "$@"; printf '\n'; "$@" || true; }

step "$v8vm" run examples/hello.js hello '["world"]'
step "$v8vm" run examples/token.js transfer '["admin", "bob", "250"]' --db "$state"
step "$v8vm" run examples/token.js transfer '["admin", "carol", "50"]' --db "$state" --json
step "$v8vm" run examples/token.js holders --db "$state"
# One payment of the batch fails, so none of them happens.
step "$v8vm" run examples/token.js transferBatch '["admin", [{"to":"dave","amount":"5"},{"to":"erin","amount":"99999999"}]]' --db "$state"
step "$v8vm" run examples/token.js holders --db "$state"
step "$v8vm" run examples/token.js transfer '["admin", "bob"]' --db "$state"
# Every global of the contract API once: storage, blockchain, block, tx,
# console, IOSTCrypto, BigNumber, Int64, Float64.
step "$v8vm" run examples/tour.js tour '["admin"]'
# Every run committed a block; the digest commits to the whole state.
step "$v8vm" state --db "$state" digest
step "$v8vm" state --db "$state" keys token balances
# Gas: an endless loop runs out of gas; try/catch cannot stop that.
step "$v8vm" run crates/runtime/tests/hostile/loops.js caught --gas-limit 100000
# A project of many files (CommonJS, ES modules, JSON, node_modules) compiles
# into one artifact, which runs like the source.
artifact="$(dirname "$state")/multi.json"
step "$v8vm" compile crates/compiler/tests/fixtures/multi -o "$artifact"
step "$v8vm" run "$artifact" hello '["world"]'
step "$v8vm" run "$artifact" fail
# A block through the VMManager: deploys and calls from a JSON-lines file,
# one receipt per line, then the state digest; the output is the same for
# any number of workers (the pool's metrics go to stderr).
step "$v8vm" batch examples/block.jsonl --workers 2 --stats
# The deadline and the heap limit are backstops behind gas.
step "$v8vm" run crates/runtime/tests/hostile/loops.js plain --timeout-ms 100 --gas-limit 1000000000000
step "$v8vm" run crates/runtime/tests/hostile/bombs.js arrays --heap-limit-mb 64 --timeout-ms 20000
step "$v8vm" bench --quick
