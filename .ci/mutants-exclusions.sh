#!/usr/bin/env bash
# Every mutant left out in .cargo/mutants.toml (exclude_re) must still
# exist. Most entries name a line and a column, for one mutant judged
# equivalent; when code above it moves, the entry silently stops matching,
# the mutant it meant is tried again, and a wrong mutant could one day
# match. This lists every mutant of the crate without the config
# (`cargo mutants --list --no-config`, under a second) and fails naming
# each entry that matches none. Skipped when cargo-mutants is absent
# (.ci/mutants.sh installs it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

printf '\n==> %s\n' "mutants.toml exclusions still match (.ci/mutants-exclusions.sh)"

if ! cargo mutants --version >/dev/null 2>&1; then
    echo "mutants-exclusions: SKIPPED: cargo-mutants is not installed"
    exit 0
fi

all="$(mktemp)"
trap 'rm -f "$all"' EXIT
cargo mutants --list --no-config --colors never >"$all"

# The entries: the quoted strings inside `exclude_re = [ ... ]`, with
# TOML's `\\` read as one backslash (the regexes use no other escape).
stale=0
count=0
while IFS= read -r re; do
    count=$((count + 1))
    if ! grep -Eq -- "$re" "$all"; then
        echo "mutants-exclusions: matches no mutant: $re"
        stale=$((stale + 1))
    fi
done < <(sed -n '/^exclude_re = \[/,/^\]/p' .cargo/mutants.toml |
    sed -n 's/^ *"\(.*\)",\{0,1\} *$/\1/p' | sed 's/\\\\/\\/g')

if [[ "$count" -eq 0 ]]; then
    echo "mutants-exclusions: FAILED: no entry read from .cargo/mutants.toml"
    exit 1
fi
if [[ "$stale" -gt 0 ]]; then
    echo "mutants-exclusions: FAILED: $stale of $count entries match no mutant;" \
        "find where the mutant moved (cargo mutants --list --no-config) and fix the line"
    exit 1
fi
echo "mutants-exclusions: all $count entries match a mutant"
