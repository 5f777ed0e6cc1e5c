#!/usr/bin/env bash
# fp32 matrix products on each BLAS installed for libblas.so.3 (Debian's alternatives), in one run:
# the reference BLAS (libblas3) against OpenBLAS (libopenblas0-pthread) when both are there.
#   bench/blas_bench.sh [BUILD_DIR] [blas_bench flags...]
set -euo pipefail
build_dir="${1:-build}"
shift || true
bench="$build_dir/bench/blas_bench"
lib_dir="/usr/lib/$(gcc -print-multiarch)"
for folder in blas openblas-pthread openblas-openmp blis-pthread blis-openmp; do
    [[ -e "$lib_dir/$folder/libblas.so.3" ]] || continue
    echo "== $folder"
    LD_LIBRARY_PATH="$lib_dir/$folder" "$bench" "$@"
done
