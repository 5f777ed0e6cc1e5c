#!/usr/bin/env bash
# Builds tests with a sanitizer in a build folder of its own and runs them (docs/RELIABILITY.md).
#
#   tools/sanitize.sh asan [--gui]   AddressSanitizer + UBSan over the core, CLI and distributed tests and the
#                                    fuzz targets (--gui: and the GUI's tests and tlworkbench); the core's build
#                                    and its tests took 42 + 11 min on 2 shared cores, the GUI's 50 + 2 min
#   tools/sanitize.sh tsan           ThreadSanitizer over tlw_threads_tests, the suites that start or share
#                                    threads: the training session, ImageBatchLoader, the feature cache and store,
#                                    parallel_for, tensor memory, the process group, the demo (31 + 6 min)
#   tools/sanitize.sh readers [S]    minutes, not hours: the LibTorch-free readers (image headers and decoders,
#                                    EXIF/TIFF, split manifests) compiled with ASan + UBSan straight into the fuzz
#                                    driver, each target fuzzed for S seconds (default 30)
#   tools/sanitize.sh threads [N]    the same for TSan: ImageBatchLoader and parallel_for with their tests,
#                                    repeated N times (default 5)
#
# LibTorch, OpenBLAS, OpenMP and libhdf5 are not built with the sanitizer; tools/sanitizers/*.supp silence what
# is reported inside them, each entry with its reason. Environment: JOBS (default 2), TLW_SANITIZE_BUILD (the
# build folder, default build-asan, build-tsan, build-readers-asan, build-threads-tsan).
set -euo pipefail

kind="${1:-}"
gui=OFF
[[ "${2:-}" == "--gui" ]] && gui=ON
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
supp="$here/tools/sanitizers"
jobs="${JOBS:-2}"

# Compiles sources (relative to the repository) with the given flags into $out, jobs at a time, and links them
# into $out/$name. Only LibTorch-free sources: no LibTorch header reaches these quick builds.
build_quick() {
    local name="$1" flags="$2"
    shift 2
    mkdir -p "$out/generated/core"
    sed -e 's/@PROJECT_VERSION@/0/' -e 's/@[A-Za-z_]*@//g' "$here/core/version_info.h.in" \
        >"$out/generated/core/version_info.h"
    local objects=() source object
    for source in "$@"; do
        object="$out/$(echo "$source" | tr / _).o"
        objects+=("$object")
        [[ "$object" -nt "$here/$source" ]] && continue
        # shellcheck disable=SC2086
        nice -n 19 g++ -std=c++17 -O1 -g $flags -fno-omit-frame-pointer -I"$here" -I"$out/generated" \
            -isystem /usr/include/opencv4 -isystem /usr/include/hdf5/serial \
            -isystem /usr/include/torch/csrc/api/include -c "$here/$source" -o "$object" &
        while (($(jobs -r | wc -l) >= jobs)); do wait -n; done
    done
    wait
    # shellcheck disable=SC2086
    g++ $flags -o "$out/$name" "${objects[@]}" -lgtest -lgtest_main -lopencv_imgcodecs -lopencv_imgproc \
        -lopencv_core -ljpeg -lgif -lpng -lz -lxxhash -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5 -pthread
}
readers=(core/data/image_header.cpp core/data/image_decoder.cpp core/data/exif_orientation.cpp
    core/data/tiff_directory.cpp core/data/gif_decoder.cpp core/data/jpeg_decoder.cpp core/data/png_decoder.cpp
    core/data/captured_cerr.cpp core/util/atomic_file.cpp core/util/regular_file.cpp core/util/temporary_file.cpp
    core/util/utf8.cpp core/util/error.cpp tests/core/data/image_fixtures.cpp)

if [[ "$kind" == readers ]]; then
    seconds="${2:-30}"
    out="${TLW_SANITIZE_BUILD:-$here/build-readers-asan}"
    build_quick tlw_fuzz_readers "-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
        "${readers[@]}" tests/fuzz/fuzz_driver.cpp tests/fuzz/fuzz_target.cpp tests/fuzz/mutator.cpp \
        tests/fuzz/targets/image_targets.cpp tests/fuzz/targets/manifest_targets.cpp core/data/split_manifest.cpp \
        core/data/dataset.cpp core/util/content_hash.cpp core/util/version.cpp
    export ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    status=0
    for target in image_header image_decoder split_manifest; do
        "$out/tlw_fuzz_readers" "$target" --seconds "$seconds" --failures "$out" "$here/tests/fuzz/corpus/$target" ||
            status=1
    done
    exit "$status"
fi

