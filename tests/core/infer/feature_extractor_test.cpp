#include "core/infer/feature_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/models/keras_weights_file.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

struct ReadBack {
    std::vector<float> values;
    std::size_t headerBytes = 0;
};

// The float32 payload after the .npy header (whose layout npy_writer_test checks).
ReadBack readValues(const fs::path& file) {
    const std::string bytes = readFileBytes(file);
    ReadBack back;
    back.headerBytes =
        10 + (static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8);
    back.values.resize((bytes.size() - back.headerBytes) / 4);
    std::memcpy(back.values.data(), bytes.data() + back.headerBytes, back.values.size() * 4);
    return back;
}

class FeatureExtractorTest : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(m_dir / "images");
        test::writeBytes(m_dir / "images" / "a.png", test::encodePng(40, 56, test::quadrantPixels(40, 56)));
        test::writeBytes(m_dir / "images" / "b.jpg", test::solidJpeg(64, 64, {30, 160, 90}));
        test::writeBytes(m_dir / "images" / "c.png", test::encodePng(90, 50, test::quadrantPixels(90, 50)));
        writeRandomKerasWeightsFile(BackboneKind::SqueezeNet11, false, 7, m_dir / "squeezenet.h5");
    }

    FeatureExtractionOptions options(FeaturePooling pooling, const std::string& out) const {
        FeatureExtractionOptions options;
        options.inputs = {m_dir / "images"};
        options.out = m_dir / out;
        options.backbone = BackboneKind::SqueezeNet11;
        options.pooling = pooling;
        options.imageSize = {48, 48};
        options.weightsFile = m_dir / "squeezenet.h5";
        options.environment = isolatedEnvironment();
        options.batchSize = 2;  // a partial last batch too
        options.threads = 2;
        return options;
    }

    WeightsEnvironment isolatedEnvironment() const {
        return WeightsEnvironment{m_dir / "none", m_dir / "none", m_dir / "none"};
    }

    test::TempDir m_dir;
};

TEST_F(FeatureExtractorTest, AverageAndMaxPoolingReduceTheChannelsLastMap) {
    const FeatureExtractionResult maps = extractFeatures(options(FeaturePooling::None, "maps.npy"));
    // 48 -> conv1 23 -> pool1 11 -> pool3 5 -> pool5 2.
    EXPECT_EQ(maps.shape, (std::vector<int64_t>{3, 2, 2, 512}));
    EXPECT_EQ(maps.layer, "fire9/concat");
    EXPECT_TRUE(maps.pretrained);
    const FeatureExtractionResult avg = extractFeatures(options(FeaturePooling::Average, "avg.npy"));
    const FeatureExtractionResult max = extractFeatures(options(FeaturePooling::Max, "max.npy"));
    EXPECT_EQ(avg.shape, (std::vector<int64_t>{3, 512}));
    EXPECT_EQ(max.shape, (std::vector<int64_t>{3, 512}));

    const std::vector<float> map = readValues(m_dir / "maps.npy").values;
    const std::vector<float> means = readValues(m_dir / "avg.npy").values;
    const std::vector<float> maxima = readValues(m_dir / "max.npy").values;
    ASSERT_EQ(map.size(), 3u * 4 * 512);
    double largest = 0.0;
    for (size_t image = 0; image < 3; ++image) {
        for (size_t channel = 0; channel < 512; ++channel) {
            double sum = 0.0, top = -INFINITY;
            for (size_t position = 0; position < 4; ++position) {
                const double value = map[(image * 4 + position) * 512 + channel];  // (N, H, W, C)
                sum += value;
                top = std::max(top, value);
            }
            largest = std::max(largest, top);
            EXPECT_NEAR(means[image * 512 + channel], sum / 4, 1e-4 * (1 + std::abs(sum)));
            EXPECT_EQ(maxima[image * 512 + channel], static_cast<float>(top));
        }
    }
    EXPECT_GT(largest, 0.0) << "all-zero features would prove nothing";
    EXPECT_EQ(readFileBytes(m_dir / "avg.csv"), "index,file,label,subset\n0," +
                                                    (m_dir / "images" / "a.png").string() + ",,\n1," +
                                                    (m_dir / "images" / "b.jpg").string() + ",,\n2," +
                                                    (m_dir / "images" / "c.png").string() + ",,\n");
}

TEST_F(FeatureExtractorTest, ThreadCountAndBatchSizeDoNotChangeTheNumbers) {
    FeatureExtractionOptions one = options(FeaturePooling::Average, "one.npy");
    one.threads = 1;
    one.batchSize = 1;
    extractFeatures(one);
    extractFeatures(options(FeaturePooling::Average, "two.npy"));
    const std::vector<float> a = readValues(m_dir / "one.npy").values;
    const std::vector<float> b = readValues(m_dir / "two.npy").values;
    ASSERT_EQ(a.size(), b.size());
    // Other batch shapes may pick other convolution algorithms: the same numbers up to float32 rounding.
    const float scale = *std::max_element(a.begin(), a.end());
    ASSERT_GT(scale, 0.0f);
    for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-4 * scale) << i;
}

