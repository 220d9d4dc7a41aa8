#!/usr/bin/env bash
# Installs bktool from this clone: builds the release (scripts/release.sh) and copies the binary, the bash/zsh/fish
# completions, the man page and the README under PREFIX (default ~/.local). Running it again replaces them.
# Usage: scripts/install.sh [--prefix DIR]
#        scripts/install.sh [--prefix DIR] --uninstall     removes exactly those files again
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"
uninstall=false
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --uninstall) uninstall=true; shift ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix is empty" >&2; exit 2; }

# Paths under PREFIX, the same as in the release tarball.
files=(
    bin/bktool
    share/man/man1/bktool.1
    share/bash-completion/completions/bktool
    share/zsh/site-functions/_bktool
    share/fish/vendor_completions.d/bktool.fish
    share/doc/bktool/README.md
    share/doc/bktool/LICENSE
)

if $uninstall; then
    removed=0
    for file in "${files[@]}"; do
        if [ -e "$prefix/$file" ]; then rm -f "$prefix/$file"; removed=$((removed + 1)); fi
    done
    rmdir "$prefix/share/doc/bktool" 2>/dev/null || true
    echo "removed $removed bktool files from $prefix"
    exit 0
fi

stage=$(bash scripts/release.sh --stage-only | tail -n 1)
[ -x "$stage/bin/bktool" ] || { echo "install.sh: the release build left no $stage/bin/bktool" >&2; exit 1; }
installed=0
for file in "${files[@]}"; do
    [ -f "$stage/$file" ] || continue
    mkdir -p "$(dirname "$prefix/$file")"
    # Copy beside, then rename: a running bktool is never overwritten in place.
    cp "$stage/$file" "$prefix/$file.new"
    if [ "$file" = bin/bktool ]; then chmod 755 "$prefix/$file.new"; else chmod 644 "$prefix/$file.new"; fi
    mv -f "$prefix/$file.new" "$prefix/$file"
    installed=$((installed + 1))
done
echo "installed $installed files under $prefix: $("$prefix/bin/bktool" --version)"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
