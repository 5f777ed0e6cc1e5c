#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer: the long run behind CI's short, blind one (docs/RELIABILITY.md).
#
#   tools/fuzz.sh TARGET [SECONDS]     e.g. tools/fuzz.sh image_decoder 3600
#   tools/fuzz.sh --list
#
# Builds tlw_core and the fuzz targets with clang, libFuzzer's coverage instrumentation, ASan and UBSan in
# build-fuzz/ (a full build of the core: slow the first time), takes the seeds from the main build's
# tlw_fuzz (build/, as ./workbench.sh builds it) and tests/fuzz/corpus/TARGET, and fuzzes. New interesting
# inputs collect in build-fuzz/corpus/TARGET; a crash is saved as build-fuzz/crash-* — copy it into
# tests/fuzz/corpus/TARGET (CI replays it from then on), fix the reader, and add a unit test.
# Environment: JOBS (default 2), TLW_MAIN_BUILD (default build), TLW_FUZZ_BUILD (default build-fuzz).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
main_build="${TLW_MAIN_BUILD:-$here/build}"
build="${TLW_FUZZ_BUILD:-$here/build-fuzz}"
jobs="${JOBS:-2}"

if [[ "${1:-}" == "--list" ]]; then
    exec "$main_build/tests/fuzz/tlw_fuzz" --list
fi
target="${1:?usage: tools/fuzz.sh TARGET [SECONDS] | --list}"
seconds="${2:-600}"

# Not build dependencies of the project (CI's fuzz tests need neither): install them for this script.
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q installed; then
    echo "tools/fuzz.sh: needs clang and libFuzzer's runtime: sudo apt-get install clang-14 libclang-rt-14-dev" >&2
    exit 1
fi
CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTLW_LIBFUZZER=ON -DTLW_BUILD_GUI=OFF -DTLW_BUILD_BENCH=OFF >/dev/null
nice -n 19 ninja -C "$build" -j "$jobs" tlw_libfuzzer

seeds="$build/seeds/$target"
corpus="$build/corpus/$target"
mkdir -p "$seeds" "$corpus"
"$main_build/tests/fuzz/tlw_fuzz" "$target" --write-seeds "$seeds"

export ASAN_OPTIONS="detect_odr_violation=0:detect_leaks=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build"
TLW_FUZZ_TARGET="$target" ./tests/fuzz/tlw_libfuzzer -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
    -max_len=2097152 "$corpus" "$seeds" "$here/tests/fuzz/corpus/$target"
