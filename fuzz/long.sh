#!/usr/bin/env bash
# A long fuzzing run of one target, as the runs reported in fuzz/README.md were made:
# no sanitizer, debug assertions (integer overflow panics), one process at a time in
# fork mode so the run goes on past crashes (each is saved in fuzz/artifacts/TARGET/),
# niced so that other work on the machine goes first. The corpus grows in
# fuzz/corpus/TARGET (seeded by seed.sh), the log goes to fuzz/logs/.
#
# usage: fuzz/long.sh TARGET [SECONDS] [extra libFuzzer flags]
#   FUZZ_SKIP_KNOWN=1 fuzz/long.sh saved_graph 3600   skips inputs of bugs already reported
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
t="$1"
secs="${2:-600}"
shift $(($# >= 2 ? 2 : 1))
cd "$here"
[ -d "corpus/$t" ] || ./seed.sh >/dev/null
dict=()
case "$t" in
    document_extract|claims_readers|lexicon_loader) dict=(-dict="$here/corpus/claimgraph.dict") ;;
esac
mkdir -p "artifacts/$t" logs
log="logs/$t-$(date +%Y%m%d-%H%M).log"
echo "fuzzing $t for $secs s; log $log"
RUSTC_BOOTSTRAP=1 nice -n 10 cargo fuzz run --sanitizer none --debug-assertions "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$here/artifacts/$t/" "${dict[@]}" "$@" >"$log" 2>&1 || true
grep -E '^#[0-9]+: cov' "$log" | tail -n 1
ls "artifacts/$t"
# Panic message of each artifact (fork mode keeps the children's output out of the log).
for a in "artifacts/$t"/*; do
    [ -f "$a" ] || continue
    echo "== $a"
    "target/x86_64-unknown-linux-gnu/release/$t" "$a" 2>&1 | grep -A1 'panicked at' || true
done
