// Benchmarks of the data layer (not run by ctest): the index-only walk of a generated 100,000-file tree
// (target: under 2 s), full scans of hymenoptera_data, and decode + preprocess speed with and without
// DCT-scaled JPEG decoding, with how far the fast path's numbers are from the exact Keras path.
//
//   scan_bench [--files N] [--dataset DIR]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/data/dataset_index.h"
#include "core/data/dataset_scanner.h"
#include "core/data/image_batch_loader.h"
#include "core/data/image_decoder.h"
#include "core/data/image_header.h"
#include "core/data/preprocess.h"
#include "core/util/atomic_file.h"
#include "core/util/parallel_for.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double secondsOf(const std::function<void()>& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Median of `runs` timings.
double medianSeconds(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) times.push_back(secondsOf(work));
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

fs::path makeTree(std::size_t fileCount) {
    std::string pattern = (fs::temp_directory_path() / "tlw-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    const fs::path root = pattern;
    // 100 classes, files spread over two nested folders per class, like photo dumps sorted by date.
    const std::string png = "\x89PNG\r\n\x1A\n tiny placeholder";
    const std::size_t classes = 100;
    for (std::size_t i = 0; i < fileCount; ++i) {
        const fs::path folder =
            root / ("class_" + std::to_string(i % classes)) / ((i / classes) % 2 ? "2023" : "2024");
        if (i < 2 * classes) fs::create_directories(folder);
        std::ofstream(folder / ("IMG_" + std::to_string(i) + (i % 3 ? ".jpg" : ".PNG"))) << png;
    }
    return root;
}

void benchIndex(std::size_t fileCount) {
    std::printf("== index-only walk of a generated tree (%zu files, 100 classes)\n", fileCount);
    fs::path root;
    const double create = secondsOf([&] { root = makeTree(fileCount); });
    std::printf("  created in %.2f s: %s\n", create, root.c_str());
    std::size_t found = 0;
    const double median = medianSeconds(5, [&] { found = tlw::indexDataset(root).files.size(); });
    std::printf("  indexDataset: %zu files in %.3f s (median of 5, warm cache); target 2 s: %.1fx under\n",
                found, median, 2.0 / median);
    fs::remove_all(root);
}

void benchScan(const fs::path& dataset) {
    std::printf("== scanDataset on %s\n", dataset.c_str());
    for (const int threads : {1, 0}) {
        for (const bool verify : {true, false}) {
            tlw::ScanOptions options;
            options.threads = threads;
            options.verify = verify;
            tlw::ScanReport report;
            const double seconds =
                medianSeconds(3, [&] { report = tlw::scanDataset(dataset, options).report; });
            std::printf("  threads=%d %-14s %zu usable of %zu in %.3f s (median of 3)\n",
                        tlw::resolveThreadCount(threads), verify ? "full decode" : "headers only",
                        report.usableImages, report.imageFiles, seconds);
        }
    }
}

void benchDecode(const fs::path& dataset) {
    const tlw::DatasetIndex index = tlw::indexDataset(dataset);
    std::vector<fs::path> files;
    for (const auto& file : index.files) files.push_back(file.path);
    std::printf("== decode + resize to 224x224 + caffe preprocess, %zu files of %s, 1 thread\n", files.size(),
                dataset.c_str());
    std::vector<std::string> bytes;
    for (const auto& file : files) bytes.push_back(tlw::readFileBytes(file));

    // Baseline: OpenCV's own full-size decode of the same bytes.
    const double opencv = secondsOf([&] {
        for (const std::string& b : bytes)
            cv::imdecode(cv::Mat(1, static_cast<int>(b.size()), CV_8U, const_cast<char*>(b.data())),
                         cv::IMREAD_COLOR);
    });
    std::printf("  baseline cv::imdecode (full size, no resize): %.1f ms/image\n",
                1000 * opencv / bytes.size());

    const tlw::PreprocessOptions target;  // 224 x 224
    std::vector<float> exact(3 * 224 * 224), fast(3 * 224 * 224);
    // [0]: every file; [1]: photos at least 1000 px wide (the camera-size ones DCT scaling is for).
    double exactSeconds[2] = {}, fastSeconds[2] = {}, sumAbs[2] = {}, maxAbs[2] = {};
    std::size_t values[2] = {}, images[2] = {};
    for (size_t i = 0; i < bytes.size(); ++i) {
        const bool large = tlw::readImageHeader(bytes[i], files[i]).width >= 1000;
        const double exactTime = secondsOf(
            [&] { tlw::preprocessImage(tlw::decodeImageBytes(bytes[i], files[i]), target, exact.data()); });
        tlw::DecodeOptions reduced;
        reduced.minWidth = target.width;
        reduced.minHeight = target.height;
        const double fastTime = secondsOf([&] {
            tlw::preprocessImage(tlw::decodeImageBytes(bytes[i], files[i], reduced), target, fast.data());
        });
        for (int group = 0; group < (large ? 2 : 1); ++group) {
            exactSeconds[group] += exactTime;
            fastSeconds[group] += fastTime;
            ++images[group];
            for (size_t k = 0; k < exact.size(); ++k) {
                const double d = std::fabs(exact[k] - fast[k]);
                sumAbs[group] += d;
                maxAbs[group] = std::max(maxAbs[group], d);
            }
            values[group] += exact.size();
        }
    }
    std::printf("  exact (full decode, Keras resize):  %.1f ms/image (%.2fx the baseline)\n",
                1000 * exactSeconds[0] / images[0], exactSeconds[0] / opencv);
    for (int group = 0; group < 2 && images[group] > 0; ++group) {
        std::printf("  %s (%zu images):\n", group ? "photos >= 1000 px wide" : "all files", images[group]);
        std::printf("    exact %.1f ms/image, fastJpegDecode %.1f ms/image (%.2fx faster)\n",
                    1000 * exactSeconds[group] / images[group], 1000 * fastSeconds[group] / images[group],
                    exactSeconds[group] / fastSeconds[group]);
        std::printf("    fast vs exact: mean |difference| %.2f, max %.1f (pixel units, 0..255)\n",
                    sumAbs[group] / values[group], maxAbs[group]);
    }

    for (const bool fastDecode : {false, true}) {
        tlw::BatchLoaderOptions options;
        options.batchSize = 32;
        options.fastJpegDecode = fastDecode;
        std::size_t images = 0;
        const double seconds = secondsOf([&] {
            tlw::ImageBatchLoader loader(files, options);
            while (auto batch = loader.next()) images += batch->size();
        });
        std::printf("  ImageBatchLoader (%u threads, batch 32, %s): %.0f images/s\n",
                    std::thread::hardware_concurrency(), fastDecode ? "fast" : "exact", images / seconds);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t fileCount = 100000;
    fs::path dataset = fs::path(TLW_SHARED_DIR) / "datasets" / "hymenoptera_data";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--files") == 0) fileCount = std::stoul(argv[i + 1]);
        if (std::strcmp(argv[i], "--dataset") == 0) dataset = argv[i + 1];
    }
    std::printf("machine: %u cores\n", std::thread::hardware_concurrency());
    benchIndex(fileCount);
    if (!fs::exists(dataset)) {
        std::printf("no dataset at %s: skipping the scan and decode benchmarks\n", dataset.c_str());
        return 0;
    }
    benchScan(dataset);
    benchDecode(dataset);
    return 0;
}
