#!/usr/bin/env bash
# Runs the whole test suite: installs the peer tools (ltchiptool, bk7231tools) at the versions pinned in
# Tests/peers/requirements.txt from PyPI into a virtualenv, builds the package, and runs `swift test`. Peer tests
# find the tools through BKTOOL_PEERS_BIN; in CI (CI=true) a missing peer is a failure, locally the peer tests skip.
# scripts/peers-latest.sh runs the peer suites against the newest releases instead.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${BKTOOL_VENV:-$PWD/.venv-peers}"
requirements="$PWD/Tests/peers/requirements.txt"
# The venv holds exactly the pinned versions: reinstalled when the requirements file changed since the last install.
if [ ! -x "$venv/bin/ltchiptool" ] || [ ! -x "$venv/bin/bk7231tools" ] || ! cmp -s "$requirements" "$venv/.pinned"; then
    echo "== installing pinned peers (Tests/peers/requirements.txt) into $venv"
    if ! python3 -m venv "$venv" 2>/dev/null; then
        # Debian's python3 needs python3-venv for ensurepip.
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
    if "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"; then
        cp "$requirements" "$venv/.pinned"
    else
        [ "${CI:-}" = true ] && exit 1
        echo "peers not installed: peer tests will skip"
    fi
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
