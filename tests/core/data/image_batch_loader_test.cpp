#include "core/data/image_batch_loader.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

// Image i is a solid 6x4 PNG whose red value is 20 * i, so every output tells which file it came from.
std::vector<fs::path> numberedImages(const test::TempDir& dir, int count) {
    std::vector<fs::path> files;
    for (int i = 0; i < count; ++i) {
        files.push_back(dir / ("img" + std::to_string(i) + ".png"));
        test::writeBytes(files.back(), test::solidPng(6, 4, {static_cast<std::uint8_t>(20 * i), 7, 9}));
    }
    return files;
}

BatchLoaderOptions smallOptions(std::size_t batchSize, int threads) {
    BatchLoaderOptions options;
    options.preprocess = PreprocessOptions{3, 2, false};
    options.batchSize = batchSize;
    options.threads = threads;
    return options;
}

std::vector<ImageBatch> loadAll(ImageBatchLoader& loader) {
    std::vector<ImageBatch> batches;
    while (auto batch = loader.next()) batches.push_back(std::move(*batch));
    return batches;
}

float redOf(const ImageBatch& batch, std::size_t image) {
    return batch.image(image)[2 * 3 * 2] + kCaffeMeanBgr[2];  // red plane (third), first pixel
}

TEST(ImageBatchLoader, DeliversBatchesInFileOrderWithPreprocessedPixels) {
    test::TempDir dir;
    ImageBatchLoader loader(numberedImages(dir, 10), smallOptions(3, 4));
    EXPECT_EQ(loader.batchCount(), 4u);
    const std::vector<ImageBatch> batches = loadAll(loader);
    ASSERT_EQ(batches.size(), 4u);
    std::size_t expected = 0;
    for (const ImageBatch& batch : batches) {
        EXPECT_EQ(batch.width, 3);
        EXPECT_EQ(batch.height, 2);
        EXPECT_EQ(batch.chw.size(), batch.size() * 3 * 3 * 2);
        for (std::size_t i = 0; i < batch.size(); ++i, ++expected) {
            EXPECT_EQ(batch.indices[i], expected);
            EXPECT_FLOAT_EQ(redOf(batch, i), 20.f * static_cast<float>(expected));
            EXPECT_FLOAT_EQ(batch.image(i)[0], 9.f - kCaffeMeanBgr[0]);  // blue plane first
        }
    }
    EXPECT_EQ(expected, 10u);
    EXPECT_EQ(batches.back().size(), 1u);
    EXPECT_FALSE(loader.next().has_value());
}

// More memory than any machine can address: the worker's std::bad_alloc must reach the caller as an error
// that says what to change, not end the process (--image-size 100000 did).
TEST(ImageBatchLoader, AWorkersFailureReachesTheCallerAsAnError) {
    test::TempDir dir;
    BatchLoaderOptions options = smallOptions(2, 2);
    options.preprocess.width = 1 << 22;
    options.preprocess.height = 1 << 22;
    ImageBatchLoader loader(numberedImages(dir, 3), options);
    try {
        loader.next();
        FAIL() << "a batch of 4194304x4194304 images was delivered";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("not enough memory"), std::string::npos) << e.what();
    }
}

TEST(ImageBatchLoader, OutputDoesNotDependOnTheThreadCount) {
    test::TempDir dir;
    const std::vector<fs::path> files = numberedImages(dir, 9);
    ImageBatchLoader one(files, smallOptions(4, 1));
    ImageBatchLoader many(files, smallOptions(4, 8));
    const std::vector<ImageBatch> a = loadAll(one), b = loadAll(many);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].indices, b[i].indices);
        EXPECT_EQ(a[i].chw, b[i].chw);
    }
}

