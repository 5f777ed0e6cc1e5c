#!/usr/bin/env bash
# tlw's fine-tune-at-16 epoch (VGG16, block5_conv2 and block5_conv3 training on the cached output of
# block5_conv1) beside the peer's (bench/peer_finetune.py, the same layers in PyTorch on cached features), in
# one run of this script; the peer with glibc's default malloc and with malloc keeping freed memory. Medians
# of the epochs after the first. Bench-only: needs Debian's python3-torch.
# Usage: bench/finetune_bench.sh [DATASET] [EPOCHS]   (default: ../shared/datasets/hymenoptera_data, 4)
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
dataset="${1:-$root/../shared/datasets/hymenoptera_data}"
epochs="${2:-4}"
out="${OUT:-$(mktemp -d /tmp/tlw-finetune-bench.XXXXXX)}"
mkdir -p "$out"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
weights="$out/vgg16_seeded.h5"
[[ -f "$weights" ]] || "$tlw" make-weights --backbone vgg16 --seed 1 --out "$weights" >/dev/null

"$tlw" train "$dataset" --backbone vgg16 --weights "$weights" --fine-tune-at 16 --lr 1e-4 --epochs "$epochs" \
    --cache-dir "$out/cache" --out "$out/ft16.tlwm" >"$out/ft16.log" 2>&1
# The history's 8th column is the epoch's seconds; the first is a warm-up (oneDNN primitives, page faults).
ours="$(tail -n +3 "$out/ft16.tlwm.history.csv" | cut -d, -f8 | sort -g |
    awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
train_rows="$(grep -m1 -o 'Found [0-9]* training' "$out/ft16.log" | grep -o '[0-9]*')"
val_rows="$(grep -m1 -o 'Validation: [0-9]*' "$out/ft16.log" | grep -o '[0-9]*')"
echo "tlw fine-tune-at-16 epoch ($train_rows + $val_rows rows): median $ours s"
best=""
for bf16 in "" --bf16; do
    for env in "" "MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000"; do
        line="$(env $env /usr/bin/python3 "$root/bench/peer_finetune.py" --train "$train_rows" --val "$val_rows" \
            --epochs "$((epochs - 1))" $bf16)"
        echo "${env:+tuned malloc: }$line"
        median="$(grep -o 'median [0-9.]*' <<<"$line" | cut -d' ' -f2)"
        best="$(printf '%s\n%s\n' "$best" "$median" | grep . | sort -g | head -1)"
    done
done
echo "tlw / fastest peer epoch: $(awk -v a="$ours" -v b="$best" 'BEGIN{printf "%.2fx faster", b / a}')"
