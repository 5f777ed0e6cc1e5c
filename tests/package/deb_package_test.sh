#!/usr/bin/env bash
# Builds the Debian package with cpack, unpacks it into a scratch root (dpkg -x, no root needed) and
# checks what a user would get: the control fields, the files, and the packaged tlw running from there.
# usage: deb_package_test.sh BUILD_DIR VERSION gui|nogui
set -euo pipefail

build_dir="$1"
version="$2"
gui="$3"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
checks=0

check() {  # check DESCRIPTION COMMAND...: runs the command, counts a failure with its description
    local description="$1"
    shift
    checks=$((checks + 1))
    if ! "$@"; then
        echo "FAILED: $description" >&2
        failures=$((failures + 1))
    fi
}

if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    echo "FAILED: cpack -G DEB" >&2
    exit 1
fi
mapfile -t debs < <(find "$scratch/out" -maxdepth 1 -name '*.deb')
if ((${#debs[@]} != 1)); then
    echo "FAILED: expected one .deb, found ${#debs[@]}" >&2
    exit 1
fi
deb="${debs[0]}"
echo "package: $(basename "$deb")"

# --- control fields ---
field() { dpkg-deb -f "$deb" "$1"; }
depends="$(field Depends)"
echo "Depends: $depends"
check "package name is tlworkbench" test "$(field Package)" = tlworkbench
check "version is the project's ($version)" test "$(field Version)" = "$version"
check "architecture is the machine's" test "$(field Architecture)" = "$(dpkg --print-architecture)"
check "Maintainer is set" test -n "$(field Maintainer)"
for needed in 'libc6' 'libstdc\+\+6' 'libtorch' 'libopencv-core' 'libopencv-imgcodecs' 'libhdf5' 'libfreetype6' \
    'fonts-arphic-ukai \| fonts-arphic-uming \| fonts-wqy-zenhei \| fonts-wqy-microhei' \
    'libopenblas0-pthread \| libopenblas0 \| libblis4 \| libmkl-rt'; do
    check "Depends names $needed" grep -Eq "(^|, )$needed" <<<"$depends"
done
check "Recommends all four fonts" grep -Eq 'fonts-arphic-ukai.*fonts-arphic-uming.*fonts-wqy-zenhei.*fonts-wqy-microhei' \
    <<<"$(field Recommends)"
check "no Qt dependency leaks into a package without the GUI" \
    bash -c '[[ "$1" == gui ]] || ! grep -q libqt6 <<<"$2"' _ "$gui" "$depends"
if [[ "$gui" == gui ]]; then
    check "Depends names Qt 6 Widgets" grep -q 'libqt6widgets6' <<<"$depends"
fi

# --- files ---
dpkg -x "$deb" "$scratch/root"
root="$scratch/root"
app_id=io.github.tlworkbench.tlworkbench
check "tlw in /usr/bin" test -x "$root/usr/bin/tlw"
check "tlw's man page" test -s "$root/usr/share/man/man1/tlw.1.gz"
check "tlw's man page documents make-demo" bash -c 'zcat "$1" | grep -q "make\\\\-demo\|make-demo"' _ \
    "$root/usr/share/man/man1/tlw.1.gz"
if [[ "$gui" == gui ]]; then
    check "tlworkbench in /usr/bin" test -x "$root/usr/bin/tlworkbench"
    check "tlworkbench's man page" test -s "$root/usr/share/man/man1/tlworkbench.1.gz"
    desktop="$root/usr/share/applications/$app_id.desktop"
    check "desktop entry" test -s "$desktop"
    check "desktop entry starts tlworkbench" grep -q '^Exec=tlworkbench' "$desktop"
    check "desktop entry categories" grep -q '^Categories=Education;Science;Graphics;' "$desktop"
    if command -v desktop-file-validate >/dev/null; then
        check "desktop-file-validate" desktop-file-validate "$desktop"
    fi
    metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
    check "AppStream metainfo" test -s "$metainfo"
    check "metainfo carries the version" grep -q "release version=\"$version\"" "$metainfo"
    if command -v appstreamcli >/dev/null; then
        check "appstreamcli validate" appstreamcli validate --no-net "$metainfo"
    fi
    check "scalable icon" test -s "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    for size in 16 22 24 32 48 64 128 256 512; do
        check "${size}x${size} icon" test -s "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
else
    check "no desktop entry without the GUI" test ! -e "$root/usr/share/applications/$app_id.desktop"
fi
unexpected="$(find "$root" -type f ! -path "$root/usr/bin/*" ! -path "$root/usr/share/*")"
check "nothing installed outside /usr/bin and /usr/share: $unexpected" test -z "$unexpected"

# --- the packaged tlw runs ---
version_line="$("$root/usr/bin/tlw" --version)"
echo "tlw --version: $version_line"
check "tlw --version names the version" grep -q "^tlw $version (LibTorch" <<<"$version_line"
demo="$scratch/demo"
demo_output="$("$root/usr/bin/tlw" make-demo "$demo" --per-class 3 --image-size 64 --seed 3)"
echo "$demo_output"
check "make-demo reports 4 classes x 3 images" grep -q '^4 classes x 3 images, 64x64 pixels, seed 3' <<<"$demo_output"
check "make-demo wrote README.txt" test -s "$demo/README.txt"
pngs="$(find "$demo" -name '*.png' | wc -l)"
check "make-demo wrote 12 PNG files (found $pngs)" test "$pngs" -eq 12
folders="$(find "$demo" -mindepth 1 -maxdepth 1 -type d | wc -l)"
check "make-demo wrote 4 class folders (found $folders)" test "$folders" -eq 4
check "make-demo refuses a folder it did not make" bash -c '! "$1" make-demo "$2" 2>/dev/null' _ \
    "$root/usr/bin/tlw" "$root/usr/bin"

echo "deb package: $((checks - failures)) passed, $failures failed"
((failures == 0))
