#include "core/train/feature_cache.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/data/image_decoder.h"
#include "core/models/keras_weights.h"
#include "core/train/feature_store.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

// Equal up to float32 rounding: the cache runs channels-last, the reference plain NCHW, and the sums come
// out in another order. Measured against the largest value, as activations span several magnitudes.
::testing::AssertionResult closeToScale(const torch::Tensor& actual, const torch::Tensor& expected) {
    const float scale = expected.abs().max().item<float>();
    const float difference = (actual - expected).abs().max().item<float>();
    if (difference <= 1e-5f * scale + 1e-6f) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max difference " << difference << " at scale " << scale;
}

class FeatureCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::TinyDatasetSpec spec;
        spec.trainPerClass = 3;
        spec.validationPerClass = 0;
        test::writeTinyDataset(m_data.path(), spec);
        for (const auto& entry : std::filesystem::recursive_directory_iterator(m_data.path()))
            if (entry.is_regular_file()) m_files.push_back(entry.path());
        std::sort(m_files.begin(), m_files.end());
        for (const auto& file : m_files) m_hashes.push_back(hashFile(file));
        m_module = BackboneModule::create(BackboneKind::Vgg16, false);
        initializeHeScaled(*m_module, 5);
        m_settings.directory = m_cacheDir.path();
    }

    // Layer outputs at `cuts`.
    FeaturePreparation prepare(const std::vector<int>& cuts, Precision precision = Precision::Float32,
                               const FeatureCacheSettings* settings = nullptr) {
        std::vector<CachePoint> points;
        for (const int cut : cuts) points.push_back({cut, CachedTensor::LayerOutput});
        return preparePoints(points, precision, settings);
    }
    FeaturePreparation preparePoints(const std::vector<CachePoint>& points,
                                     Precision precision = Precision::Float32,
                                     const FeatureCacheSettings* settings = nullptr) {
        const FeatureCache cache(settings ? *settings : m_settings);
        return cache.prepare(*m_module, points, m_files, m_hashes, m_preprocess, precision, {});
    }

    // The reference: the network itself, in plain NCHW float32, from decoded and preprocessed files.
    torch::Tensor directFeatures(int cut) {
        std::vector<torch::Tensor> images;
        for (const auto& file : m_files)
            images.push_back(
                torch::tensor(preprocessImage(decodeImageFile(file), m_preprocess)).view({3, 32, 32}));
        torch::NoGradGuard noGrad;
        m_module->eval();
        return m_module->forwardRange(torch::stack(images), 0, cut);
    }

    std::vector<int64_t> allRows() const {
        std::vector<int64_t> rows(m_files.size());
        for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
        return rows;
    }

    test::TempDir m_data;
    test::TempDir m_cacheDir;
    std::vector<std::filesystem::path> m_files;
    std::vector<ContentHash> m_hashes;
    std::shared_ptr<BackboneModule> m_module;
    PreprocessOptions m_preprocess{32, 32, false};
    FeatureCacheSettings m_settings;
};

TEST_F(FeatureCacheTest, FeaturesEqualTheNetworksOwnOutput) {
    const FeaturePreparation prepared = prepare({19});
    ASSERT_EQ(prepared.sets.size(), 1u);
    EXPECT_EQ(prepared.computed, m_files.size());
    EXPECT_EQ(prepared.reused, 0u);
    const FeatureSet& set = prepared.sets[0];
    EXPECT_EQ(set.rowShape(), (std::vector<int64_t>{512, 1, 1}));
    EXPECT_TRUE(set.inMemory());
    EXPECT_TRUE(closeToScale(set.gather(allRows()), directFeatures(19)));
}

TEST_F(FeatureCacheTest, ASecondRunReusesEverything) {
    prepare({19});
    const FeaturePreparation again = prepare({19});
    EXPECT_EQ(again.computed, 0u);
    EXPECT_EQ(again.reused, m_files.size());
    EXPECT_TRUE(closeToScale(again.sets[0].gather(allRows()), directFeatures(19)));
}

TEST_F(FeatureCacheTest, OtherWeightsAreAnotherKey) {
    prepare({19});
    initializeHeScaled(*m_module, 6);
    const FeaturePreparation again = prepare({19});
    EXPECT_EQ(again.computed, m_files.size());
    EXPECT_TRUE(closeToScale(again.sets[0].gather(allRows()), directFeatures(19)));
}

TEST_F(FeatureCacheTest, SeveralCutsComeOutOfOnePass) {
    const FeaturePreparation prepared = prepare({16, 19});
    ASSERT_EQ(prepared.sets.size(), 2u);
    EXPECT_EQ(prepared.sets[0].rowShape(), (std::vector<int64_t>{512, 2, 2}));
    EXPECT_TRUE(closeToScale(prepared.sets[0].gather({1, 0}),
                             directFeatures(16).index_select(0, torch::tensor({1, 0}))));
    EXPECT_TRUE(closeToScale(prepared.sets[1].gather(allRows()), directFeatures(19)));
}

