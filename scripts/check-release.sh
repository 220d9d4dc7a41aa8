#!/usr/bin/env bash
# Release and remote-port checks (issue 17); .ci/run calls this after scripts/test.sh. Every step must pass:
#  1. installs ser2net and debootstrap with apt-get when they are missing
#  2. rfc2217:// and `emulate --tcp` tests against Debian's ser2net (swift test with BKTOOL_SER2NET set)
#  3. builds the release tarball (scripts/release.sh)
#  4. in a minimal Debian root without Swift (debootstrap, cached in .cache/debian-root): unpacks the tarball and
#     runs `bktool --version`, `bktool demo`, `bktool inspect <real dump>` and `bktool firmware fetch` (which must
#     say that curl is missing: minbase has none) through chroot (needs root)
#  5. scripts/install.sh --prefix into a temporary folder: --help, completions and man page; --uninstall removes them
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-release: FAILED: $*" >&2; exit 1; }
step() { echo "== check-release: $*"; }
export PATH="$PATH:/usr/sbin:/sbin"

step "tools (ser2net, debootstrap)"
missing=()
command -v ser2net >/dev/null || missing+=(ser2net)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v strip >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
fi
ser2net -v >/dev/null 2>&1 || fail "ser2net does not run"

step "rfc2217:// and emulate --tcp through ser2net $(ser2net -v 2>&1 | head -n 1 | awk '{print $NF}')"
BKTOOL_SER2NET="$(command -v ser2net)" swift test --filter 'RFC2217LinkTests|RemotePortEndToEndTests' \
    || fail "ser2net tests"

step "release tarball"
tarball=$(bash scripts/release.sh | tail -n 1)
[ -f "$tarball" ] || fail "scripts/release.sh made no tarball"

step "tarball in a minimal Debian root without Swift"
[ "$(id -u)" = 0 ] || fail "debootstrap and chroot need root"
# Cached outside the clone, so later runs on the same machine skip the ~5 min debootstrap.
root="${BKTOOL_DEBIAN_ROOT:-/var/cache/bktool-ci/debian-root}"
if [ ! -f "$root/.complete" ]; then
    rm -rf "$root" "$root.partial"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase bookworm "$root.partial" http://deb.debian.org/debian >/dev/null \
        || fail "debootstrap (log: $root.partial/debootstrap/debootstrap.log)"
    touch "$root.partial/.complete"
    mv "$root.partial" "$root"
fi
# The binary needs nothing beyond minbase: roots cached when it needed libcurl4 have it removed so the check is honest.
if chroot "$root" dpkg -s libcurl4 >/dev/null 2>&1; then
    chroot "$root" /bin/sh -c 'apt-get purge -y -qq libcurl4 && apt-get autoremove -y -qq' >/dev/null 2>&1 \
        || fail "removing libcurl4 from the cached Debian root"
fi
if find "$root" -name 'libcurl.so*' | grep -q .; then fail "the Debian root has libcurl"; fi
if chroot "$root" /bin/sh -c 'command -v swift' >/dev/null; then fail "the Debian root has swift"; fi
if find "$root" -name 'libswiftCore*' | grep -q .; then fail "the Debian root has a Swift runtime"; fi
rm -rf "$root/opt/bktool" "$root/tmp/bktool-check"
mkdir -p "$root/opt/bktool" "$root/tmp/bktool-check"
tar -xzf "$tarball" -C "$root/opt/bktool" --strip-components=1
[ -s "$root/opt/bktool/share/doc/bktool/LICENSE" ] || fail "the tarball has no LICENSE"
dump="Mirabella_Genio_I003632_Plug.bin"  # a real BK7231N plug dump from shared/dumps beside the clone (docs/TESTING.md; never printed: secrets)
cp "../shared/dumps/$dump" "$root/tmp/bktool-check/dump.bin" || fail "no ../shared/dumps/$dump"
# What every Linux system has mounted: /proc (without it the Swift runtime hands bktool no arguments) and a
# devpts for the demo's virtual chip (its own instance, so the root's /dev/ptmx finds it).
unmount_root() { umount "$root/dev/pts" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true; }
trap unmount_root EXIT
mount -t proc proc "$root/proc" || fail "mounting /proc in the Debian root"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts" || fail "mounting devpts in the Debian root"
chroot_bin=$(command -v chroot)
inside() { env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$chroot_bin" "$root" "$@"; }
version=$(inside /opt/bktool/bin/bktool --version) || fail "bktool --version in the Debian root"
commit=$(git rev-parse --short=12 HEAD)
case "$version" in *"commit $commit"*) ;; *) fail "--version says '$version', expected commit $commit" ;; esac
echo "bktool --version: $version"
inside /opt/bktool/bin/bktool demo --backup-dir /tmp/bktool-check/demo > "$root/tmp/bktool-check/demo.log" 2>&1 \
    || { tail -n 20 "$root/tmp/bktool-check/demo.log"; fail "bktool demo in the Debian root"; }
echo "bktool demo: exit 0 ($(wc -l < "$root/tmp/bktool-check/demo.log") lines)"
inside /opt/bktool/bin/bktool inspect /tmp/bktool-check/dump.bin > "$root/tmp/bktool-check/inspect.log" 2>&1 \
    || fail "bktool inspect in the Debian root (exit $?)"
grep -q "BK7231N" "$root/tmp/bktool-check/inspect.log" || fail "bktool inspect did not name the chip"
echo "bktool inspect: exit 0, names BK7231N"
# Minbase has no curl: `firmware fetch` must say so (exit 1), not crash or hang.
if inside /opt/bktool/bin/bktool firmware fetch --chip bk7231n --cache-dir /tmp/bktool-check/firmware \
        > "$root/tmp/bktool-check/fetch.log" 2>&1; then
    fail "bktool firmware fetch succeeded without curl"
fi
grep -q "needs the curl program" "$root/tmp/bktool-check/fetch.log" \
    || { cat "$root/tmp/bktool-check/fetch.log"; fail "bktool firmware fetch did not say that curl is missing"; }
echo "bktool firmware fetch without curl: exit 1, says curl is missing"
rm -rf "$root/tmp/bktool-check"
unmount_root
trap - EXIT

step "scripts/install.sh --prefix, then --uninstall"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
bash scripts/install.sh --prefix "$prefix" >/dev/null || fail "install.sh"
bash scripts/install.sh --prefix "$prefix" >/dev/null || fail "install.sh a second time"
"$prefix/bin/bktool" --help | grep -q "USAGE: bktool" || fail "installed bktool --help"
for file in share/man/man1/bktool.1 share/bash-completion/completions/bktool share/zsh/site-functions/_bktool \
            share/fish/vendor_completions.d/bktool.fish; do
    [ -s "$prefix/$file" ] || fail "install.sh did not install $file"
done
grep -q '^\.Dt BKTOOL 1' "$prefix/share/man/man1/bktool.1" || fail "the man page is not an mdoc page for bktool(1)"
bash scripts/install.sh --prefix "$prefix" --uninstall >/dev/null || fail "install.sh --uninstall"
left=$(find "$prefix" -type f | wc -l)
[ "$left" -eq 0 ] || fail "--uninstall left $left files: $(find "$prefix" -type f)"
echo "== check-release: all passed"
