#!/usr/bin/env bash
# Runs the whole test suite: installs the peer tools (ltchiptool, bk7231tools) from PyPI into a
# virtualenv, builds the package, and runs `swift test`. Peer tests find the tools through
# BKTOOL_PEERS_BIN; in CI (CI=true) a missing peer is a failure, locally the peer tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${BKTOOL_VENV:-$PWD/.venv-peers}"
if [ ! -x "$venv/bin/ltchiptool" ] || [ ! -x "$venv/bin/bk7231tools" ]; then
    echo "== installing peers (ltchiptool, bk7231tools) into $venv"
    if ! python3 -m venv "$venv" 2>/dev/null; then
        # Debian's python3 needs python3-venv for ensurepip.
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade ltchiptool bk7231tools \
        || { [ "${CI:-}" = true ] && exit 1; echo "peers not installed: peer tests will skip"; }
fi
export BKTOOL_PEERS_BIN="$venv/bin"

# zlib headers for the CZlibSupport target (OpenBeken OTA packages are gzipped).
if [ ! -f /usr/include/zlib.h ] && [ "$(uname)" = Linux ]; then
    echo "== installing zlib1g-dev"
    apt-get update -qq && apt-get install -y -qq zlib1g-dev >/dev/null
fi

echo "== swift build"
swift build
echo "== swift test"
swift test "$@"
