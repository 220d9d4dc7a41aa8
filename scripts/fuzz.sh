#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, `swiftc -sanitize=fuzzer`) of everything that parses user files or chip replies.
#   scripts/fuzz.sh TARGET SECONDS      fuzz one target (inspect, inspect-dump, tuya-store, boot-log, template,
#                                       obk-config, replies) for SECONDS; `all` runs every target in turn
#   scripts/fuzz.sh --list              the targets
# Builds fuzz/ (a package over this one) on its own scratch path .build-fuzz; seeds each run from the synthetic
# device (our own bytes), the repo's test fixtures and, when present, slices of the real dumps (shared/dumps beside the clone, docs/TESTING.md), field reports and
# peer outputs (written under .build-fuzz, never committed). The working corpus in .build-fuzz/corpus/TARGET grows
# from run to run. Prints libFuzzer's last status line (execs, cov, ft); exit 1 on any crash, leak, or timeout
# (the input is kept in .build-fuzz/artifacts/). Keep every finding as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(inspect inspect-dump tuya-store boot-log template obk-config replies)
usage() { echo "usage: scripts/fuzz.sh TARGET|all SECONDS   (targets: ${targets[*]})" >&2; exit 2; }
[ "${1:-}" = --list ] && { printf '%s\n' "${targets[@]}"; exit 0; }
[ $# -eq 2 ] || usage
target="$1"; seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "SECONDS must be a positive whole number" >&2; usage; }
if [ "$target" != all ] && ! printf '%s\n' "${targets[@]}" | grep -qx "$target"; then
    echo "unknown target '$target'" >&2; usage
fi

scratch="$PWD/.build-fuzz"
echo "== building fuzz targets (-sanitize=fuzzer) in $scratch"
log="$scratch/build.log"
mkdir -p "$scratch"
swift build -c release --package-path fuzz --scratch-path "$scratch" --product bkfuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >"$log" 2>&1 || true
binary="$scratch/bkfuzz"
# -lz: CZlibSupport (gzip of OpenBeken OTA packages) links the system zlib, which SwiftPM would add itself.
# SwiftPM links with the system's gold, which stops with an internal error (gold dwarf_reader.cc) on these objects;
# everything compiled, so link the same objects with the toolchain's lld (and SwiftPM's own main renaming).
objects=$(find "$scratch" -path '*release/bkfuzz.product/Objects.LinkFileList' | head -1)
if grep -q 'error:' "$log" && ! grep -q 'link command failed' "$log" || [ -z "$objects" ]; then
    grep -E 'error|warning' "$log" | head -20 >&2
    echo "fuzz build failed (log: $log)" >&2
    exit 1
fi
swiftc -lstdc++ -lz -L "$(dirname "$(dirname "$objects")")" -o "$binary" -module-name bkfuzz -emit-executable \
    -Xlinker --gc-sections -Xlinker --defsym -Xlinker main=bkfuzz_main "@$objects" \
    -sanitize=fuzzer -parse-as-library -use-ld=lld

shared="$(cd .. && pwd)/shared"
seeds="$scratch/seeds"
rm -rf "$seeds"
BKFUZZ_WRITE_SEEDS="$seeds" BKFUZZ_DUMPS="$shared/dumps" "$binary"
mkdir -p "$seeds/boot-log" "$seeds/template"
cp Tests/TuyaConfigTests/Fixtures/*bootlog* "$seeds/boot-log/" 2>/dev/null || true
cp Tests/TuyaConfigTests/Fixtures/*.json "$seeds/template/" 2>/dev/null || true
if [ -d "$shared/seeds" ]; then cp "$shared"/seeds/*.txt "$seeds/boot-log/" 2>/dev/null || true; fi
if [ -d "$shared/dumps/peer-outputs" ]; then
    # The templates and user_param_key JSON the peers printed: each {...} block of their outputs.
    python3 - "$shared/dumps/peer-outputs" "$seeds/template" <<'PY'
import os, re, sys
source, out = sys.argv[1:]
for name in sorted(os.listdir(source)):
    text = open(os.path.join(source, name), errors="replace").read()
    for number, block in enumerate(re.findall(r"^\{.*?^\}", text, re.S | re.M)[:4]):
        open(os.path.join(out, "%s-%d.json" % (name, number)), "w").write(block)
PY
fi

max_len() {
    case "$1" in
        inspect|tuya-store) echo 131072 ;;
        inspect-dump) echo 8192 ;;
        replies) echo 16384 ;;
        *) echo 65536 ;;
    esac
}

status=0
run_target() {
    local name="$1" corpus="$scratch/corpus/$1" log="$scratch/logs/$1.log"
    mkdir -p "$corpus" "$scratch/artifacts" "$scratch/logs"
    echo "== fuzzing $name for ${seconds}s"
    if BKFUZZ_TARGET="$name" SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "$seeds/$name" \
        -max_total_time="$seconds" -timeout=20 -max_len="$(max_len "$name")" -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$name-" >"$log" 2>&1; then
        echo "   $name: $(grep -E '^#[0-9]+' "$log" | tail -1)"
        echo "   $name: $(grep -E '^stat::number_of_executed_units' "$log" | sed 's/.*: */execs: /')," \
             "corpus $(find "$corpus" -type f | wc -l) files"
    else
        echo "   $name: FAILED (libFuzzer log: $log)"
        grep -E 'ERROR|Fatal error|Test unit written|SUMMARY' "$log" | head -8 | sed 's/^/   /'
        status=1
    fi
}
if [ "$target" = all ]; then
    for name in "${targets[@]}"; do run_target "$name"; done
else
    run_target "$target"
fi
exit $status