if [[ "$kind" == threads ]]; then
    out="${TLW_SANITIZE_BUILD:-$here/build-threads-tsan}"
    build_quick tlw_threads_tsan "-fsanitize=thread" "${readers[@]}" core/data/image_batch_loader.cpp \
        core/data/preprocess.cpp core/util/parallel_for.cpp tests/support/temp_dir.cpp \
        tests/core/data/image_batch_loader_test.cpp tests/core/util/parallel_for_test.cpp
    export TSAN_OPTIONS="suppressions=$supp/tsan.supp:halt_on_error=0:second_deadlock_stack=1"
    # That test asks for a 4194304 x 4194304 batch on purpose and expects std::bad_alloc; a sanitizer's
    # operator new reports the failed allocation as fatal instead of throwing.
    "$out/tlw_threads_tsan" --gtest_repeat="${2:-5}" \
        --gtest_filter=-ImageBatchLoader.AWorkersFailureReachesTheCallerAsAnError 2>&1 | tee "$out/tsan.log"
    reports="$(grep -c "WARNING: ThreadSanitizer" "$out/tsan.log" || true)"
    echo "ThreadSanitizer reports: $reports"
    [[ "$reports" == 0 ]]
    exit
fi

case "$kind" in
    asan) sanitizer=address ;;
    tsan) sanitizer=thread ;;
    *) echo "usage: tools/sanitize.sh asan [--gui] | tsan | readers [SECONDS] | threads [REPEAT]" >&2; exit 2 ;;
esac
build="${TLW_SANITIZE_BUILD:-$here/build-$kind}"

# -O1 -g1: the tests' time goes into LibTorch, which is not instrumented, so -O2 buys little at run time and
# costs much compile time on 2 cores; -g1 (line tables only) still gives every report its file and line.
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" -DTLW_SANITIZE="$sanitizer" -DTLW_BUILD_GUI="$gui" \
    -DTLW_BUILD_BENCH=OFF -DTLW_WERROR=ON >/dev/null

export TLW_SHARED_DIR="${TLW_SHARED_DIR:-$here/../shared}"
export QT_QPA_PLATFORM=offscreen
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# detect_odr_violation: libtorch_cpu and libtorch both define c10's globals (two copies, not a bug of ours).
# allocator_may_return_null: an impossible malloc returns null, as it does without a sanitizer, so that the
# tests of too-large tensors and images see LibTorch's and our own "not enough memory" errors.
export ASAN_OPTIONS="detect_odr_violation=0:detect_leaks=1:abort_on_error=0:allocator_may_return_null=1"
export TSAN_OPTIONS="suppressions=$supp/tsan.supp:halt_on_error=0:report_signal_unsafe=0:second_deadlock_stack=1"
TSAN_OPTIONS="$TSAN_OPTIONS:allocator_may_return_null=1"

# Cases that test what a sanitizer replaces, left out by name (every other case runs):
# - AWorkersFailureReachesTheCallerAsAnError asks for a 4194304 x 4194304 batch and expects std::bad_alloc to
#   reach the caller; a sanitizer's operator new reports the failed allocation as fatal instead of throwing.
# - WithinAScopeTheHeapKeepsFreedBuffersForTheNext counts the page faults of glibc's heap after mallopt();
#   ASan and TSan replace glibc's malloc (mallopt does nothing to theirs, and ASan quarantines what is freed).
excluded=ImageBatchLoader.AWorkersFailureReachesTheCallerAsAnError
excluded="$excluded:TensorMemory.WithinAScopeTheHeapKeepsFreedBuffersForTheNext"
status=0
if [[ "$kind" == asan ]]; then
    export GTEST_FILTER="-$excluded"
    targets=(tlw_core_tests tlw_cli_tests tlw_dist_tests tlw_fuzz tlw)
    [[ "$gui" == ON ]] && targets+=(tlw_ui_tests tlworkbench)
    nice -n 19 ninja -C "$build" -j "$jobs" "${targets[@]}"
    labels='tlw_core_tests|tlw_cli_tests|tlw_dist_tests|fuzz'
    [[ "$gui" == ON ]] && labels="$labels|tlw_ui_tests|tlworkbench"
    # Left out: tlw_ui_tests.responsiveness, the *Responsiveness suites that fail a run whose UI thread stalls
    # over 50 ms. ASan's allocator (a stack trace recorded at every malloc, freed memory held in quarantine so
    # every new paint buffer faults in fresh pages) makes the UI thread's painting 2-3 times slower: on the same
    # loaded machine a 3-epoch run's longest stall was 112-115 ms under ASan against 32-46 ms in Release. They
    # measure speed, not memory safety, and the Release ctest runs them.
    (cd "$build" && ctest --output-on-failure -j "$jobs" -R "$labels" -E 'tlw_ui_tests\.responsiveness' \
        --timeout 1800) || status=$?
else
    # tlw_threads_tests (tests/CMakeLists.txt): the suites that start threads of their own or share state
    # between threads, against the TSan-built tlw_core; every one of their cases runs.
    nice -n 19 ninja -C "$build" -j "$jobs" tlw_threads_tests
    "$build/tests/tlw_threads_tests" --gtest_filter="-$excluded" 2>&1 | tee "$build/tsan.log" || status=$?
    grep -c "WARNING: ThreadSanitizer" "$build/tsan.log" | sed 's/^/ThreadSanitizer reports: /' || true
fi
exit "$status"
