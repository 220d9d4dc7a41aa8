#!/usr/bin/env bash
# Builds a release that runs on a machine without Swift: the Swift runtime linked statically
# (--static-swift-stdlib), stripped, packed with bash/zsh/fish completions, a man page and the README as
#   out/bktool-<version>-linux-<arch>.tar.gz
# Usage: scripts/release.sh [--out DIR] [--stage-only]
#   --stage-only   build and lay out DIR/bktool-<version>-<os>-<arch>/ (bin/, share/…) without packing it
# The last line on stdout is the tarball (or the staged folder); sizes and the binary's shared libraries go to
# stderr. The man page comes from swift-argument-parser's generate-manual plugin (it builds the debug products).
set -euo pipefail
cd "$(dirname "$0")/.."

out="$PWD/out"
pack=true
while [ $# -gt 0 ]; do
    case "$1" in
        --out) [ $# -ge 2 ] || { echo "release.sh: --out needs a folder" >&2; exit 2; }; out="$2"; shift 2 ;;
        --stage-only) pack=false; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "release.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

version=$(sed -n 's/^ *static let string = "\([^"]*\)".*/\1/p' Sources/bktool/Version.swift)
[ -n "$version" ] || { echo "release.sh: no version in Sources/bktool/Version.swift" >&2; exit 1; }
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit-dirty"; fi
case "$(uname -s)" in
    # No FoundationNetworking (bktool firmware runs the system curl program), so nothing beyond glibc and minbase.
    Linux) os=linux; static=(--static-swift-stdlib) ;;
    Darwin) os=macos; static=() ;;  # macOS ships the Swift runtime; it cannot be linked statically there
    *) echo "release.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac
arch=$(uname -m)
name="bktool-$version-$os-$arch"
# Package.swift reads BKTOOL_BUILD_COMMIT into `bktool --version`.
export BKTOOL_BUILD_COMMIT="$commit"

echo "== release build of $name (commit $commit)" >&2
# ${a[@]+…}: an empty array under set -u in the bash 3.2 of macOS.
swift build -c release ${static[@]+"${static[@]}"} --product bktool >&2
binary="$(swift build -c release ${static[@]+"${static[@]}"} --show-bin-path)/bktool"

stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/doc/bktool" \
    "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" \
    "$stage/share/fish/vendor_completions.d"
cp "$binary" "$stage/bin/bktool"
if [ "$os" = linux ]; then strip --strip-all "$stage/bin/bktool"; else strip -x "$stage/bin/bktool"; fi
"$stage/bin/bktool" --version >/dev/null  # the stripped binary starts

# Completions: swift-argument-parser writes them (--generate-completion-script).
"$stage/bin/bktool" --generate-completion-script bash > "$stage/share/bash-completion/completions/bktool"
"$stage/bin/bktool" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_bktool"
"$stage/bin/bktool" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/bktool.fish"

echo "== man page (swift-argument-parser generate-manual plugin)" >&2
manuals=".build/plugins/GenerateManual/outputs/bktool"
rm -rf "$manuals"
swift package generate-manual --configuration debug >&2
[ -s "$manuals/bktool.1" ] || { echo "release.sh: the plugin wrote no $manuals/bktool.1" >&2; exit 1; }
cp "$manuals/bktool.1" "$stage/share/man/man1/bktool.1"

cp README.md "$stage/share/doc/bktool/README.md"
[ -f LICENSE ] || { echo "release.sh: no LICENSE" >&2; exit 1; }
cp LICENSE "$stage/share/doc/bktool/LICENSE"

size() { wc -c < "$1" | tr -d ' '; }
echo "binary: $(size "$stage/bin/bktool") bytes (stripped)" >&2
if [ "$os" = linux ]; then
    echo "shared libraries it needs (ldd):" >&2
    ldd "$stage/bin/bktool" | sed 's/ (0x[0-9a-f]*)//; s/^/    /' >&2
fi
if ! $pack; then echo "$stage"; exit 0; fi
tarball="$out/$name.tar.gz"
if [ "$os" = linux ]; then owner=(--owner=0 --group=0); else owner=(--uid 0 --gid 0); fi
tar -C "$out" -czf "$tarball" "${owner[@]}" "$name"
echo "tarball: $(size "$tarball") bytes" >&2
echo "$tarball"
