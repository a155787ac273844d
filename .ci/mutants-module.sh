#!/usr/bin/env bash
# Mutation test of one module in two stages, for working on a module's
# tests by hand (not part of .ci/run; MUTANTS.md has the measurements).
#
#   .ci/mutants-module.sh FILE [TEST...]
#
# Stage 1 tests every mutant of FILE against only the test targets named:
# `lib` for the library's unit tests, any other name for tests/NAME.rs
# (default: `lib rules`). Cargo then builds and links a few test binaries
# per mutant instead of all ~25, and runs none of the slow ones (hostile,
# crash_safety) that a mutant caught late in the alphabet waits for.
#
# Stage 2 takes the mutants stage 1 missed (a subset can miss what the
# whole suite catches) and tests them against the whole suite, with
# cargo-mutants' --iterate. Only stage 2's result counts as missed. A
# mutant that made stage 1's tests hang (a timeout) counts as caught, as
# everywhere here. The last lines printed are the table rows of MUTANTS.md.
#
# Both stages build with the `mutants` profile (Cargo.toml: no debug
# information, so far less to link), niced, one mutant at a time.
#
# Settings:
#   MUTANTS_RE=REGEX      only the mutants whose name matches (cargo mutants -F)
#   MUTANTS_OUT=DIR       where the reports go (default target/mutants-module/NAME;
#                         DIR/stage1 is stage 1's, DIR/mutants.out the final one)
#   MUTANTS_IN_PLACE=1    mutate this tree in place and reuse its target/
#                         (fast; for a worktree kept for the purpose: do not
#                         edit it meanwhile). Otherwise cargo-mutants copies
#                         the tree and builds it from scratch once a stage.
#   MUTANTS_TIMEOUT=S     stage 1's test timeout in seconds (default:
#                         cargo-mutants'). Stage 2 always keeps cargo-mutants'
#                         own: the whole suite's unmutated run takes minutes,
#                         and a timeout shorter than that stops stage 2 at once
#   MUTANTS_STAGES=1      stage 1 only (a quick look: what it leaves is not yet
#                         known to be missed); MUTANTS_STAGES=2 runs stage 2 on
#                         the stage 1 report already in MUTANTS_OUT
#   MUTANTS_SKIP=NAME     stage 1 skips the unit tests whose name holds NAME
#                         (default `server::tests`, unless FILE is in src/server:
#                         the language server's tests wait 20 s for each answer
#                         a panicking check never sends, a minute a mutant)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -lt 1 ]]; then
    sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 1
fi
file="$1"
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(lib rules)

# As --cargo-arg, not after `--`: cargo-mutants passes the arguments after
# `--` to `cargo test` only, so its build (`cargo test --no-run`) would
# still build and link every test target.
test_args=()
for t in "${targets[@]}"; do
    if [[ "$t" == lib ]]; then
        test_args+=(--cargo-arg=--lib)
    elif [[ -f "tests/$t.rs" ]]; then
        test_args+=("--cargo-arg=--test=$t")
    else
        printf 'mutants-module: no test target %s (tests/%s.rs)\n' "$t" "$t" >&2
        exit 1
    fi
done

name="$(printf '%s' "${file#src/}" | tr '/*' '__')"
out="${MUTANTS_OUT:-target/mutants-module/${name%.rs}}"
mkdir -p "$out"
# The test timeout is cargo-mutants' own (.cargo/mutants.toml: three times
# the unmutated run of the stage's tests, at least a minute).
common=(--profile mutants --no-shuffle --colors never --build-timeout 1200
    --output "$out" --file "$file")
[[ -z "${MUTANTS_RE:-}" ]] || common+=(--re "$MUTANTS_RE")
[[ "${MUTANTS_IN_PLACE:-0}" != 1 ]] || common+=(--in-place)

# A failing snapshot (tests/rules.rs) must not leave .snap.new files
# behind, nor a failing property test a seed in its .proptest-regressions.
export INSTA_UPDATE=no PROPTEST_DISABLE_FAILURE_PERSISTENCE=1

say() { printf 'mutants-module: %s\n' "$*"; }

# Exit codes of cargo mutants: 0 all caught, 2 some missed, 3 some timed
# out; anything else (the baseline failed, bad arguments) stops here.
run() {
    local status=0
    nice -n 19 cargo mutants "$@" || status=$?
    case "$status" in
    0 | 2 | 3) ;;
    *)
        say "FAILED: cargo mutants exited $status"
        exit 1
        ;;
    esac
}

