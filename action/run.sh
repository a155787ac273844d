#!/usr/bin/env bash
# Step 3 of the digest-lint GitHub Action (action.yml): run digest-lint with
# GitHub annotations, optionally write SARIF, and exit with digest-lint's
# status (1 when error findings remain, 2 on trouble), failing the job.
#
# In (environment): the action's inputs as INPUT_ARGS, INPUT_FILES,
# INPUT_ONLY_CHANGED, INPUT_CONFIG, INPUT_SARIF_FILE, INPUT_SUMMARY;
# BASE_SHA (the pull request's base, or the commit before a push; may be
# empty); DIGEST_LINT (the binary; default `digest-lint` on PATH); and what
# the runner sets (GITHUB_EVENT_NAME, GITHUB_STEP_SUMMARY).
set -euo pipefail

bin="${DIGEST_LINT:-digest-lint}"

# Inputs are split on white space (spaces, tabs, new lines), never globbed.
set -f
# shellcheck disable=SC2206 # splitting is the point
args=(${INPUT_ARGS:-check})
# shellcheck disable=SC2206
files=(${INPUT_FILES:-})
set +f
if [[ ${#args[@]} -eq 0 ]]; then args=(check); fi
subcommand="${args[0]}"

is_true() { [[ "${1,,}" == true ]]; }

# A dated digest: the name starts with YYYY-MM-DD or YYMMDD (digest-lint's
# own reading of dates in file names) and ends in .txt.
dated='(^|/)([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{6})([-_. ][^/]*)?\.txt$'

write_empty_sarif() {
    # A valid SARIF log with no results, so an upload-sarif step after this
    # one has a file to send when there was nothing to check.
    local version
    version="$("$bin" --version 2>/dev/null | awk '{ print $NF }')" || version=""
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    # shellcheck disable=SC2016 # `$schema` is a JSON key, not a variable
    printf '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"digest-lint","version":"%s","rules":[]}},"results":[]}]}\n' \
        "${version:-unknown}" >"$INPUT_SARIF_FILE"
}

changed_only=""
if [[ ${#files[@]} -eq 0 ]] && is_true "${INPUT_ONLY_CHANGED:-false}"; then
    base="${BASE_SHA:-}"
    if [[ -z "$base" || "$base" =~ ^0+$ ]]; then
        echo "::notice title=digest-lint::only-changed: a ${GITHUB_EVENT_NAME:-local} run has no base commit to compare with, so every digest is checked"
    else
        if ! git rev-parse --quiet --verify "${base}^{commit}" >/dev/null; then
            # actions/checkout fetches one commit by default: get the base too.
            git fetch --quiet --no-tags --depth=1 origin "$base"
        fi
        mapfile -d '' -t changed < <(git diff --name-only --relative -z --no-renames --diff-filter=ACM "$base" HEAD)
        files=()
        for f in "${changed[@]}"; do
            if [[ "$f" =~ $dated ]]; then files+=("$f"); fi
        done
        if [[ ${#files[@]} -eq 0 ]]; then
            echo "::notice title=digest-lint::only-changed: no dated digest (YYYY-MM-DD*.txt, YYMMDD*.txt) changed since ${base:0:12}; nothing to check"
            if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then write_empty_sarif; fi
            exit 0
        fi
        echo "only-changed: ${#files[@]} digest(s) changed since ${base:0:12}"
        changed_only=1
    fi
fi

options=()
if [[ -n "${INPUT_CONFIG:-}" ]]; then options+=(--config "$INPUT_CONFIG"); fi
if [[ -n "$changed_only" && ($subcommand == check || $subcommand == fmt) ]]; then
    # A changed digest that the configuration excludes stays excluded. (What
    # the `files` input names is checked as named, as on the command line.)
    options+=(--force-exclude)
fi
paths=()
if [[ ${#files[@]} -gt 0 ]]; then paths=(-- "${files[@]}"); fi

if ! is_true "${INPUT_SUMMARY:-true}"; then unset GITHUB_STEP_SUMMARY; fi

status=0
echo "+ ${bin} ${args[*]} ${options[*]} ${paths[*]}"
DIGEST_LINT_OUTPUT_FORMAT=github "$bin" "${args[@]}" "${options[@]}" "${paths[@]}" || status=$?

if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then
    if [[ $subcommand != check ]]; then
        echo "::warning title=digest-lint::sarif-file is written by \`check\` only, not by \`${subcommand}\`"
    else
        mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
        sarif_status=0
        # The summary was written by the run above.
        env -u GITHUB_STEP_SUMMARY "$bin" "${args[@]}" "${options[@]}" \
            --output-format sarif --output-file "$INPUT_SARIF_FILE" "${paths[@]}" || sarif_status=$?
        if [[ $sarif_status -gt 1 || ! -s "$INPUT_SARIF_FILE" ]]; then
            echo "::error title=digest-lint::writing SARIF to ${INPUT_SARIF_FILE} failed (exit ${sarif_status})"
            [[ $status -gt 1 ]] || status=2
        else
            echo "SARIF written to ${INPUT_SARIF_FILE}"
        fi
    fi
fi

exit "$status"
