#!/usr/bin/env bash
# A short coverage-guided fuzzing run of every target in fuzz/ (about 20 s
# each), seeded with fuzz/seeds and the invented fixtures. Needs only
# stable Rust: cargo-fuzz is installed (cached in ~/.cargo/bin) and run with
# RUSTC_BOOTSTRAP=1, since it passes -Z flags to rustc. Any crash, panic or
# broken invariant fails the run and leaves the input in
# fuzz/artifacts/TARGET/ (keep it in fuzz/regressions/TARGET/).
#
#   .ci/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-20}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none
for target in parse check format fix; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus" "fuzz/artifacts/$target" "fuzz/regressions/$target"
    echo "fuzz $target for ${seconds}s"
    # -timeout: one input taking 10 s is a finding (a quadratic cost).
    status=0
    cargo fuzz run --sanitizer none "$target" "$corpus" fuzz/seeds fixtures \
        "fuzz/regressions/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 >"fuzz/artifacts/$target.log" 2>&1 || status=$?
    grep -E '^(Done|stat::number_of_executed_units)|panicked|SUMMARY' "fuzz/artifacts/$target.log" || true
    if [[ $status -ne 0 || -n "$(ls -A "fuzz/artifacts/$target")" ]]; then
        tail -n 40 "fuzz/artifacts/$target.log" >&2
        echo "fuzz $target: exit $status; inputs found are in fuzz/artifacts/$target" >&2
        exit 1
    fi
done
echo "fuzz: every target ran ${seconds}s without a finding"
