#!/usr/bin/env bash
# Tests the scripts of the GitHub Action (action/source.sh, action/run.sh)
# outside GitHub, with the environment a runner gives them:
#   - run.sh with a stand-in digest-lint that records its arguments: how the
#     inputs become a command line, `only-changed` against a real git
#     history, the SARIF second run, the summary switch, exit codes;
#   - the SARIF that run.sh writes itself (nothing to check) through
#     Microsoft's SARIF validator;
#   - source.sh: the cache key of the action's own source, and tags,
#     branches and commits resolved in a git repository;
#   - run.sh with the real digest-lint on the fixtures, once the CLI has
#     `--output-format github|sarif` and `--output-file`: annotations, and
#     the SARIF file through the validator.
# actionlint (.ci/actionlint.sh) checks action.yml itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
checkout="$PWD"

# shellcheck source=.ci/clients.sh
source .ci/clients.sh sarif-multitool

work="$(mktemp -d "${TMPDIR:-/tmp}/digest-lint-action.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() {
    printf '\nACTION TEST FAILED: %s\n' "$*" >&2
    exit 1
}
passed=0
ok() {
    passed=$((passed + 1))
    printf 'ok: %s\n' "$*"
}

# --- a digest repository with history ----------------------------------------
repo="$work/digests"
mkdir -p "$repo/digests/2025"
git -C "$repo" init --quiet
git -C "$repo" config user.name "Digest Author"
git -C "$repo" config user.email "author@digest-lint.invalid"
git -C "$repo" config commit.gpgsign false
for d in 01 02 03 04; do cp fixtures/precommit/clean.txt "$repo/digests/2025/2025-06-${d}.txt"; done
cp fixtures/precommit/clean.txt "$repo/digests/250605.txt"
git -C "$repo" add --all
git -C "$repo" commit --quiet -m base
base="$(git -C "$repo" rev-parse HEAD)"
echo changed >>"$repo/digests/2025/2025-06-01.txt"                      # modified
git -C "$repo" mv digests/2025/2025-06-02.txt "digests/2025/2025-06-02 notes.txt" # renamed
git -C "$repo" rm --quiet digests/2025/2025-06-03.txt                    # deleted
cp fixtures/precommit/clean.txt "$repo/digests/2025/2025-06-06.txt"      # added
cp fixtures/precommit/clean.txt "$repo/digests/reading-list.txt"          # undated
echo "*.txt" >"$repo/digests/pattern.md"                                  # not a digest
git -C "$repo" add --all
git -C "$repo" commit --quiet -m head
only_touched="$(git -C "$repo" rev-parse HEAD)"
echo "notes" >"$repo/README.md"
git -C "$repo" add --all
git -C "$repo" commit --quiet -m "no digest changed"

