#!/usr/bin/env bash
# Fuzz smoke test for CI: builds the cargo-fuzz targets, replays the seed corpus made
# from the repository's files and every committed regression input in
# tests/fixtures/fuzz/<target>/, then fuzzes each target for a fixed number of runs from a
# fixed seed. Deterministic: the same commit passes or fails the same way every time (no
# time limit decides how far the fuzzer gets). Exits non-zero on any crash, hang or build
# failure. Long fuzzing is fuzz/long.sh, outside the gating run (fuzz/README.md).
#
# cargo fuzz needs nightly compiler flags (-Z sanitizer options, sancov); on the stable
# toolchain they are unlocked with RUSTC_BOOTSTRAP=1. If that does not work here, the
# smoke is skipped with the reason printed, except under CI=true, where it fails.
#
# Environment:
#   FUZZ_RUNS      fuzzing runs per target after the replay (default 4000)
#   FUZZ_SEED      libFuzzer's -seed (default 20261207)
#   FUZZ_TARGETS   space-separated targets (default: all four)
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
fixtures="$repo/tests/fixtures/fuzz"
runs="${FUZZ_RUNS:-4000}"
seed="${FUZZ_SEED:-20261207}"
targets="${FUZZ_TARGETS:-document_extract claims_readers lexicon_loader saved_graph}"
# The flags of the long runs (fuzz/README.md): no sanitizer (safe Rust; panics are what
# we look for), debug assertions on so integer overflow panics instead of wrapping.
fuzz_flags=(--sanitizer none --debug-assertions)
export RUSTC_BOOTSTRAP=1
t0=$SECONDS

skip_or_fail() {
    if [ "${CI:-}" = "true" ]; then
        echo "fuzz smoke: FAILED: $1" >&2
        exit 1
    fi
    echo "fuzz smoke: SKIPPED: $1" >&2
    exit 0
}

if ! command -v cargo >/dev/null; then
    skip_or_fail "cargo is not installed"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: installing cargo-fuzz (cargo install --locked cargo-fuzz)"
    cargo install --locked cargo-fuzz || skip_or_fail "cargo install cargo-fuzz failed"
fi

# Can this toolchain build a fuzz target? cargo fuzz instruments with rustc's sancov
# flags (and, with a sanitizer, -Zsanitizer, which needs RUSTC_BOOTSTRAP=1 on stable);
# libfuzzer-sys compiles libFuzzer with a C++ compiler.
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
echo 'fn main() {}' > "$probe/probe.rs"
if ! rustc -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing --edition 2021 --emit obj \
    -o "$probe/probe.o" "$probe/probe.rs" >"$probe/probe.log" 2>&1; then
    cat "$probe/probe.log" >&2
    skip_or_fail "this rustc does not accept cargo fuzz's instrumentation flags (RUSTC_BOOTSTRAP=1 set)"
fi
if ! command -v "${CXX:-c++}" >/dev/null; then
    skip_or_fail "no C++ compiler (${CXX:-c++}) to build libFuzzer"
fi

cd "$here" || exit 1
echo "fuzz smoke: building the fuzz targets"
if ! cargo fuzz build "${fuzz_flags[@]}"; then
    echo "fuzz smoke: FAILED: cargo fuzz build" >&2
    exit 1
fi
echo "fuzz smoke: built in $((SECONDS - t0)) s"

corpus="$probe/corpus"
"$here/seed.sh" "$corpus" >/dev/null || { echo "fuzz smoke: FAILED: seed.sh" >&2; exit 1; }

failures=()
for t in $targets; do
    echo "fuzz smoke: $t: replay the seed corpus, then ${runs} runs from seed ${seed}"
    dict=()
    case "$t" in
        document_extract|claims_readers) dict=(-dict="$corpus/claimgraph.dict") ;;
    esac
    mkdir -p "$probe/artifacts/$t"
    if ! cargo fuzz run "${fuzz_flags[@]}" "$t" "$corpus/$t" -- \
        -seed="$seed" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$probe/artifacts/$t/" "${dict[@]}" \
        >"$probe/$t.log" 2>&1; then
        grep -v '^#' "$probe/$t.log" | tail -n 60 >&2
        for a in "$probe/artifacts/$t"/*; do
            [ -f "$a" ] && echo "fuzz smoke: $t: crashing input (base64): $(base64 -w0 "$a")" >&2
        done
        failures+=("$t (fuzzing)")
    else
        grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec' "$probe/$t.log" |
            sed "s/^/  /"
    fi
    if [ -d "$fixtures/$t" ]; then
        for f in "$fixtures/$t"/*; do
            [ -f "$f" ] || continue
            if ! cargo fuzz run "${fuzz_flags[@]}" "$t" "$f" -- -runs=0 -timeout=10 \
                -rss_limit_mb=2048 >"$probe/replay.log" 2>&1; then
                grep -E "panicked at|^SUMMARY|ERROR: libFuzzer" "$probe/replay.log" >&2
                failures+=("$t: ${f#"$repo"/}")
            fi
        done
        echo "  replayed $(find "$fixtures/$t" -maxdepth 1 -type f | wc -l) regression inputs"
    fi
done

echo "fuzz smoke: done in $((SECONDS - t0)) s"
if [ "${#failures[@]}" -gt 0 ]; then
    echo "fuzz smoke: FAILED (${#failures[@]}):" >&2
    printf '  %s\n' "${failures[@]}" >&2
    exit 1
fi
echo "fuzz smoke: passed"
