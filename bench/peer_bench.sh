#!/usr/bin/env bash
# tlw's frozen-prefix pass (bench/cache_pass_bench) beside the peer (bench/peer_pytorch.py: the same VGG16
# base as a skilled PyTorch user runs it) in one run, on the same machine and LibTorch; prints the ratios.
# Bench-only: needs Debian's python3-torch, which nothing else needs.
#   bench/peer_bench.sh [BUILD_DIR] [--images N] [--repeats R]   (flags go to both)
set -euo pipefail
build_dir="${1:-build}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tlw_out="$("$build_dir/bench/cache_pass_bench" "$@")"
peer_out="$(/usr/bin/python3 "$here/peer_pytorch.py" "$@")"
echo "$tlw_out"
echo "$peer_out"
rate() { grep -F "$2" <<<"$1" | grep -Eo '[0-9.]+ images/s' | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
for pair in "channels-last fp32, InferenceMode|peer channels-last fp32" \
    "channels-last bf16, InferenceMode|peer channels-last bf16 autocast"; do
    ours="$(rate "$tlw_out" "${pair%%|*}")"
    theirs="$(rate "$peer_out" "${pair##*|}")"
    echo "tlw / peer, ${pair%%,*}: $ours / $theirs images/s = $(ratio "$ours" "$theirs")"
done