# --- a stand-in digest-lint ----------------------------------------------------
stub="$work/digest-lint"
cat >"$stub" <<'STUB'
#!/usr/bin/env bash
# Records one line per call: the format from the environment, whether a step
# summary is set, then the arguments, each in [brackets].
{
    printf 'format=%s summary=%s' "${DIGEST_LINT_OUTPUT_FORMAT:-}" "${GITHUB_STEP_SUMMARY:+set}"
    printf ' [%s]' "$@"
    printf '\n'
} >>"$STUB_LOG"
if [[ "${1:-}" == --version ]]; then echo "digest-lint 0.0.0-stub"; exit 0; fi
while [[ $# -gt 0 ]]; do
    if [[ "$1" == --output-file ]]; then echo '{"version":"2.1.0"}' >"$2"; exit "${STUB_SARIF_EXIT:-0}"; fi
    shift
done
exit "${STUB_EXIT:-0}"
STUB
chmod +x "$stub"

# run_action EXPECTED_EXIT [VAR=VALUE...]: run.sh in $repo with those inputs.
out=""
run_action() {
    local want="$1" status=0
    shift
    : >"$work/calls"
    out="$(cd "$repo" && env -i PATH="$PATH" HOME="$HOME" \
        DIGEST_LINT="$stub" STUB_LOG="$work/calls" \
        GITHUB_EVENT_NAME=pull_request GITHUB_STEP_SUMMARY="$work/summary.md" \
        INPUT_ARGS=check INPUT_FILES= INPUT_ONLY_CHANGED=false INPUT_CONFIG= \
        INPUT_SARIF_FILE= INPUT_SUMMARY=true BASE_SHA= \
        "$@" bash "$checkout/action/run.sh" 2>&1)" || status=$?
    [[ $status -eq $want ]] || fail "run.sh $*: exit $status, expected $want; output:
$out"
}
calls_are() {
    local want
    want="$(printf '%s\n' "$@")"
    [[ "$(cat "$work/calls")" == "$want" ]] || fail "digest-lint was called as
$(cat "$work/calls")
expected
$want"
}

run_action 0
calls_are "format=github summary=set [check]"
ok "defaults: \`digest-lint check\` with DIGEST_LINT_OUTPUT_FORMAT=github and the step summary"

run_action 1 STUB_EXIT=1
ok "error findings (exit 1) fail the step"
run_action 2 STUB_EXIT=2
ok "trouble (exit 2) fails the step"

run_action 0 INPUT_ARGS="check  --select E,C001
--fix" INPUT_FILES="digests/2025/*.txt
digests/250605.txt" INPUT_CONFIG=ci/digest-lint.toml INPUT_SUMMARY=false
calls_are "format=github summary= [check] [--select] [E,C001] [--fix] [--config] [ci/digest-lint.toml] [--] [digests/2025/*.txt] [digests/250605.txt]"
ok "args and files split on white space, never globbed; config; named files as named; summary off"

run_action 1 INPUT_ONLY_CHANGED=true BASE_SHA="$base" STUB_EXIT=1
calls_are "format=github summary=set [check] [--force-exclude] [--] [digests/2025/2025-06-01.txt] [digests/2025/2025-06-02 notes.txt] [digests/2025/2025-06-06.txt]"
grep -qF "only-changed: 3 digest(s) changed" <<<"$out" || fail "no count of changed digests in: $out"
ok "only-changed: the modified, renamed and added dated digests, with --force-exclude; not the deleted, undated or non-.txt files"

(cd "$repo" && git checkout --quiet "$only_touched")
run_action 0 INPUT_ONLY_CHANGED=true BASE_SHA="$only_touched" INPUT_SARIF_FILE=out/empty.sarif
calls_are "format= summary=set [--version]"
grep -qF "::notice title=digest-lint::only-changed: no dated digest" <<<"$out" || fail "no notice in: $out"
[[ -s "$repo/out/empty.sarif" ]] || fail "no SARIF written when nothing was checked"
validated="$(sarif-multitool validate "$repo/out/empty.sarif" -o "$work/empty.validation.sarif" 2>&1)" ||
    fail "the SARIF for 'nothing to check' is not valid: $validated"
if grep -q ': error ' <<<"$validated"; then fail "sarif-multitool: $validated"; fi
ok "only-changed, no digest changed: a notice, exit 0, and an empty SARIF log that sarif-multitool validates"
(cd "$repo" && git checkout --quiet -)

run_action 0 INPUT_ONLY_CHANGED=true BASE_SHA=0000000000000000000000000000000000000000
calls_are "format=github summary=set [check]"
grep -qF "has no base commit" <<<"$out" || fail "no notice in: $out"
ok "only-changed without a base (first push of a branch): every digest, with a notice"

run_action 0 INPUT_FILES=digests/250605.txt INPUT_ONLY_CHANGED=true BASE_SHA="$base"
calls_are "format=github summary=set [check] [--] [digests/250605.txt]"
ok "files wins over only-changed"

run_action 1 INPUT_SARIF_FILE=results/digest-lint.sarif STUB_EXIT=1
calls_are "format=github summary=set [check]" \
    "format= summary= [check] [--output-format] [sarif] [--output-file] [results/digest-lint.sarif]"
[[ -s "$repo/results/digest-lint.sarif" ]] || fail "no SARIF file"
ok "sarif-file: a second run writes SARIF (no annotations, no second summary); the first run's exit code stands"

run_action 2 INPUT_SARIF_FILE=results/digest-lint.sarif STUB_SARIF_EXIT=2
ok "a SARIF run in trouble fails the step"

run_action 0 INPUT_ARGS="fmt --check" INPUT_FILES=digests/250605.txt INPUT_SARIF_FILE=x.sarif
calls_are "format=github summary=set [fmt] [--check] [--] [digests/250605.txt]"
grep -qF "sarif-file is written by \`check\` only" <<<"$out" || fail "no warning in: $out"
ok "fmt --check: passed through; sarif-file warned about, not written"

# The README shows the example workflow as it is (less its opening comment).
python3 -c '
import sys
example = open("examples/workflows/digests.yml", encoding="utf-8").read()
body = example[example.index("name:"):]
sys.exit(0 if body in open("README.md", encoding="utf-8").read() else 1)
' || fail "README.md does not show examples/workflows/digests.yml as it is (from its name: line on)"
ok "README shows the example workflow as it is"

# --- source.sh -----------------------------------------------------------------
source_out() {
    : >"$work/source.out"
    env -i PATH="$PATH" HOME="$HOME" GITHUB_OUTPUT="$work/source.out" "$@" \
        bash "$checkout/action/source.sh" >/dev/null 2>&1
}
source_out ACTION_PATH="$checkout" VERSION=
key1="$(grep '^key=' "$work/source.out")"
grep -qx "path=$checkout" "$work/source.out" || fail "source.sh: no path output"
[[ "$key1" =~ ^key=src-[0-9a-f]{40}$ ]] || fail "source.sh: key '$key1'"
mkdir -p "$work/copy"
cp -r "$checkout/src" "$checkout/Cargo.toml" "$checkout/Cargo.lock" "$checkout/build.rs" "$work/copy/"
source_out ACTION_PATH="$work/copy" VERSION=
[[ "$(grep '^key=' "$work/source.out")" == "$key1" ]] || fail "source.sh: the same source gave another key"
echo "// changed" >>"$work/copy/src/main.rs"
source_out ACTION_PATH="$work/copy" VERSION=
[[ "$(grep '^key=' "$work/source.out")" != "$key1" ]] || fail "source.sh: a changed source kept its key"
ok "source.sh: the key of the action's own source follows its content"

# A stand-in for the action's repository on the server: server/owner/digest-lint.
mkdir -p "$work/server/owner"
git clone --quiet --bare "$repo" "$work/server/owner/digest-lint.git"
mv "$work/server/owner/digest-lint.git" "$work/server/owner/digest-lint"
git -C "$work/server/owner/digest-lint" tag v1 "$base"
git -C "$work/server/owner/digest-lint" -c user.name=t -c user.email=t@t.invalid tag -a -m "annotated" v1.2.0 "$only_touched"
main_branch="$(git -C "$repo" symbolic-ref --short HEAD)"
resolve() {
    source_out SERVER_URL="file://$work/server" ACTION_REPOSITORY=owner/digest-lint VERSION="$1"
    sed -n 's/^rev=//p' "$work/source.out"
}
[[ "$(resolve v1)" == "$base" ]] || fail "source.sh: tag v1"
[[ "$(resolve v1.2.0)" == "$only_touched" ]] || fail "source.sh: annotated tag v1.2.0 (must be the commit, not the tag object)"
[[ "$(resolve "$main_branch")" == "$(git -C "$repo" rev-parse HEAD)" ]] || fail "source.sh: branch"
[[ "$(resolve "$base")" == "$base" ]] || fail "source.sh: commit"
grep -qx "key=rev-$base" "$work/source.out" || fail "source.sh: key of a commit"
if source_out SERVER_URL="file://$work/server" ACTION_REPOSITORY=owner/digest-lint VERSION=v9; then
    fail "source.sh: an unknown version was accepted"
fi
ok "source.sh: version as a tag, an annotated tag, a branch or a commit; an unknown one fails"

# --- the real digest-lint ---------------------------------------------------------
# The binary `cargo test` built (a no-op right after it in .ci/run; `cargo run`
# would rebuild dependencies without the test build's features: minutes).
cargo test --no-run --quiet || fail "cargo test --no-run failed"
bin="$checkout/${CARGO_TARGET_DIR:-target}/debug/digest-lint"
[[ "${CARGO_TARGET_DIR:-}" == /* ]] && bin="$CARGO_TARGET_DIR/debug/digest-lint"
help="$("$bin" check --help)" || fail "could not run digest-lint check --help"
if grep -q -- '--output-file' <<<"$help" && grep -q 'github' <<<"$help" && grep -q 'sarif' <<<"$help"; then
    status=0
    out="$(cd "$checkout" && env -i PATH="$PATH" HOME="$HOME" DIGEST_LINT="$bin" \
        GITHUB_EVENT_NAME=push GITHUB_STEP_SUMMARY="$work/summary.md" \
        INPUT_ARGS=check INPUT_FILES="fixtures/precommit/error.txt fixtures/sample-digest.txt" \
        INPUT_ONLY_CHANGED=false INPUT_CONFIG= INPUT_SARIF_FILE="$work/real.sarif" \
        INPUT_SUMMARY=true BASE_SHA= bash action/run.sh 2>&1)" || status=$?
    printf '%s\n' "$out"
    [[ $status -eq 1 ]] || fail "the real run on a digest with an error: exit $status, expected 1"
    grep -q '^::error .*E002' <<<"$out" || fail "no ::error annotation for E002"
    grep -q '^::warning .*C002' <<<"$out" || fail "no ::warning annotation for C002"
    [[ -s "$work/summary.md" ]] || fail "no step summary written"
    validated="$(sarif-multitool validate "$work/real.sarif" -o "$work/real.validation.sarif" 2>&1)" ||
        fail "sarif-multitool rejects the action's SARIF: $validated"
    if grep -q ': error ' <<<"$validated"; then fail "sarif-multitool: $validated"; fi
    ok "the real digest-lint through run.sh: annotations, summary, exit 1, SARIF valid"
else
    cat >&2 <<'EOF'

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  digest-lint has no `--output-format github|sarif` / `--output-file` yet: !!
!!  the action's run with the REAL binary is SKIPPED (stand-in tests only).  !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
EOF
fi

echo "action: ${passed} passed, 0 failed"
