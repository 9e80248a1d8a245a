#!/usr/bin/env bash
# The 5-minute tour, run for you: a dev node that takes signed transactions
# over JSON-RPC (deploy the token example, transfers, failures with their
# receipts, read-only calls, accounts); then the VM locally: the example
# contracts, a failed transfer leaving state untouched, gas metering, a
# multi-file project compiled to an artifact, a block run through the
# VMManager, hostile contracts being stopped, and the VM's costs.
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

# --- A node -------------------------------------------------------------------
# A development chain: funded accounts with well-known keys (their key files
# go to <data>/keys), a block as soon as transactions arrive.
node_data="$(mktemp -d)"
"$v8vm" node --dev --data "$node_data" --rpc 127.0.0.1:0 >"$node_data/node.log" 2>&1 &
node=$!
trap 'kill "$node" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*JSON-RPC on \(http:[^ ]*\).*/\1/p' "$node_data/node.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
cat "$node_data/node.log"
export V8VM_RPC="$url" V8VM_KEYS="$node_data/keys"
# Deploy the token example as alice: the node compiles its sources; the
# receipt returns the contract's id.
printf '\n$ v8vm deploy examples/token.js --as alice --json\n'
deployed="$("$v8vm" deploy examples/token.js --as alice --json)"
echo "$deployed"
token="$(sed -n 's/.*"return":"\(Contract[^"]*\)".*/\1/p' <<<"$deployed")"
step "$v8vm" send "$token" transfer '["alice", "bob", "250"]' --as alice
step "$v8vm" call "$token" balanceOf '["bob"]'
# Failures are receipts too, and still pay for their gas.
step "$v8vm" send "$token" transfer '["alice", "bob", "99999999"]' --as alice
step "$v8vm" send "$token" transfer '["alice", "bob", "1"]' --as bob
# The native token: token.iost; the transaction's amount limit bounds what
# may leave the signer's account.
step "$v8vm" send token.iost transfer '["iost", "alice", "carol", "12.5", "rent"]' --as alice --amount-limit iost:20
step "$v8vm" send token.iost transfer '["iost", "alice", "carol", "50", ""]' --as alice --amount-limit iost:20
step "$v8vm" account new dave --as alice
step "$v8vm" account show carol
kill "$node"

# --- The VM, locally ----------------------------------------------------------
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
