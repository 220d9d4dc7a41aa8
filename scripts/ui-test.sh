#!/usr/bin/env bash
# Browser tests of `bktool ui` (docs/TESTING.md "Browser tests"): installs Debian's chromium and chromium-driver
# when missing, Selenium (pinned in Tests/ui/requirements.txt) into a venv, builds bktool and runs Tests/ui/test_ui.py.
# Screenshots: .build/ui-screenshots/*.png (listed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "== installing chromium and chromium-driver"
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
venv="${BKTOOL_UI_VENV:-$PWD/.venv-ui}"
requirements=Tests/ui/requirements.txt
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/.pinned"; then
    echo "== installing Selenium (Tests/ui/requirements.txt) into $venv"
    python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; python3 -m venv "$venv"; }
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/.pinned"
fi
[ "${BKTOOL_UI_SKIP_BUILD:-}" = 1 ] || swift build --product bktool
rm -rf .build/ui-screenshots
BKTOOL=.build/debug/bktool SHOTS=.build/ui-screenshots CHROMIUM="$(command -v chromium)" \
    CHROMEDRIVER="$(command -v chromedriver)" "$venv/bin/python" Tests/ui/test_ui.py
