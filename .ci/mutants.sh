#!/usr/bin/env bash
# Mutation test of the last change: cargo-mutants on the code touched since
# the previous commit on main (on main itself: since HEAD~1; on a branch:
# since the commit of main it was last merged with), so that a new rule or
# a changed function arrives with tests that can fail. A missed mutant
# fails the run; the report is left in ./mutants.out (git ignores it).
#
# The whole crate (about 2,600 mutants) is far too long for here: the
# weekly workflow .github/workflows/mutants.yml runs it in shards, and
# MUTANTS.md has the scores and commands.
#
# Settings:
#   MUTANTS_BASE=REV     compare with REV instead
#   MUTANTS_MAX=N        test at most N mutants (default 12: a few minutes
#                        here, about 25 s a mutant on 2 shared cores); a
#                        larger diff is sampled evenly and says so
#   MUTANTS_INSTALL=0    never install cargo-mutants, skip when absent
#   MUTANTS_INSTALL_TIMEOUT=S  give up installing after S seconds (900)
#
# cargo-mutants is installed into ~/.cargo/bin once (about 6 minutes of
# build on this machine, measured); later runs find it there. Its build
# directory is kept under ~/.cache/digest-lint-ci so an interrupted install
# resumes instead of starting over.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="27.1.0"
max="${MUTANTS_MAX:-12}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/digest-lint-ci"

say() { printf 'mutants: %s\n' "$*"; }

printf '\n==> %s\n' "cargo mutants on the last change (.ci/mutants.sh)"

if ! git rev-parse --git-dir >/dev/null 2>&1; then
    say "SKIPPED: not a git checkout, so there is no last change to test"
    exit 0
fi

if [[ -n "${MUTANTS_BASE:-}" ]]; then
    base="$MUTANTS_BASE"
elif git rev-parse -q --verify main >/dev/null &&
    ! git merge-base --is-ancestor HEAD main; then
    base="$(git merge-base HEAD main)"
else
    base="HEAD~1"
fi
if ! git rev-parse -q --verify "$base^{commit}" >/dev/null; then
    say "SKIPPED: no commit $base to compare with"
    exit 0
fi

diff="$(mktemp)"
trap 'rm -f "$diff"' EXIT
# Only the library's source is mutated; tests and fixtures are not.
git diff "$base" HEAD -- 'src/*.rs' >"$diff"
if [[ ! -s "$diff" ]]; then
    say "no change to src/ since $(git rev-parse --short "$base"): nothing to mutate"
    exit 0
fi

have_mutants() { cargo mutants --version >/dev/null 2>&1; }

if ! have_mutants; then
    if [[ "${MUTANTS_INSTALL:-1}" != 1 ]]; then
        say "SKIPPED: cargo-mutants is not installed and MUTANTS_INSTALL=0"
        exit 0
    fi
    say "installing cargo-mutants $version into ~/.cargo/bin (once; minutes)"
    mkdir -p "$cache"
    start=$SECONDS
    if ! timeout "${MUTANTS_INSTALL_TIMEOUT:-900}" nice -n 19 \
        cargo install --locked --quiet "cargo-mutants@$version" \
        --target-dir "$cache/cargo-mutants-build" || ! have_mutants; then
        say "SKIPPED: cargo-mutants is not installed and could not be installed" \
            "(offline, or over ${MUTANTS_INSTALL_TIMEOUT:-900} s)"
        exit 0
    fi
    say "installed in $((SECONDS - start)) s"
fi

count="$(cargo mutants --list --in-diff "$diff" | wc -l)"
say "$count mutants in the change since $(git rev-parse --short "$base")"
if [[ "$count" -eq 0 ]]; then
    exit 0
fi
sample=()
if [[ "$count" -gt "$max" ]]; then
    shards=$(((count + max - 1) / max))
    sample=(--shard "0/$shards" --sharding round-robin)
    say "testing one in $shards of them (MUTANTS_MAX=$max); the weekly workflow tests all"
fi

# A copy of the tree with target/ copied too, so the build is incremental
# and the working tree is never mutated.
status=0
nice -n 19 cargo mutants --in-diff "$diff" "${sample[@]}" \
    --copy-target=true --jobs 1 --no-shuffle --colors never || status=$?
# cargo-mutants exits 3 when some mutants timed out even if others were
# missed: the list of missed mutants decides, not the status alone.
if [[ "$status" == 3 && -s mutants.out/missed.txt ]]; then
    status=2
fi
case "$status" in
0) say "every mutant caught" ;;
2)
    say "FAILED: mutants the tests did not catch (see mutants.out/missed.txt):"
    sed 's/^/  /' "mutants.out/missed.txt"
    say "add a test that fails for each, or, for an equivalent mutant, an"
    say "exclude_re entry with the reason in .cargo/mutants.toml"
    exit 1
    ;;
3) say "some mutants made the tests hang (timeouts count as caught here)" ;;
*)
    say "FAILED: cargo mutants exited $status"
    exit 1
    ;;
esac
