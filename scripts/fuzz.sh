#!/usr/bin/env bash
# Fuzzes v8vm's input boundaries with cargo-fuzz (libFuzzer), one target at
# a time: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   SECONDS_PER_TARGET  how long each target runs (default 600)
#   TARGET...           which targets (default: all of `fuzz/fuzz_targets`)
#
# Corpora grow in fuzz/corpus/<target> (not in git) from the seeds in
# fuzz/seeds/<target> (in git; compile_source also reads examples/);
# fuzz/dicts/<target>.dict, when there is one, is libFuzzer's dictionary.
# An input that crashes, panics, hangs or runs out of memory is saved in
# fuzz/artifacts/<target>/ and listed at the end, and the script exits 1.
# Each target's libFuzzer output goes to fuzz/logs/<target>.log.
# Idempotent, needs no terminal (CI=true is fine).
# See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

seconds="${1:-600}"
[ $# -gt 0 ] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
  exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# cargo-fuzz builds with one nightly-only flag, -Zsanitizer=address (the
# coverage instrumentation is stable, -C flags). Only the stable toolchain can
# be relied on here (nightly downloads may be blocked); stable rustc ships the
# sanitizer runtimes, and RUSTC_BOOTSTRAP=1 lets it take the -Z flag.
# AddressSanitizer (cargo-fuzz's default) links and runs with V8 (Debian's
# libnode, not instrumented), so it stays on. LeakSanitizer is off, per input
# (-detect_leaks=0) and at exit (ASAN_OPTIONS): the node a target keeps for
# the whole run has V8 isolates, whose heap pages V8 tracks in memory it maps
# itself, which LeakSanitizer does not scan, so it reports them as leaks.
export RUSTC_BOOTSTRAP=1
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
SANITIZER=address

all_targets=()
for file in fuzz/fuzz_targets/*.rs; do
  all_targets+=("$(basename "$file" .rs)")
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$target.rs" ]; then
    echo "fuzz: no target '$target' (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done

echo "fuzz: building ${targets[*]} (sanitizer: $SANITIZER)"
(cd fuzz && cargo fuzz build --sanitizer "$SANITIZER")

mkdir -p fuzz/logs
failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  log="fuzz/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "fuzz/seeds/$target"
  before="$(ls "$artifacts")"
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # The first corpus folder gets the new inputs; the seeds are only read.
  # -timeout: an input running over 30 s counts as a hang (the RPC server's
  # own limit is 30 s per request).
  dict=()
  [ -f "fuzz/dicts/$target.dict" ] && dict=(-dict="dicts/$target.dict")
  # The example contracts seed the compiler too, read where they live.
  seeds=("seeds/$target")
  # Its seeds nest past the compiler's limits (1,000 brackets, 2,000
  # operators), so its inputs may be far longer than libFuzzer's default.
  max_len=()
  [ "$target" = compile_source ] && seeds+=(../examples) && max_len=(-max_len=131072)
  status=0
  (cd fuzz && cargo fuzz run --sanitizer "$SANITIZER" "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=30 -detect_leaks=0 -print_final_stats=1 "${dict[@]}" "${max_len[@]}") \
    >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  new="$(comm -13 <(echo "$before") <(ls "$artifacts") | sed "s|^|$artifacts/|")"
  if [ "$status" -ne 0 ] || [ -n "$new" ]; then
    failed+=("$target")
    summary+=("$target: FAILED (exit $status) after ${execs:-?} runs")
    echo "fuzz: $target FAILED (exit $status); the end of its log:" >&2
    { grep -v '^#[0-9]' "$log" || true; } | tail -40 >&2
    for file in $new; do
      echo "fuzz:   input saved: $file" >&2
      echo "fuzz:   reproduce:   (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s $SANITIZER $target ${file#fuzz/})" >&2
      echo "fuzz:   minimize:    (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s $SANITIZER $target ${file#fuzz/})" >&2
    done
  else
    summary+=("$target: ok, ${execs:-?} runs in ${seconds}s (${rate:-?}/s), corpus $(ls "$corpus" | wc -l) inputs")
  fi
done

echo "fuzz: summary"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes or hangs in: ${failed[*]}" >&2
  exit 1
fi
