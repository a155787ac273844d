#!/usr/bin/env bash
# Packages the VS Code extension (editors/vscode, on vscode-languageclient)
# into a .vsix with @vscode/vsce, from the npm registry, and checks that the
# package holds the extension and the client library. Nothing is committed:
# node_modules and the .vsix stay out of git (editors/vscode/.gitignore).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../editors/vscode"

if ! command -v npm >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! command -v unzip >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
fi
node --version
node --check extension.js

npm ci --no-audit --no-fund --loglevel=error
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# No LICENSE file or repository URL in this folder: say so instead of
# letting vsce ask (CI has no standard input).
npx vsce package --skip-license --allow-missing-repository --out "$out/digest-lint.vsix" </dev/null |
    tail -n 1
listing="$(unzip -l "$out/digest-lint.vsix")"
for member in extension/package.json extension/extension.js \
    extension/node_modules/vscode-languageclient/package.json; do
    if ! grep -q " $member\$" <<<"$listing"; then
        echo "FAILED: $member is not in the .vsix" >&2
        exit 1
    fi
done
echo "vscode: $(stat -c %s "$out/digest-lint.vsix") bytes, extension and vscode-languageclient inside"
