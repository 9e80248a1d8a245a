#!/usr/bin/env bash
# Compiles the benchmark's ERC-20 peer (crates/peers/fixtures/Erc20.sol) with
# solc from npm (pinned, optimizer on) and writes its runtime bytecode, hex,
# next to it. The output is committed; run this only after changing the
# contract.
set -euo pipefail
cd "$(dirname "$0")/.."
source="crates/peers/fixtures/Erc20.sol"
input="$(node -e '
  const fs = require("fs");
  const content = fs.readFileSync(process.argv[1], "utf8");
  console.log(JSON.stringify({
    language: "Solidity",
    sources: { "Erc20.sol": { content } },
    settings: { optimizer: { enabled: true, runs: 200 },
                outputSelection: { "*": { "*": ["evm.deployedBytecode.object"] } } },
  }));' "$source")"
# solcjs prints a note about SMT solvers before the JSON: keep the JSON line.
output="$(npx --yes --package solc@0.8.28 solcjs --standard-json <<<"$input" 2>/dev/null | grep "^{")"
node -e '
  const out = JSON.parse(process.argv[1]);
  for (const e of out.errors || []) if (e.severity === "error") { console.error(e.formattedMessage); process.exit(1); }
  process.stdout.write(out.contracts["Erc20.sol"].Erc20.evm.deployedBytecode.object);' "$output" \
  > crates/peers/fixtures/Erc20.bin-runtime
echo "wrote crates/peers/fixtures/Erc20.bin-runtime ($(wc -c <crates/peers/fixtures/Erc20.bin-runtime) hex chars, solc 0.8.28)"