TEST_F(FeatureCacheTest, BeyondTheRamBudgetFeaturesAreReadFromTheMappedFile) {
    FeatureCacheSettings tight = m_settings;
    tight.ramBudgetBytes = 1;
    const FeaturePreparation prepared = prepare({19}, Precision::Float32, &tight);
    ASSERT_FALSE(prepared.sets[0].inMemory());
    EXPECT_TRUE(closeToScale(prepared.sets[0].gather({3, 1, 3}),
                             directFeatures(19).index_select(0, torch::tensor({3, 1, 3}))));
}

TEST_F(FeatureCacheTest, IdenticalFilesShareARow) {
    m_files.push_back(m_files.front());
    m_hashes.push_back(m_hashes.front());
    const FeaturePreparation prepared = prepare({19});
    EXPECT_EQ(prepared.computed, m_files.size() - 1);
    const torch::Tensor rows = prepared.sets[0].gather({0, static_cast<int64_t>(m_files.size() - 1)});
    EXPECT_TRUE(torch::equal(rows[0], rows[1]));
}

TEST_F(FeatureCacheTest, HalfPrecisionStorageIsClose) {
    FeatureCacheSettings half = m_settings;
    half.storage = CacheStorage::Float16;
    const FeaturePreparation prepared = prepare({19}, Precision::Float32, &half);
    const torch::Tensor direct = directFeatures(19);
    const torch::Tensor cached = prepared.sets[0].gather(allRows());
    EXPECT_LT(((cached - direct).abs().max() / direct.abs().max()).item<float>(), 1e-2f);
}

TEST_F(FeatureCacheTest, Bfloat16PassIsWithinOnePercent) {
    const FeaturePreparation prepared = prepare({19}, Precision::BFloat16);
    const torch::Tensor direct = directFeatures(19);
    const torch::Tensor cached = prepared.sets[0].gather(allRows());
    EXPECT_LT(((cached - direct).norm() / direct.norm()).item<float>(), 2e-2f);
}

TEST_F(FeatureCacheTest, ADamagedIndexIsRebuilt) {
    const FeaturePreparation first = prepare({19});
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_cacheDir.path()))
        if (entry.path().filename() == "index.bin")
            std::ofstream(entry.path(), std::ios::binary) << "garbage";
    const FeaturePreparation again = prepare({19});
    EXPECT_EQ(again.computed, m_files.size());
    ASSERT_FALSE(again.notes.empty());
    EXPECT_EQ(again.notes.front().kind, RunNotice::Kind::CacheDamaged);
    EXPECT_NE(again.notes.front().english().find("damaged"), std::string::npos);
    EXPECT_TRUE(closeToScale(again.sets[0].gather(allRows()), directFeatures(19)));
}

TEST_F(FeatureCacheTest, AnUnreadableImageIsAnErrorNamingIt) {
    const auto broken = m_data.path() / "broken.png";
    std::ofstream(broken) << "not an image";
    m_files.push_back(broken);
    m_hashes.push_back(hashFile(broken));
    try {
        prepare({19});
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), broken);
    }
    // What was computed before the failure is kept.
    m_files.pop_back();
    m_hashes.pop_back();
    EXPECT_GT(prepare({19}).reused, 0u);
}

// A full disk: block5_conv1's rows are 2 KiB each; the disk fills in the third row of the second run.
TEST_F(FeatureCacheTest, AFullDiskIsNoErrorAndGivesBackWhatThePassWrote) {
    const std::vector<std::filesystem::path> allFiles = m_files;
    const std::vector<ContentHash> allHashes = m_hashes;
    m_files.resize(2);
    m_hashes.resize(2);
    const FeaturePreparation first = prepare({16});
    ASSERT_EQ(first.sets.size(), 1u);
    const int64_t rowBytes = 512 * 2 * 2 * 4;
    m_files = allFiles;
    m_hashes = allHashes;
    FeaturePreparation full;
    {
        const test::FileSizeLimit fullAfter(3 * rowBytes - 100);
        full = prepare({16});
    }
    EXPECT_TRUE(full.sets.empty());
    EXPECT_NE(full.unwritable.find("cannot write cached features"), std::string::npos) << full.unwritable;
    std::int64_t featureBytes = -1;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_cacheDir.path()))
        if (entry.path().filename() == "features.bin") featureBytes = static_cast<int64_t>(entry.file_size());
    EXPECT_EQ(featureBytes, 2 * rowBytes);  // the first run's rows, nothing of the failed pass

    const FeaturePreparation roomAgain = prepare({16});
    EXPECT_EQ(roomAgain.reused, 2u);
    EXPECT_EQ(roomAgain.computed, m_files.size() - 2);
    EXPECT_TRUE(closeToScale(roomAgain.sets.at(0).gather(allRows()), directFeatures(16)));
}