TEST(ImageBatchLoader, FailedFilesAreReportedAndLeftOutOfTheirBatch) {
    test::TempDir dir;
    std::vector<fs::path> files = numberedImages(dir, 6);
    test::writeBytes(files[4], "not an image at all");
    files[1] = dir / "missing.png";
    ImageBatchLoader loader(files, smallOptions(3, 2));
    const std::vector<ImageBatch> batches = loadAll(loader);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[0].indices, (std::vector<std::size_t>{0, 2}));
    EXPECT_FLOAT_EQ(redOf(batches[0], 1), 40.f);
    ASSERT_EQ(batches[0].failures.size(), 1u);
    EXPECT_EQ(batches[0].failures[0].index, 1u);
    EXPECT_NE(batches[0].failures[0].reason.find("cannot open"), std::string::npos);
    EXPECT_EQ(batches[1].indices, (std::vector<std::size_t>{3, 5}));
    EXPECT_FLOAT_EQ(redOf(batches[1], 1), 100.f);
    ASSERT_EQ(batches[1].failures.size(), 1u);
    EXPECT_EQ(batches[1].failures[0].path, files[4]);
    EXPECT_EQ(batches[1].failures[0].reason, "not an image (text file)");
}

TEST(ImageBatchLoader, SmallestQueueStillDeliversEverything) {
    test::TempDir dir;
    BatchLoaderOptions options = smallOptions(1, 4);
    options.maxQueuedBatches = 1;
    ImageBatchLoader loader(numberedImages(dir, 7), options);
    EXPECT_EQ(loadAll(loader).size(), 7u);
}

TEST(ImageBatchLoader, CancelStopsDeliveryAndDestructionNeverHangs) {
    test::TempDir dir;
    const std::vector<fs::path> files = numberedImages(dir, 12);
    {
        ImageBatchLoader loader(files, smallOptions(2, 2));
        ASSERT_TRUE(loader.next().has_value());
        loader.cancel();
        EXPECT_FALSE(loader.next().has_value());
    }
    { ImageBatchLoader abandoned(files, smallOptions(2, 3)); }  // destroyed with batches never taken
    ImageBatchLoader empty({}, smallOptions(2, 2));
    EXPECT_EQ(empty.batchCount(), 0u);
    EXPECT_FALSE(empty.next().has_value());
}

TEST(ImageBatchLoader, RejectsNonsenseOptions) {
    EXPECT_THROW(ImageBatchLoader({}, smallOptions(0, 1)), Error);
}

TEST(ImageBatchLoader, FastJpegDecodeStaysCloseToTheFullDecode) {
    test::TempDir dir;
    const fs::path file = dir / "photo.jpg";
    // A smooth gradient: what DCT-scaled decoding approximates well.
    std::vector<std::uint8_t> rgb(256 * 192 * 3);
    for (int y = 0; y < 192; ++y)
        for (int x = 0; x < 256; ++x) {
            std::uint8_t* p = &rgb[(static_cast<size_t>(y) * 256 + static_cast<size_t>(x)) * 3];
            p[0] = static_cast<std::uint8_t>(x);
            p[1] = static_cast<std::uint8_t>(y);
            p[2] = static_cast<std::uint8_t>((x + y) / 2);
        }
    test::writeBytes(file, test::encodeJpeg(256, 192, rgb, 95));
    BatchLoaderOptions options;
    options.preprocess = PreprocessOptions{32, 32, false};
    options.batchSize = 1;
    ImageBatchLoader exact({file}, options);
    options.fastJpegDecode = true;
    ImageBatchLoader fast({file}, options);
    const ImageBatch a = *exact.next(), b = *fast.next();
    ASSERT_EQ(a.chw.size(), b.chw.size());
    double total = 0;
    for (size_t i = 0; i < a.chw.size(); ++i) total += std::fabs(a.chw[i] - b.chw[i]);
    EXPECT_LT(total / static_cast<double>(a.chw.size()), 2.0);
    EXPECT_NE(a.chw, b.chw);  // it really took the other path
}

}  // namespace
}  // namespace tlw
