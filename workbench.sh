#!/usr/bin/env bash
# The README's two commands:
#   ./workbench.sh run    installs what is missing, builds, and runs the main job
#   ./workbench.sh test   installs what is missing, builds, and runs every test
# Environment: BUILD_DIR (default: build), JOBS (default: all cores), CMAKE_ARGS (extra configure flags).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc)}"

build() {
    bash "$root/packaging/install-deps.sh"
    # shellcheck disable=SC2086  # CMAKE_ARGS is a list of flags
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-}
    cmake --build "$build_dir" -j "$jobs"
}

run_main_job() {
    build
    local dataset="${1:-$root/../shared/datasets/hymenoptera_tiny}"
    if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
        exec "$build_dir/app/tlworkbench/tlworkbench" "$dataset"
    fi
    echo "workbench: no display; running the command-line twin instead"
    exec "$build_dir/app/tlw/tlw" scan "$dataset"
}

run_tests() {
    build
    cd "$build_dir"
    ctest --output-on-failure -j "$jobs"
}

case "${1:-}" in
    run) shift; run_main_job "$@" ;;
    test) run_tests ;;
    *) echo "usage: $0 run [DATASET_DIR] | test" >&2; exit 2 ;;
esac
