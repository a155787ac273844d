#!/usr/bin/env bash
# Proves the hooks of .pre-commit-hooks.yaml with the real pre-commit from
# PyPI. In a scratch git repository, `pre-commit try-repo` on this checkout
# must:
#   1. block a digest with an error finding, and show the finding;
#   2. fix a fixable digest, fail that first run because the file changed,
#      and pass the second run;
#   3. pass a clean digest and leave it untouched;
#   4. skip a .txt file whose name carries no date (the hooks' `files`);
# the format hook must rewrite the fixable digest and pass the clean one; and
# a real `git commit` through `pre-commit install`, configured as the README
# says, must be refused for the digest with an error and accepted for the
# clean one.
#
# What it proves is this checkout as it is on disk: tracked and untracked
# (not ignored) files are copied into a snapshot repository with one commit.
# (`try-repo PATH` alone would use PATH's HEAD plus a shadow commit of the
# *tracked* changes only: an untracked hook file would not be seen.)
#
# pre-commit builds a `language: rust` hook with `cargo install --path .` in
# a fresh clone. try-repo uses a throw-away store, so the only thing that
# survives between runs is cargo's build directory: CARGO_TARGET_DIR points
# at a cache, and only digest-lint itself is recompiled after the first run.
# The `git commit` part uses a persistent PRE_COMMIT_HOME and a snapshot with
# a fixed path and commit date, so it reuses its environment until the
# sources change.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
checkout="$PWD"

# shellcheck source=.ci/clients.sh
source .ci/clients.sh pre-commit

export PRE_COMMIT_COLOR=never
export CARGO_TERM_COLOR=never
unset DIGEST_LINT_OUTPUT_FORMAT GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

work="$(mktemp -d "${TMPDIR:-/tmp}/digest-lint-precommit.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() {
    printf '\nPRE-COMMIT PROOF FAILED: %s\n' "$*" >&2
    exit 1
}

seconds() { date +%s; }
started=$(seconds)

# --- the hook repository: a snapshot of this checkout ----------------------
# One snapshot path per checkout, so two checkouts can run this at once.
snapshot="${DIGEST_LINT_CI_CACHE}/precommit-hook-repo/$(printf '%s' "$checkout" | sha1sum | cut -c 1-12)"
rm -rf "$snapshot"
mkdir -p "$snapshot"
git -C "$checkout" ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do
        if [[ -f "$checkout/$f" ]]; then printf '%s\0' "$f"; fi
    done |
    tar -C "$checkout" --null -T - -cf - | tar -C "$snapshot" -xf -

# Caches for the builds pre-commit makes.
export CARGO_TARGET_DIR="${DIGEST_LINT_CI_CACHE}/precommit-target"
# pre-commit's `cargo install` uses the release profile. Each build compiles
# digest-lint afresh (a new clone path each time), which takes about a
# minute with full optimisation on two busy cores. What is proved here is
# how pre-commit drives the hooks, not the optimiser: build unoptimised and
# without debug info (the dependencies stay cached in CARGO_TARGET_DIR).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0
export CARGO_PROFILE_RELEASE_DEBUG=0
export PRE_COMMIT_HOME="${DIGEST_LINT_CI_CACHE}/pre-commit-home"

fixed_git() {
    # A commit that depends only on the content, so PRE_COMMIT_HOME can reuse
    # the environment built for it last time.
    GIT_AUTHOR_DATE='2025-01-01T00:00:00Z' GIT_COMMITTER_DATE='2025-01-01T00:00:00Z' \
        git -C "$1" -c user.name=digest-lint-ci -c user.email=ci@digest-lint.invalid \
        -c commit.gpgsign=false "${@:2}"
}
git -C "$snapshot" init --quiet
git -C "$snapshot" add --all
fixed_git "$snapshot" commit --quiet --no-verify -m "snapshot of the checkout under test"
hook_rev="$(git -C "$snapshot" rev-parse HEAD)"

# --- a digest repository ----------------------------------------------------
repo="$work/digests"
mkdir -p "$repo/digests"
git -C "$repo" init --quiet
git -C "$repo" config user.name "Digest Author"
git -C "$repo" config user.email "author@digest-lint.invalid"
git -C "$repo" config commit.gpgsign false
fixtures="$checkout/fixtures/precommit"
cp "$fixtures/error.txt" "$repo/digests/2025-06-03.txt"
cp "$fixtures/fixable.txt" "$repo/digests/2025-06-04.txt"
cp "$fixtures/clean.txt" "$repo/digests/2025-06-05.txt"
cp "$fixtures/clean.txt" "$repo/digests/reading-list.txt"
# The dates in the headers must match the file names.
sed -i '1s/.*/2025년 6월 4일/' "$repo/digests/2025-06-04.txt"
sed -i '1s/.*/2025년 6월 5일/' "$repo/digests/2025-06-05.txt"
cp "$repo/digests/2025-06-03.txt" "$work/error.before"
cp "$repo/digests/2025-06-05.txt" "$work/clean.before"
# What --fix must make of the fixable one: no trailing blanks, a final newline.
printf '%s\n' "$(sed 's/[[:blank:]]*$//' "$repo/digests/2025-06-04.txt")" >"$work/fixable.expected"
cp "$repo/digests/2025-06-04.txt" "$work/fixable.before"
git -C "$repo" add --all

