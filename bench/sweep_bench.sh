#!/usr/bin/env bash
# The fine_tune_at sweep against one fine-tuning run of its deepest candidate (issue 13 item 2): `tlw sweep
# --fine-tune-at 16,15,11,7` and `tlw train --two-phase N:16` on the same data, VGG16 with generated weights
# (`tlw make-weights --seed 1`), the exact head, N fine-tuning epochs, each from an empty feature cache (the
# shared frozen pass is what the sweep saves). Also times one run of the shallowest candidate (the most layers
# fine-tuned, the costliest epochs). Alternates the three, REPEATS times, and prints the medians, the ratios and,
# per candidate, where the sweep's time went (its run's wall time, the frozen pass, its epochs).
# Usage: bench/sweep_bench.sh [DATASET] [EPOCHS] [REPEATS] [IMAGE_SIZE] [CANDIDATES]
#   defaults: ../shared/datasets/hymenoptera_data, 2, 3, 224, 16,15,11,7
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), THREADS (default 0: all cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
dataset="${1:-$root/../shared/datasets/hymenoptera_data}"
epochs="${2:-2}"
repeats="${3:-3}"
size="${4:-224}"
candidates="${5:-16,15,11,7}"
threads="${THREADS:-0}"
out="${OUT:-$(mktemp -d /tmp/tlw-sweep-bench.XXXXXX)}"
mkdir -p "$out"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $dataset, VGG16 (generated weights), ${size}x${size}, exact head, $epochs fine-tuning epochs, candidates $candidates"
weights="$out/vgg16_seeded.h5"
[[ -f "$weights" ]] || "$tlw" make-weights --backbone vgg16 --seed 1 --out "$weights" >/dev/null
common=(--backbone vgg16 --weights "$weights" --image-size "$size" --threads "$threads" --seed 1)
deepest="$(tr ',' '\n' <<<"$candidates" | sort -g | tail -1)"
shallowest="$(tr ',' '\n' <<<"$candidates" | sort -g | head -1)"

median() { sort -g | awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() {  # seconds LOG COMMAND...: runs COMMAND with its output in LOG, prints its wall time
    local log="$1" start end
    shift
    start="$(date +%s.%N)"
    "$@" >"$log" 2>&1 || { echo "sweep_bench: failed, see $log" >&2; exit 1; }
    end="$(date +%s.%N)"
    awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f\n", b - a}'
}

single=()
shallow=()
sweep=()
for ((r = 1; r <= repeats; r++)); do
    rm -rf "$out/cache" "$out/single"*.tlwm* "$out/shallow"*.tlwm* "$out/best"*.tlwm*
    s="$(seconds "$out/single-$r.log" "$tlw" train "$dataset" "${common[@]}" --two-phase "$epochs:$deepest" --cache-dir "$out/cache" \
        --out "$out/single.tlwm")"
    single+=("$s")
    rm -rf "$out/cache"
    h="$(seconds "$out/shallow-$r.log" "$tlw" train "$dataset" "${common[@]}" --two-phase "$epochs:$shallowest" --cache-dir "$out/cache" \
        --out "$out/shallow.tlwm")"
    shallow+=("$h")
    rm -rf "$out/cache"
    w="$(seconds "$out/sweep-$r.log" "$tlw" sweep "$dataset" "${common[@]}" --fine-tune-at "$candidates" --epochs "$epochs" \
        --cache-dir "$out/cache" --out "$out/best.tlwm")"
    sweep+=("$w")
    echo "repeat $r: one run (fine_tune_at $deepest) $s s, one run (fine_tune_at $shallowest) $h s, sweep $w s"
done
m1="$(printf '%s\n' "${single[@]}" | median)"
m2="$(printf '%s\n' "${sweep[@]}" | median)"
m3="$(printf '%s\n' "${shallow[@]}" | median)"
echo "median: one run at $deepest $m1 s, one run at $shallowest $m3 s, sweep $m2 s"
echo "sweep / run at $deepest = $(awk -v a="$m2" -v b="$m1" 'BEGIN{printf "%.2f", a / b}'), sweep / run at $shallowest = $(awk -v a="$m2" -v b="$m3" 'BEGIN{printf "%.2f", a / b}')"
echo "# the last sweep, per candidate (table: $out/best.tlwm.sweep.csv):"
grep -E '^Candidate|frozen prefix:|^fine_tune_at = ' "$out/sweep-$repeats.log" || true
echo "# the last sweep's epochs (epoch, seconds) per candidate:"
for history in "$out"/best.tlwm.sweep/*.history.csv; do
    echo "$(basename "$history" .tlwm.history.csv): $(tail -n +2 "$history" | cut -d, -f1,8 | tr '\n' ' ')"
done
echo "# the one run's epochs: $(tail -n +2 "$out/single.tlwm.history.csv" | cut -d, -f1,8 | tr '\n' ' ')"
