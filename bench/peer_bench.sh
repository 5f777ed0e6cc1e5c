#!/usr/bin/env bash
# tlw's frozen-prefix pass (bench/cache_pass_bench) beside the peer (bench/peer_pytorch.py: the same base as a
# skilled PyTorch user runs it) in one run, on the same machine and LibTorch; prints the ratios. The peer runs
# twice: with glibc's default malloc, and with malloc told to keep freed memory (MALLOC_MMAP_MAX_=0,
# MALLOC_TRIM_THRESHOLD_), what PyTorch's CPU tuning advice amounts to on Debian (jemalloc, the other
# advice, gained nothing here); each ratio is against the faster of the two.
# Bench-only: needs Debian's python3-torch, which nothing else needs.
#   bench/peer_bench.sh [BUILD_DIR] [--backbone vgg16|squeezenet] [--images N] [--repeats R]  (flags go to both)
set -euo pipefail
build_dir="${1:-build}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tlw_out="$("$build_dir/bench/cache_pass_bench" "$@")"
peer_default="$(/usr/bin/python3 "$here/peer_pytorch.py" "$@")"
peer_tuned="$(MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000 /usr/bin/python3 "$here/peer_pytorch.py" "$@")"
echo "$tlw_out"
echo "$peer_default" | sed 's/^peer /peer, default malloc: /'
echo "$peer_tuned" | sed -n 's/^peer /peer, tuned malloc:   /p'
rate() { grep -F "$2" <<<"$1" | grep -Eo '[0-9.]+ images/s' | cut -d' ' -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
for pair in "channels-last fp32, InferenceMode|peer channels-last fp32" \
    "channels-last bf16, InferenceMode|peer channels-last bf16 autocast"; do
    ours="$(rate "$tlw_out" "${pair%%|*}")"
    theirs="$(printf '%s\n%s\n' "$(rate "$peer_default" "${pair##*|}")" "$(rate "$peer_tuned" "${pair##*|}")" |
        sort -g | tail -1)"
    echo "tlw / best peer, ${pair%%,*}: $ours / $theirs images/s = $(ratio "$ours" "$theirs")"
done
