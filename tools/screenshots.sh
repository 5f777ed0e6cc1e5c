#!/usr/bin/env bash
# Renders every page of the workbench window, in English and in Simplified Chinese, to PNG files:
#   tools/screenshots.sh [OUT_DIR]        (default: docs/screenshots)
# Uses the offscreen Qt platform (no display needed) and a throw-away settings folder, so the user's
# saved window layout and language do not leak into the pictures. BUILD_DIR defaults to build/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/screenshots}"
app="${BUILD_DIR:-$root/build}/app/tlworkbench/tlworkbench"
[[ -x "$app" ]] || { echo "screenshots: $app not built (cmake --build build)" >&2; exit 1; }

settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
mkdir -p "$out"
for language in en zh_CN; do
    XDG_CONFIG_HOME="$settings" QT_QPA_PLATFORM=offscreen \
        "$app" --language "$language" --screenshots "$out" --window-size "${WINDOW_SIZE:-1280x820}"
done
