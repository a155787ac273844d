#!/usr/bin/env bash
# SARIF checked by Microsoft's own validator: `sarif-multitool validate` on
# the SARIF of the shared corpus (when it is here) and of every fixture.
# Any error or warning fails the step. Then the Rust test that runs the
# validator (tests/sarif.rs) runs with the validator on PATH.
#
# The validator comes from `.ci/clients.sh` when this checkout has it, else
# from npm (`npm install -g @microsoft/sarif-multitool`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -f .ci/clients.sh ]]; then
    # shellcheck source=/dev/null
    source .ci/clients.sh sarif-multitool
elif ! command -v sarif-multitool >/dev/null 2>&1; then
    npm install -g --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool
fi
sarif-multitool --version | head -n 1

bin="target/release/digest-lint"
if [[ ! -x "$bin" ]]; then
    cargo build --release
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# validate NAME MAX PATH...: SARIF of `check PATH...` (whose exit status
# may be at most MAX), then the validator on it.
validate() {
    local name="$1" max="$2" status=0 log
    shift 2
    "$bin" check "$@" --output-format sarif --output-file "$work/$name.sarif" || status=$?
    if [[ $status -gt $max || ! -s "$work/$name.sarif" ]]; then
        echo "FAILED: digest-lint check $* exited $status" >&2
        return 1
    fi
    log="$work/$name.log"
    status=0
    sarif-multitool validate "$work/$name.sarif" -o "$work/$name.validation.sarif" >"$log" 2>&1 || status=$?
    cat "$log"
    local results rules
    results="$(grep -c '"ruleId"' "$work/$name.sarif" || true)"
    rules="$(grep -c '"defaultConfiguration"' "$work/$name.sarif" || true)"
    echo "$name: ${results} results, ${rules} rules, $(wc -c <"$work/$name.sarif") bytes"
    if [[ $status -ne 0 ]] || grep -Eq ': (error|warning) [A-Z]+[0-9]+' "$log"; then
        echo "FAILED: sarif-multitool found errors or warnings in the SARIF of $name" >&2
        return 1
    fi
    echo "ok: the SARIF of $name is valid (no errors, no warnings)"
}

corpus="../shared/corpus"
if [[ -d "$corpus" ]]; then
    validate corpus 1 "$corpus"
else
    echo "no $corpus here: only the fixtures are validated"
fi
# Every fixture, named one by one (a folder walk takes dated names only).
# 2: W007's fixture holds a NUL byte on purpose and is skipped as binary.
mapfile -t fixtures < <(find fixtures -name '*.txt' | sort)
validate fixtures 2 "${fixtures[@]}"

# The Rust test that runs the validator, with the validator present.
cargo test --test sarif
