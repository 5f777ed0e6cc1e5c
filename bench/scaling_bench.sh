#!/usr/bin/env bash
# How the cost of a run grows with the images (issue 12, item 5; not run by ctest): for each size, a demo set
# (tlw make-demo, kept between runs of this script), then `tlw train` twice with default settings on a fresh
# cache folder: the first run computes the frozen-prefix pass, the second reuses the cache. Prints wall times,
# the pass's seconds and images/s, peak RSS (/usr/bin/time) and the cache's size on disk (du) after the
# first run, one row per size; the run's own "frozen-prefix cache: ... in RAM ..., ... on disk" line is kept
# in its log ($OUT/BACKBONE-SIZE-first.log).
# Usage: bench/scaling_bench.sh [BACKBONE] [SIZE...]   (default: squeezenet 1000 5000 20000)
# Environment: BUILD_DIR (default build), OUT (default /tmp/tlw-scaling-bench), EPOCHS (default 3),
#              WEIGHTS (default: the real SqueezeNet file in ../shared/weights, seeded weights for VGG16),
#              TRAIN_ARGS (more `tlw train` options, e.g. "--head-solver adam").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
backbone="${1:-squeezenet}"
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000 20000)
out="${OUT:-/tmp/tlw-scaling-bench}"
epochs="${EPOCHS:-3}"
mkdir -p "$out"

weights="${WEIGHTS:-}"
if [[ -z "$weights" && "$backbone" == squeezenet ]]; then
    weights="$root/../shared/weights/squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5"
elif [[ -z "$weights" ]]; then
    weights="$out/${backbone}_seeded.h5"
    [[ -f "$weights" ]] || "$tlw" make-weights --backbone "$backbone" --seed 1 --out "$weights" >/dev/null
fi

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/{print $2}') GiB"
echo "# $("$tlw" --version); $backbone, $epochs epochs, default settings ${TRAIN_ARGS:-}; outputs in $out"

# train RUN_NAME DATA: one run; leaves "wall rss_kb" in $out/RUN_NAME.time and the log in $out/RUN_NAME.log.
train() {
    /usr/bin/time -f "%e %M" -o "$out/$1.time" "$tlw" train "$2" --backbone "$backbone" --weights "$weights" \
        --epochs "$epochs" --cache-dir "$out/cache-$backbone-$size" --out "$out/$1.tlwm" ${TRAIN_ARGS:-} \
        >"$out/$1.log" 2>&1
}

# Seconds until the features were ready (lookup, pass, loading), from the run's "frozen prefix: ...
# features ready in S s" line.
ready_seconds() { grep -m1 -o 'features ready in [0-9.]* s' "$out/$1.log" | grep -o '[0-9.]*'; }

printf '%7s | %9s %9s %10s %8s %9s | %9s %9s %8s | %7s\n' images "1st wall" "1st feat" "images/s" "RSS MB" \
    "cache MB" "2nd wall" "2nd feat" "RSS MB" "feat x"
for size in "${sizes[@]}"; do
    data="$out/demo-$size"
    [[ -d "$data" ]] || "$tlw" make-demo "$data" --classes 4 --per-class $((size / 4)) >/dev/null
    rm -rf "$out/cache-$backbone-$size"
    train "$backbone-$size-first" "$data"
    cache_mb="$(du -sm "$out/cache-$backbone-$size" | cut -f1)"
    train "$backbone-$size-second" "$data"
    read -r wall1 rss1 <"$out/$backbone-$size-first.time"
    read -r wall2 rss2 <"$out/$backbone-$size-second.time"
    pass1="$(ready_seconds "$backbone-$size-first")"
    pass2="$(ready_seconds "$backbone-$size-second")"
    printf '%7d | %9.1f %9.1f %10.1f %8d %9d | %9.1f %9.3f %8d | %7.0f\n' "$size" "$wall1" "$pass1" \
        "$(awk -v n="$size" -v s="$pass1" 'BEGIN{print n/s}')" $((rss1 / 1024)) "$cache_mb" "$wall2" "$pass2" \
        $((rss2 / 1024)) "$(awk -v a="$pass1" -v b="$pass2" 'BEGIN{print (b > 0 ? a / b : 0)}')"
done
