#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy, all tests, the libraries'
# API docs, and a type check of the example contracts against the contract
# API's declarations.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
# The libraries' API docs build without a warning (broken links, bad HTML).
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p v8vm-engine -p v8vm-state -p v8vm-compiler \
  -p v8vm-runtime -p v8vm-chain -p v8vm-node
# The TypeScript declarations of the contract API (types/v8vm.d.ts) check
# the example contracts (a pinned tsc from the npm registry, cached by npm).
npx --yes --package typescript@5.9.3 tsc -p types/tsconfig.json