# Each `try-repo` clones the hook repository into a throw-away store and
# builds it there, so the proofs 1-3 use it once each; the rest runs through
# a `.pre-commit-config.yaml` (the README's snippet) and a persistent store.
out=""
# hook_run KIND HOOK EXPECTED_EXIT FILE... : KIND is try-repo or run; prints
# the output and leaves it in $out.
hook_run() {
    local kind="$1" hook="$2" want="$3" status=0 t0
    shift 3
    t0=$(seconds)
    if [[ $kind == try-repo ]]; then
        out="$(cd "$repo" && pre-commit try-repo "$snapshot" "$hook" --ref "$hook_rev" --files "$@" 2>&1)" || status=$?
        # Drop the "Using config" banner, the same each time.
        out="$(printf '%s\n' "$out" | sed '1,/^=\{79\}$/d' | sed '1,/^=\{79\}$/d')"
    else
        out="$(cd "$repo" && pre-commit run "$hook" --files "$@" 2>&1)" || status=$?
    fi
    printf '\n--- pre-commit %s %s --files %s  (exit %s, %ss)\n%s\n' \
        "$kind" "$hook" "$*" "$status" "$(($(seconds) - t0))" "$out"
    [[ $status -eq $want ]] || fail "$hook on $*: exit $status, expected $want"
}
expect() {
    grep -qF -- "$1" <<<"$out" || fail "expected the output to contain: $1"
}
reject() {
    if grep -qF -- "$1" <<<"$out"; then fail "expected the output NOT to contain: $1"; fi
}

# 1. An error finding blocks the commit and is shown; the file is kept.
hook_run try-repo digest-lint 1 digests/2025-06-03.txt
expect "digest-lint....."
expect "Failed"
expect "E002"
expect "has no authors line"
expect "digests/2025-06-03.txt:2:1"
reject "files were modified by this hook"
cmp -s "$work/error.before" "$repo/digests/2025-06-03.txt" || fail "the hook changed the digest with the error"

# 2. A fixable one is fixed, and the run fails because the file changed.
hook_run try-repo digest-lint 1 digests/2025-06-04.txt
expect "Failed"
expect "files were modified by this hook"
cmp -s "$work/fixable.expected" "$repo/digests/2025-06-04.txt" ||
    fail "the fixed digest is not the fixture without trailing blanks and with a final newline"

# 3. A clean one passes untouched.
hook_run try-repo digest-lint 0 digests/2025-06-05.txt
expect "Passed"
reject "Failed"
cmp -s "$work/clean.before" "$repo/digests/2025-06-05.txt" || fail "the hook changed the clean digest"

# --- the same hooks through the README's `.pre-commit-config.yaml` ----------
# The first yaml block under "### pre-commit", with this snapshot for repo/rev.
awk '/^### pre-commit$/ { in_section = 1 }
     in_section && /^```yaml$/ { in_block = 1; next }
     in_block && /^```$/ { exit }
     in_block { print }' "$checkout/README.md" |
    sed -E "s|^( *- repo: ).*|\1${snapshot}|; s|^( *rev: )[^ ]*|\1${hook_rev}|" \
        >"$repo/.pre-commit-config.yaml"
if ! { grep -qF -- "- repo: ${snapshot}" "$repo/.pre-commit-config.yaml" &&
    grep -qF -- "rev: ${hook_rev}" "$repo/.pre-commit-config.yaml" &&
    grep -qF -- "id: digest-lint-format" "$repo/.pre-commit-config.yaml"; }; then
    fail "no .pre-commit-config.yaml snippet with repo, rev and both hooks under '### pre-commit' in README.md"
fi
git -C "$repo" add .pre-commit-config.yaml

# 2, second run: the fixed digest now passes.
hook_run run digest-lint 0 digests/2025-06-04.txt
expect "Passed"

# 4. A .txt file without a date in its name is not passed to the hooks.
hook_run run digest-lint 0 digests/reading-list.txt
expect "(no files to check)Skipped"

# The format hook rewrites the fixable digest and passes the clean one.
cp "$work/fixable.before" "$repo/digests/2025-06-04.txt"
hook_run run digest-lint-format 1 digests/2025-06-04.txt digests/2025-06-05.txt
expect "digest-lint format"
expect "files were modified by this hook"
cmp -s "$work/fixable.expected" "$repo/digests/2025-06-04.txt" || fail "fmt did not give the canonical text"
cmp -s "$work/clean.before" "$repo/digests/2025-06-05.txt" || fail "fmt changed the clean digest"
hook_run run digest-lint-format 0 digests/2025-06-04.txt digests/2025-06-05.txt
expect "Passed"

# A real `git commit`: refused with the finding shown, then a clean one.
git -C "$repo" reset --quiet
(cd "$repo" && pre-commit install >/dev/null)
cp "$work/error.before" "$repo/digests/2025-06-03.txt"
git -C "$repo" add .pre-commit-config.yaml digests/2025-06-03.txt
status=0
out="$(git -C "$repo" commit -m "add the digest of June 3" 2>&1)" || status=$?
printf '\n--- git commit (a digest with an error)  (exit %s)\n%s\n' "$status" "$out"
[[ $status -ne 0 ]] || fail "git commit of a digest with an error was accepted"
expect "E002"
if git -C "$repo" rev-parse --verify --quiet HEAD >/dev/null; then
    fail "a commit was made although the hook failed"
fi
git -C "$repo" rm --quiet --cached digests/2025-06-03.txt
git -C "$repo" add digests/2025-06-05.txt
status=0
out="$(git -C "$repo" commit -m "add the digest of June 5" 2>&1)" || status=$?
printf '\n--- git commit (a clean digest)  (exit %s)\n%s\n' "$status" "$out"
[[ $status -eq 0 ]] || fail "git commit of a clean digest was refused"
[[ "$(git -C "$repo" log --format=%s -1)" == "add the digest of June 5" ]] || fail "the clean commit is not there"

# Drop the environments of snapshots no longer in use.
pre-commit gc >/dev/null 2>&1 || true

printf '\npre-commit proof: all passed in %ss\n' "$(($(seconds) - started))"
