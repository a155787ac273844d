#!/usr/bin/env bash
# A real editor against `digest-lint server`: Neovim (Debian's 0.7, with its
# built-in LSP client) opens an invented digest headless, waits for the
# diagnostics, applies a quick fix, formats, runs the fix-all command, and
# reports (editors/nvim/init.lua). The final buffer must be what
# `check --fix` then `fmt` make of the same file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v nvim >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -n 1

cargo build --quiet --bin digest-lint
bin="$PWD/target/debug/digest-lint"
fixture="fixtures/lsp/2025-03-14.txt"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/edit" "$work/expected"
cp "$fixture" "$work/edit/"
cp "$fixture" "$work/expected/"
"$bin" check --fix "$work/expected/2025-03-14.txt" >/dev/null || true
"$bin" fmt "$work/expected/2025-03-14.txt" 2>/dev/null

report="$work/report"
status=0
HOME="$work" DIGEST_LINT="$bin" DIGEST_LINT_REPORT="$report" \
    timeout 180 nvim --headless -i NONE -u editors/nvim/init.lua "$work/edit/2025-03-14.txt" \
    </dev/null || status=$?
echo
cat "$report" 2>/dev/null || echo "nvim wrote no report"
if [[ $status -ne 0 ]] || ! grep -qx 'result: ok' "$report"; then
    echo "FAILED: the Neovim session (exit $status)" >&2
    exit 1
fi
if ! diff -u "$work/expected/2025-03-14.txt" "$report.txt"; then
    echo "FAILED: Neovim's buffer is not check --fix + fmt of the file" >&2
    exit 1
fi
echo "nvim: the buffer after the session is check --fix + fmt of the file"