TEST_F(FeatureCacheTest, StoppedPassReturnsNoSets) {
    std::atomic<bool> stop{true};
    const FeatureCache cache(m_settings);
    BatchRunOptions options;
    options.cancel = &stop;
    const FeaturePreparation prepared = cache.prepare(*m_module, {{19, CachedTensor::LayerOutput}}, m_files,
                                                      m_hashes, m_preprocess, Precision::Float32, options);
    EXPECT_TRUE(prepared.sets.empty());
}

TEST_F(FeatureCacheTest, PooledRowsAreTheLayersMapThroughGlobalAveragePooling) {
    // Block 5's 2x2 maps at 32x32 input, as a map and pooled, from one pass that stops at the cut once.
    const FeaturePreparation prepared =
        preparePoints({{16, CachedTensor::LayerOutput}, {16, CachedTensor::Pooled}});
    ASSERT_EQ(prepared.sets.size(), 2u);
    EXPECT_EQ(prepared.computed, m_files.size());
    const FeatureSet& pooled = prepared.sets[1];
    EXPECT_EQ(pooled.tensor(), CachedTensor::Pooled);
    EXPECT_EQ(pooled.rowShape(), (std::vector<int64_t>{512}));
    EXPECT_EQ(pooled.bytes() * 4, prepared.sets[0].bytes());
    // Exactly what the head computes from the cached map (the same float32 sums in the same order).
    EXPECT_TRUE(torch::equal(pooled.gather(allRows()), prepared.sets[0].gather(allRows()).mean({2, 3})));
    EXPECT_TRUE(closeToScale(pooled.gather(allRows()), directFeatures(16).mean({2, 3})));
}

TEST_F(FeatureCacheTest, TheKeyAndItsNoteSayWhichTensorIsCached) {
    const FeatureKey map = featureKey(*m_module, {16, CachedTensor::LayerOutput}, m_preprocess,
                                      Precision::Float32, CacheStorage::Float32);
    const FeatureKey pooled = featureKey(*m_module, {16, CachedTensor::Pooled}, m_preprocess,
                                         Precision::Float32, CacheStorage::Float32);
    EXPECT_NE(map.id(), pooled.id());
    preparePoints({{16, CachedTensor::Pooled}});
    const auto note = nlohmann::json::parse(readFileBytes(m_cacheDir / pooled.id() / "key.json"));
    EXPECT_EQ(note["tensor"], "global_average_pooled");
    EXPECT_EQ(note["row_shape"], nlohmann::json::array({512}));
    EXPECT_EQ(nlohmann::json::parse(map.describe())["tensor"], "layer_output");
}

// The folder name a format-1 cache (before the key named the tensor) had for the same features.
std::string formatOneId(const FeatureKey& key) {
    const nlohmann::json description = {{"format", 1},
                                        {"backbone", key.backbone},
                                        {"cut", key.cut},
                                        {"layer", key.layerName},
                                        {"image_size", {key.preprocess.height, key.preprocess.width}},
                                        {"crop_to_aspect_ratio", key.preprocess.cropToAspectRatio},
                                        {"preprocessing", "caffe"},
                                        {"precision", precisionId(key.precision)},
                                        {"storage", cacheStorageId(key.storage)},
                                        {"weights", key.weights.hex()}};
    return hashBytes(description.dump(2)).hex();
}

TEST_F(FeatureCacheTest, AnOldFormatCacheIsComputedAfreshNeverMisread) {
    // A format-1 store for block5_pool, complete for these images, but with wrong numbers in it: reading it
    // would give them back.
    const FeatureKey key = featureKey(*m_module, {19, CachedTensor::LayerOutput}, m_preprocess,
                                      Precision::Float32, CacheStorage::Float32);
    const std::filesystem::path old = m_cacheDir / formatOneId(key);
    {
        FeatureStore store(old, 512 * 4);
        const std::vector<float> wrong(512, 1234.5f);
        for (const ContentHash& hash : m_hashes) store.append(hash, wrong.data());
        store.commit();
    }
    writeFileAtomically(old / "key.json", R"({"format": 1, "cut": 19})");
    for (const CachedTensor tensor : {CachedTensor::LayerOutput, CachedTensor::Pooled}) {
        const FeaturePreparation prepared = preparePoints({{19, tensor}});
        EXPECT_EQ(prepared.reused, 0u);
        EXPECT_EQ(prepared.computed, m_files.size());
        ASSERT_FALSE(prepared.notes.empty());
        EXPECT_NE(prepared.notes.front().english().find("1 folder(s) of an older feature cache format"),
                  std::string::npos);
        EXPECT_TRUE(closeToScale(prepared.sets[0].gather(allRows()).reshape({-1, 512}),
                                 directFeatures(19).reshape({-1, 512})));
    }
    // The old files are left as they were: deleting caches is for people.
    EXPECT_EQ(FeatureStore(old, 512 * 4).rowCount(), static_cast<int64_t>(m_files.size()));
}

}  // namespace
}  // namespace tlw