TEST_F(FeatureExtractorTest, BFloat16IsCloseToFloat32AndWrittenAsFloat32) {
    extractFeatures(options(FeaturePooling::Average, "fp32.npy"));
    FeatureExtractionOptions bf16 = options(FeaturePooling::Average, "bf16.npy");
    bf16.precision = ComputePrecision::BFloat16;
    const FeatureExtractionResult result = extractFeatures(bf16);
    EXPECT_EQ(result.shape, (std::vector<int64_t>{3, 512}));
    const std::vector<float> full = readValues(m_dir / "fp32.npy").values;
    const std::vector<float> half = readValues(m_dir / "bf16.npy").values;
    ASSERT_EQ(full.size(), half.size());
    double scale = 0.0, worst = 0.0;
    for (size_t i = 0; i < full.size(); ++i) {
        scale = std::max(scale, std::abs(static_cast<double>(full[i])));
        worst = std::max(worst, std::abs(static_cast<double>(full[i]) - half[i]));
    }
    ASSERT_GT(scale, 0.0);
    EXPECT_LE(worst, 0.05 * scale);  // bfloat16 keeps 8 bits of mantissa, through 26 convolutions
    EXPECT_GT(worst, 0.0) << "bf16 gave float32's exact numbers: it did not run in bfloat16";
}

TEST_F(FeatureExtractorTest, UnreadableImagesAreSkippedAndListed) {
    test::writeBytes(m_dir / "images" / "broken.png", "\x89PNG but not really");
    const FeatureExtractionResult result = extractFeatures(options(FeaturePooling::Average, "f.npy"));
    EXPECT_EQ(result.imagesFound, 4u);
    EXPECT_EQ(result.shape, (std::vector<int64_t>{3, 512}));
    ASSERT_EQ(result.skipped.size(), 1u);
    EXPECT_EQ(result.skipped[0].path, m_dir / "images" / "broken.png");
    EXPECT_FALSE(result.skipped[0].reason.empty());
    EXPECT_EQ(readValues(m_dir / "f.npy").values.size(), 3u * 512);
}

TEST_F(FeatureExtractorTest, BadRequestsFailBeforeAnythingIsWritten) {
    FeatureExtractionOptions layer = options(FeaturePooling::Average, "f.npy");
    layer.layer = "block5_pool";
    EXPECT_THROW(extractFeatures(layer), Error);
    FeatureExtractionOptions small = options(FeaturePooling::Average, "f.npy");
    small.imageSize = {16, 16};
    EXPECT_THROW(extractFeatures(small), Error);
    FeatureExtractionOptions extension = options(FeaturePooling::Average, "f.csv");
    EXPECT_THROW(extractFeatures(extension), Error);
    FeatureExtractionOptions noWeights = options(FeaturePooling::Average, "f.npy");
    noWeights.weightsFile.reset();
    EXPECT_THROW(extractFeatures(noWeights), Error);
    FeatureExtractionOptions empty = options(FeaturePooling::Average, "f.npy");
    fs::create_directory(m_dir / "empty");
    empty.inputs = {m_dir / "empty"};
    EXPECT_THROW(extractFeatures(empty), Error);
    EXPECT_FALSE(fs::exists(m_dir / "f.npy"));
    EXPECT_FALSE(fs::exists(m_dir / "f.csv"));
}

TEST_F(FeatureExtractorTest, RandomWeightsWhenAllowedAreLabelledNotPretrained) {
    FeatureExtractionOptions random = options(FeaturePooling::None, "vgg.npy");
    random.backbone = BackboneKind::Vgg16;
    random.weightsFile.reset();
    random.allowRandomInit = true;
    random.imageSize = {32, 32};
    const FeatureExtractionResult result = extractFeatures(random);
    EXPECT_FALSE(result.pretrained);
    EXPECT_EQ(result.weightsNote.rfind("not pretrained: ", 0), 0u) << result.weightsNote;
    EXPECT_EQ(result.layer, "block5_pool");
    EXPECT_EQ(result.shape, (std::vector<int64_t>{3, 1, 1, 512}));
}

TEST_F(FeatureExtractorTest, CancelledRunWritesNothing) {
    std::atomic<bool> cancel{true};
    FeatureExtractionOptions cancelled = options(FeaturePooling::Average, "f.npy");
    cancelled.cancel = &cancel;
    EXPECT_THROW(extractFeatures(cancelled), Error);
    EXPECT_FALSE(fs::exists(m_dir / "f.npy"));
}

TEST(FeatureOptions, ParseAndDefaults) {
    EXPECT_EQ(parseFeaturePooling("avg"), FeaturePooling::Average);
    EXPECT_EQ(parseFeaturePooling("max"), FeaturePooling::Max);
    EXPECT_EQ(parseFeaturePooling("none"), FeaturePooling::None);
    EXPECT_THROW(parseFeaturePooling("mean"), Error);
    EXPECT_EQ(parseComputePrecision("bf16"), ComputePrecision::BFloat16);
    EXPECT_THROW(parseComputePrecision("fp16"), Error);
    EXPECT_EQ(defaultFeatureLayer(BackboneKind::Vgg16), "block5_pool");
    EXPECT_EQ(defaultFeatureLayer(BackboneKind::SqueezeNet11), "fire9/concat");
    EXPECT_EQ(featureRowsCsvPath("out/features.npy"), fs::path("out/features.csv"));
}

}  // namespace
}  // namespace tlw
