#!/usr/bin/env bash
# The README's two commands:
#   ./workbench.sh run    installs what is missing, builds, and runs the main job
#   ./workbench.sh test   installs what is missing, builds, and runs every test
# Environment: BUILD_DIR (default: build), JOBS (default: all cores), CMAKE_ARGS (extra configure flags).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
jobs="${JOBS:-$(nproc)}"

# The test command builds with warnings as errors (TLW_WERROR): a new warning fails CI, not a later reader.
build() {
    local strict="${1:-}"
    bash "$root/packaging/install-deps.sh"
    # shellcheck disable=SC2086  # CMAKE_ARGS is a list of flags
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${strict:+-DTLW_WERROR=ON} ${CMAKE_ARGS:-}
    cmake --build "$build_dir" -j "$jobs"
}

# Where `tlw make-demo` and the GUI's "Try with demo data" put the demo set (core/demo/seal_demo.h).
demo_dir="${XDG_DATA_HOME:-$HOME/.local/share}/tlworkbench/demo-seals"

# The headless main job: the seed's feature-extraction recipe with tlw train on a dataset folder, with the
# backbone whose ImageNet weights discovery finds (VGG16 first, then SqueezeNet); with none, SqueezeNet from
# random weights, loudly marked "not pretrained". The model and its history go to build/main-job/.
run_headless_job() {
    local dataset="$1" tlw="$build_dir/app/tlw/tlw" backbone="" extra=()
    for candidate in vgg16 squeezenet; do
        if "$tlw" weights --backbone "$candidate" >/dev/null 2>&1; then backbone="$candidate"; break; fi
    done
    if [[ -z "$backbone" ]]; then backbone=squeezenet; extra+=(--allow-random); fi
    # A folder without its own validation images holds out a stratified fifth of each class.
    [[ -d "$dataset/val" || -d "$dataset/validation" ]] || extra+=(--validation-split 0.2)
    exec "$tlw" train "$dataset" --backbone "$backbone" --epochs "${EPOCHS:-10}" \
        --out "$build_dir/main-job/model.tlwm" "${extra[@]}"
}

# One line when no backbone has ImageNet weights here: everything still runs, but not pretrained.
hint_if_no_weights() {
    local tlw="$build_dir/app/tlw/tlw" backbone
    for backbone in vgg16 squeezenet; do
        "$tlw" weights --backbone "$backbone" >/dev/null 2>&1 && return 0
    done
    echo "workbench: no pretrained weights found: models would start from random weights (not pretrained)." \
        "Put the Keras .h5 files in ~/.keras/models/ or set TLW_WEIGHTS_DIR to their folder."
}

run_main_job() {
    build
    # The real SqueezeNet weights beside the repository are used when the user has set nothing else.
    if [[ -z "${TLW_WEIGHTS_DIR:-}" && -d "$root/../shared/weights" ]]; then
        export TLW_WEIGHTS_DIR="$root/../shared/weights"
    fi
    local dataset="${1:-}"
    if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
        # --demo generates the demo set when it is not there yet, with progress in the window.
        if [[ -n "$dataset" ]]; then
            exec "$build_dir/app/tlworkbench/tlworkbench" "$dataset"
        fi
        exec "$build_dir/app/tlworkbench/tlworkbench" --demo
    fi
    echo "workbench: no display; running the command-line twin instead"
    if [[ -z "$dataset" ]]; then
        dataset="$demo_dir"
        [[ -f "$dataset/.tlw-demo.json" ]] || "$build_dir/app/tlw/tlw" make-demo "$dataset"
    fi
    hint_if_no_weights
    run_headless_job "$dataset"
}

run_tests() {
    build strict
    cd "$build_dir"
    ctest --output-on-failure -j "$jobs"
}

case "${1:-}" in
    run) shift; run_main_job "$@" ;;
    test) run_tests ;;
    *) echo "usage: $0 run [DATASET_DIR] | test   (run without DATASET_DIR: the built-in demo data)" >&2; exit 2 ;;
esac