# How many lines of report file $2 name a mutant of file $1 (of any file
# when $1 is empty); 0 when there is no such report.
n() {
    if [[ -f "$2" ]]; then
        awk -F: -v f="$1" 'f == "" || $1 == f { n++ } END { print n + 0 }' "$2"
    else
        echo 0
    fi
}

start=$SECONDS
s1="$out/stage1"
stages="${MUTANTS_STAGES:-12}"
if [[ "$stages" == *1* ]]; then
    say "stage 1: $file against ${targets[*]}"
    rm -rf "$s1" "$out/mutants.out" "$out/mutants.out.old"
    # A property test that fails has caught its mutant: no time on shrinking.
    export PROPTEST_MAX_SHRINK_ITERS=0
    skip="${MUTANTS_SKIP-server::tests}"
    [[ "$file" != src/server/* ]] || skip="${MUTANTS_SKIP-}"
    binary_args=()
    [[ -z "$skip" ]] || binary_args=(-- -- --skip "$skip")
    timeout=()
    [[ -z "${MUTANTS_TIMEOUT:-}" ]] || timeout=(--timeout "$MUTANTS_TIMEOUT")
    run "${common[@]}" "${timeout[@]}" "${test_args[@]}" "${binary_args[@]}"
    unset PROPTEST_MAX_SHRINK_ITERS
    cp -a "$out/mutants.out" "$s1"
    say "stage 1 done in $((SECONDS - start)) s"
fi
[[ -d "$s1" ]] || { say "no stage 1 report in $s1"; exit 1; }
left="$(n "" "$s1/missed.txt")"

final="$s1"
if [[ "$stages" == *2* && "$left" -gt 0 ]]; then
    say "stage 2: the $left not caught by ${targets[*]}, against the whole suite"
    rm -rf "$out/mutants.out"
    cp -a "$s1" "$out/mutants.out"
    run "${common[@]}" --iterate
    final="$out/mutants.out"
elif [[ "$left" -gt 0 ]]; then
    say "stage 2 not run: the $left mutants below are not known to be missed"
fi
say "done in $((SECONDS - start)) s"

# One row per file for MUTANTS.md: mutants, caught (of which timeouts),
# missed, unviable, score = caught / (caught + missed).
status=0
files="$(cat "$s1"/{caught,missed,timeout,unviable}.txt 2>/dev/null | cut -d: -f1 | sort -u)"
for f in $files; do
    total=0
    for kind in caught missed timeout unviable; do
        total=$((total + $(n "$f" "$s1/$kind.txt")))
    done
    unviable="$(n "$f" "$s1/unviable.txt")"
    caught="$(n "$f" "$s1/caught.txt")"
    timeouts="$(n "$f" "$s1/timeout.txt")"
    missed="$(n "$f" "$final/missed.txt")"
    if [[ "$final" != "$s1" ]]; then
        caught=$((caught + $(n "$f" "$final/caught.txt")))
        timeouts=$((timeouts + $(n "$f" "$final/timeout.txt")))
        unviable=$((unviable + $(n "$f" "$final/unviable.txt")))
    fi
    caught=$((caught + timeouts))
    score="$(awk -v c="$caught" -v m="$missed" \
        'BEGIN { if (c + m) printf "%.1f %%", 100 * c / (c + m); else print "-" }')"
    # shellcheck disable=SC2016 # the backquotes are Markdown
    printf '| `%s` | %s | %s (%s) | %s | %s | %s |\n' \
        "$f" "$total" "$caught" "$timeouts" "$missed" "$unviable" "$score"
    [[ "$missed" -eq 0 ]] || status=2
done
[[ "$status" -eq 0 ]] || { say "missed:"; sed 's/^/  /' "$final/missed.txt"; }
exit "$status"
