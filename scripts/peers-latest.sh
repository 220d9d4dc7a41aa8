#!/usr/bin/env bash
# Runs the peer suites against the newest ltchiptool and bk7231tools on PyPI (on demand; CI uses the versions
# pinned in Tests/peers/requirements.txt) and prints what changed: package versions, then every peer test whose
# outcome differs from a run against the pinned versions. Exit 0 when the newest releases pass what the pinned
# ones pass, 1 otherwise. Usage: scripts/peers-latest.sh [--skip-pinned]   (--skip-pinned: only run the newest)
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="$PWD/Tests/peers/requirements.txt"
pinned_venv="${BKTOOL_VENV:-$PWD/.venv-peers}"
latest_venv="$PWD/.venv-peers-latest"
# The suites that drive a peer tool (Tests/bktoolTests/Peers, PeerInteropTests, pyserial interop).
filter='PeerTests|PeerInteropTests|PeerPackagerTests|EmulateBinaryTests|PySerialInteropTests'
skip_pinned=false
for argument in "$@"; do
    case "$argument" in
        --skip-pinned) skip_pinned=true ;;
        *) echo "unknown option: $argument (usage: scripts/peers-latest.sh [--skip-pinned])" >&2; exit 2 ;;
    esac
done

install_venv() { # venv, pip arguments…
    local venv="$1"; shift
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
}

echo "== pinned peers into $pinned_venv"
if ! cmp -s "$requirements" "$pinned_venv/.pinned"; then
    install_venv "$pinned_venv" -r "$requirements"
    cp "$requirements" "$pinned_venv/.pinned"
fi
echo "== newest peers into $latest_venv"
install_venv "$latest_venv" --upgrade ltchiptool bk7231tools

echo "== versions (pinned → newest)"
"$latest_venv/bin/pip" freeze --disable-pip-version-check | sed 's/==/ /' | sort > "$latest_venv/.frozen"
grep -v '^#' "$requirements" | sed 's/==/ /' | sort > "$latest_venv/.pinned-frozen"
changed=$(join -a1 -a2 -e '(none)' -o 0,1.2,2.2 "$latest_venv/.pinned-frozen" "$latest_venv/.frozen" \
    | awk '$2 != $3 { printf "  %s: %s → %s\n", $1, $2, $3 }')
echo "${changed:-  none: the newest releases are the pinned ones}"

swift build --build-tests >/dev/null
outcomes() { # venv, output file: one "passed|failed<TAB>test name" line per peer test
    BKTOOL_PEERS_BIN="$1/bin" CI=true swift test --skip-build --filter "$filter" 2>&1 \
        | sed -nE 's/^.*Test (.*) (passed|failed)( after| with).*$/\2\t\1/p' | sort -u > "$2"
}
echo "== peer suites against the newest releases"
outcomes "$latest_venv" "$latest_venv/.outcomes-newest"
cut -f1 "$latest_venv/.outcomes-newest" | sort | uniq -c | sed 's/^ */  /'
if [ "$skip_pinned" = true ]; then
    grep -P '^failed\t' "$latest_venv/.outcomes-newest" | sed 's/^failed\t/  FAILS with the newest: /' || true
    ! grep -q '^failed' "$latest_venv/.outcomes-newest"
    exit
fi
echo "== peer suites against the pinned releases"
outcomes "$pinned_venv" "$latest_venv/.outcomes-pinned"
echo "== tests whose outcome changed (pinned → newest)"
python3 - "$latest_venv/.outcomes-pinned" "$latest_venv/.outcomes-newest" <<'PY'
import sys
def load(path):
    return {name: result for result, name in (line.rstrip("\n").split("\t", 1) for line in open(path) if "\t" in line)}
pinned, newest = load(sys.argv[1]), load(sys.argv[2])
changes = [(name, pinned.get(name, "absent"), newest.get(name, "absent"))
           for name in sorted(set(pinned) | set(newest)) if pinned.get(name) != newest.get(name)]
for name, before, after in changes:
    print(f"  {name}: {before} → {after}")
if not changes:
    print("  none")
regressed = [c for c in changes if c[1] == "passed"]
sys.exit(1 if regressed else 0)
PY
