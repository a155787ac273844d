#!/usr/bin/env bash
# Step 1 of the digest-lint GitHub Action (action.yml): decide which
# digest-lint to install and the cache key of its binary.
#
# In (environment):
#   VERSION            the `version` input: a tag, branch or commit of this
#                      repository; empty = the source the action itself was
#                      fetched at (github.action_path)
#   ACTION_PATH        github.action_path
#   ACTION_REPOSITORY  github.action_repository (owner/name)
#   SERVER_URL         github.server_url
# Out ($GITHUB_OUTPUT): key, and either path=DIR or git=URL with rev=SHA.
set -euo pipefail

out="${GITHUB_OUTPUT:-/dev/stdout}"

if [[ -z "${VERSION:-}" ]]; then
    # The action's own files: the key is a hash of what the build reads.
    cd "$ACTION_PATH"
    # Only the crate's own build inputs: the top-level manifest, lock file
    # and build script, and src/ (not fuzz/ or editors/, which have their
    # own manifests).
    hash="$(
        {
            for f in ./Cargo.toml ./Cargo.lock ./build.rs; do
                if [[ -f "$f" ]]; then echo "$f"; fi
            done
            find ./src -type f
        } | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -c 1-40
    )"
    {
        echo "key=src-${hash}"
        echo "path=${ACTION_PATH}"
    } >>"$out"
    echo "digest-lint from the action's own source (${ACTION_PATH}), content hash ${hash}"
    exit 0
fi

if [[ -z "${ACTION_REPOSITORY:-}" ]]; then
    echo "::error title=digest-lint action::cannot tell which repository the action comes from; leave \`version\` empty to use the action's own source"
    exit 1
fi
url="${SERVER_URL:-https://github.com}/${ACTION_REPOSITORY}"

if [[ "$VERSION" =~ ^[0-9a-fA-F]{40}$ ]]; then
    rev="$VERSION"
else
    # A tag or a branch: resolve it to a commit (a peeled annotated tag wins).
    refs="$(git ls-remote "$url" "refs/tags/${VERSION}" "refs/tags/${VERSION}^{}" "refs/heads/${VERSION}")"
    rev="$(awk -v t="refs/tags/${VERSION}^{}" '$2 == t { print $1 }' <<<"$refs")"
    [[ -n "$rev" ]] || rev="$(awk -v t="refs/tags/${VERSION}" '$2 == t { print $1 }' <<<"$refs")"
    [[ -n "$rev" ]] || rev="$(awk -v t="refs/heads/${VERSION}" '$2 == t { print $1 }' <<<"$refs")"
    if [[ -z "$rev" ]]; then
        echo "::error title=digest-lint action::\`version: ${VERSION}\` is no tag, branch or full commit of ${url}"
        exit 1
    fi
fi
{
    echo "key=rev-${rev}"
    echo "git=${url}"
    echo "rev=${rev}"
} >>"$out"
echo "digest-lint ${VERSION} = ${url} at ${rev}"
