# Sourced by the node benchmarks: builds the release binary and starts a
# dev node (`v8vm node --dev`) on a free loopback port over a temporary
# folder, stopped and removed when the script exits. Sets v8vm (the binary),
# node (its pid) and url (its JSON-RPC address).
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
