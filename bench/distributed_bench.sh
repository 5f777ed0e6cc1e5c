#!/usr/bin/env bash
# Data-parallel overhead on one machine (issue 19; not run by ctest): the same job as 1 process of 2 threads
# and as 2 ranks of 1 thread each (c10d gloo over 127.0.0.1, as torchrun would start them), 3 runs each,
# medians printed. Jobs: `tlw features` (SqueezeNet, real weights, 224 px) and `tlw train` (MobileNet 0.25,
# real weights, 160 px: 1 head epoch + 2 epochs fine-tuning the last block, fresh feature cache each run, so
# the sharded frozen pass is included).
# Usage: bench/distributed_bench.sh [DATA]   (default ../shared/datasets/hymenoptera_data)
# Environment: BUILD_DIR (default build), OUT (default /tmp/tlw-distributed-bench), RUNS (default 3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
data="${1:-$root/../shared/datasets/hymenoptera_data}"
out="${OUT:-/tmp/tlw-distributed-bench}"
runs="${RUNS:-3}"
mkdir -p "$out"
export TLW_WEIGHTS_DIR="$root/../shared/weights"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$tlw" --version); data $data; $runs runs each"

features=(features "$data" --backbone squeezenet --image-size 224 --batch-size 16)
train=(train "$data" --backbone mobilenet --alpha 0.25 --image-size 160 --head-solver adam --epochs 1
       --batch-size 32 --two-phase 2:last-block:1e-4 --seed 1)

extension() { [[ $1 == features ]] && echo npy || echo tlwm; }

# one NAME RUN ARGS...: 1 process of 2 threads; prints its seconds.
one() {
    local name=$1 run=$2
    shift 2
    local start end
    start=$(date +%s.%N)
    TLW_CACHE_DIR="$out/cache-$name-1x2-$run" "$tlw" "$@" --threads 2 --out "$out/$name-1x2-$run.$(extension "$name")" \
        >"$out/$name-1x2-$run.log" 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

# ranks NAME RUN ARGS...: 2 ranks of 1 thread on 127.0.0.1; prints the seconds until both have exited.
ranks() {
    local name=$1 run=$2
    shift 2
    local port=$((29500 + RANDOM % 1000)) start end pids=()
    start=$(date +%s.%N)
    for rank in 0 1; do
        RANK=$rank WORLD_SIZE=2 LOCAL_RANK=$rank MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
            TLW_CACHE_DIR="$out/cache-$name-2x1-$run" "$tlw" "$@" --threads 1 --out "$out/$name-2x1-$run.$(extension "$name")" \
            >"$out/$name-2x1-$run-rank$rank.log" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }

for job in features train; do
    declare -n arguments=$job
    single=() double=()
    for run in $(seq "$runs"); do
        rm -rf "$out"/cache-*
        single+=("$(one "$job" "$run" "${arguments[@]}")")
        double+=("$(ranks "$job" "$run" "${arguments[@]}")")
    done
    echo "$job: 1 process x 2 threads: ${single[*]} s (median $(median "${single[@]}")); 2 ranks x 1 thread: ${double[*]} s (median $(median "${double[@]}"))"
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
