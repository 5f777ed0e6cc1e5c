#!/usr/bin/env bash
# The seed recipe's whole run against the peer's, in one run of this script (issue 12; not run by ctest):
# VGG16 (seeded Keras-layout weights: speed needs no trained weights) frozen, GlobalAveragePooling2D ->
# Dense head, Adam 0.001, batch 32, 224x224, validation every epoch, on a dataset with train/ and val/:
#   tlw       `tlw train` with default settings and a fresh cache folder, then again reusing the cache;
#   skilled   bench/peer_recipes.py --recipe skilled (cached features, channels-last, bf16 autocast), with
#             glibc's default malloc and with malloc keeping freed memory;
#   tutorial  bench/peer_recipes.py --recipe tutorial, TUTORIAL_EPOCHS epochs timed (default 1), the
#             rest projected from their mean: it runs the base again every epoch.
# Bench-only: needs Debian's python3-torch and python3-pil, which nothing else needs.
# Usage: bench/whole_run_bench.sh [DATASET] [EPOCHS]   (default: ../shared/datasets/hymenoptera_data, 20)
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), TUTORIAL_EPOCHS (default 1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
dataset="${1:-$root/../shared/datasets/hymenoptera_data}"
epochs="${2:-20}"
tutorial_epochs="${TUTORIAL_EPOCHS:-1}"
out="${OUT:-$(mktemp -d /tmp/tlw-whole-run.XXXXXX)}"
mkdir -p "$out"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/{print $2}') GiB"
echo "# $("$tlw" --version); dataset $dataset, $epochs epochs; outputs in $out"
weights="$out/vgg16_seeded.h5"
[[ -f "$weights" ]] || "$tlw" make-weights --backbone vgg16 --seed 1 --out "$weights" >/dev/null

# tlw_run NAME: a default `tlw train`; leaves "wall rss_kb" in $out/NAME.time.
tlw_run() {
    /usr/bin/time -f "%e %M" -o "$out/$1.time" "$tlw" train "$dataset" --backbone vgg16 --weights "$weights" \
        --epochs "$epochs" --cache-dir "$out/cache" --out "$out/$1.tlwm" >"$out/$1.log" 2>&1
    read -r wall rss <"$out/$1.time"
    printf '%-22s wall %8.1f s  peak RSS %6d MB  %s\n' "$1" "$wall" $((rss / 1024)) \
        "$(grep -m1 -o '[0-9]* images from the cache.*' "$out/$1.log")"
}

rm -rf "$out/cache"
tlw_run tlw-first
tlw_run tlw-second
# skilled NAME [ENV...]: the skilled recipe; leaves its wall seconds in $out/NAME.time.
skilled() {
    local name="$1"
    shift
    env "$@" /usr/bin/time -f "%e %M" -o "$out/$name.time" /usr/bin/python3 "$root/bench/peer_recipes.py" \
        "$dataset" --recipe skilled --epochs "$epochs" >"$out/$name.log" 2>&1
    read -r wall rss <"$out/$name.time"
    printf '%-22s wall %8.1f s  peak RSS %6d MB  %s\n' "$name" "$wall" $((rss / 1024)) \
        "$(grep -m1 '^pass' "$out/$name.log")"
}
skilled peer-skilled
# The same with malloc keeping freed memory, as PyTorch's CPU tuning advice amounts to on Debian.
skilled peer-skilled-tuned MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000
read -r skilled_default _ <"$out/peer-skilled.time"
read -r skilled_tuned _ <"$out/peer-skilled-tuned.time"
skilled="$(printf '%s\n%s\n' "$skilled_default" "$skilled_tuned" | sort -g | head -1)"
/usr/bin/python3 "$root/bench/peer_recipes.py" "$dataset" --recipe tutorial --epochs "$tutorial_epochs" \
    >"$out/tutorial.log" 2>&1
per_epoch="$(grep -o '^epoch [0-9]*: [0-9.]* s' "$out/tutorial.log" | awk '{s+=$3; n++} END {print s/n}')"
tutorial="$(awk -v e="$per_epoch" -v n="$epochs" 'BEGIN{print e*n}')"
printf '%-22s %.1f s an epoch (%s timed): %.0f s for %s epochs\n' "peer tutorial" "$per_epoch" \
    "$tutorial_epochs" "$tutorial" "$epochs"

read -r first _ <"$out/tlw-first.time"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2fx", a / b}'; }
echo "tlw first run vs peer skilled (the faster): $(ratio "$skilled" "$first") faster"
echo "tlw first run vs peer tutorial: $(ratio "$tutorial" "$first") faster"
