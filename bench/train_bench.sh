#!/usr/bin/env bash
# The training benchmarks of issue 5, through the tlw CLI as users run it (not run by ctest):
#   1. VGG16 (seeded Keras-layout weights: speed needs no trained weights), the seed's feature-extraction
#      recipe (whole base frozen, GAP + Dense(1), Adam 0.001, batch 32, 224x224), 20 epochs, with the
#      frozen-prefix cache and with --no-cache, in the same run of this script;
#   2. the fine-tune-at-16 run (block5_conv2/3 trainable), cache on and off, a few epochs each;
#   3. peak RSS of each run (/usr/bin/time).
# Usage: bench/train_bench.sh [DATASET] [EPOCHS] [FINE_TUNE_EPOCHS]   (default: hymenoptera_tiny, 20, 3)
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder, kept), PRECISION (fp32|bf16).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
dataset="${1:-$root/../shared/datasets/hymenoptera_tiny}"
epochs="${2:-20}"
fine_epochs="${3:-3}"
out="${OUT:-$(mktemp -d /tmp/tlw-train-bench.XXXXXX)}"
precision="${PRECISION:-fp32}"
mkdir -p "$out"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/{print $2}') GiB"
echo "# $("$tlw" --version)"
echo "# dataset: $dataset; outputs in $out"

weights="$out/vgg16_notop_seeded.h5"
[[ -f "$weights" ]] || "$tlw" make-weights --backbone vgg16 --seed 1 --out "$weights" >/dev/null

# run NAME ARGS...: trains, then prints wall seconds, peak RSS (MB) and the per-epoch seconds.
run() {
    local name="$1"; shift
    rm -rf "$out/cache-$name"
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
        "$tlw" train "$dataset" --backbone vgg16 --weights "$weights" --image-size 224 --batch-size 32 \
        --lr 0.001 --seed 42 --cache-dir "$out/cache-$name" --out "$out/$name.tlwm" "$@" >"$out/$name.log" 2>&1
    read -r wall rss <"$out/$name.time"
    local seconds
    seconds="$(tail -n +2 "$out/$name.tlwm.history.csv" | cut -d, -f8 | paste -sd' ')"
    printf '%-28s wall %8.1f s  peak RSS %6.0f MB  epochs: %s\n' "$name" "$wall" "$((rss / 1024))" "$seconds"
}

# mean of epochs 2.. of a history (seconds column)
later_epochs_mean() {
    tail -n +3 "$out/$1.tlwm.history.csv" | cut -d, -f8 | awk '{s+=$1; n++} END {printf "%.3f", s/n}'
}

echo "## 1. feature extraction (whole base frozen), $epochs epochs"
run frozen-cached --epochs "$epochs" --precision "$precision"
run frozen-uncached --epochs "$epochs" --no-cache
read -r cached_wall _ <"$out/frozen-cached.time"
read -r uncached_wall _ <"$out/frozen-uncached.time"
c="$(later_epochs_mean frozen-cached)"; u="$(later_epochs_mean frozen-uncached)"
echo "epochs after the first: cached $c s, uncached $u s: $(awk -v a="$u" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x"
echo "whole run: cached $cached_wall s, uncached $uncached_wall s: $(awk -v a="$uncached_wall" -v b="$cached_wall" 'BEGIN{printf "%.1f", a/b}')x"

echo "## 2. fine-tune-at 16 (block5_conv2/3 trainable), $fine_epochs epochs"
run ft16-cached --epochs "$fine_epochs" --fine-tune-at 16 --precision "$precision"
run ft16-uncached --epochs "$fine_epochs" --fine-tune-at 16 --no-cache
c="$(later_epochs_mean ft16-cached)"; u="$(later_epochs_mean ft16-uncached)"
echo "epochs after the first: cached $c s, uncached $u s: $(awk -v a="$u" -v b="$c" 'BEGIN{printf "%.1f", a/b}')x"
