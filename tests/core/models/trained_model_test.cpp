#include "core/models/trained_model.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/io/tensor_archive.h"
#include "core/models/classifier_module.h"
#include "core/models/model_description_json.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

std::vector<RgbImage> someImages() {
    // Sizes other than the model's 48x48: probabilities() resizes as training did.
    return {test::makeTestImage(48, 48, 1), test::makeTestImage(64, 40, 2), test::makeTestImage(30, 90, 3),
            test::makeTestImage(48, 48, 4)};
}

std::string loadFailure(const std::filesystem::path& file) {
    try {
        TrainedModel::load(file);
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), file) << e.what();
        return e.reason();
    }
    ADD_FAILURE() << "loading " << file << " did not fail";
    return {};
}

// A saved model's archive with its description replaced, as a hand-edited or foreign file would be.
void rewriteDescription(const std::filesystem::path& file, const std::string& from, const std::string& to) {
    TensorArchive archive = readTensorArchive(file, "tlw-model");
    const std::size_t at = archive.json.find(from);
    ASSERT_NE(at, std::string::npos) << archive.json;
    archive.json.replace(at, from.size(), to);
    writeTensorArchive(file, archive);
}

TEST(TrainedModel, SaveThenLoadGivesIdenticalWeightsAndProbabilities) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"ants", "bees", "wasps"}});
    model.save(dir / "model.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "model.tlwm");

    const auto original = model.impl().module->namedWeights();
    const auto restored = loaded.impl().module->namedWeights();
    ASSERT_EQ(original.size(), restored.size());
    for (size_t i = 0; i < original.size(); ++i) {
        EXPECT_EQ(original[i].first, restored[i].first);
        EXPECT_TRUE(at::equal(original[i].second, restored[i].second)) << original[i].first;
    }
    const auto expected = model.probabilities(someImages());
    const auto actual = loaded.probabilities(someImages());
    ASSERT_EQ(actual.size(), 4u);
    EXPECT_EQ(actual, expected);
    EXPECT_FALSE(loaded.impl().module->is_training());
}

TEST(TrainedModel, TheHeadsNormalizationIsSavedAndLoaded) {
    test::TempDir dir;
    test::SeededModelOptions options;
    options.normalizeFeatures = true;
    const TrainedModel model = test::makeSeededModel(options);
    model.save(dir / "model.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "model.tlwm");
    EXPECT_TRUE(loaded.description().head.normalizeFeatures);
    const auto weights = loaded.impl().module->namedWeights();
    const auto mean = std::find_if(weights.begin(), weights.end(), [](const auto& entry) {
        return entry.first == "head/normalization.mean";
    });
    ASSERT_NE(mean, weights.end());
    EXPECT_GT(mean->second.mean().item<float>(), 1.0f);  // the adapted statistics, not the identity
    EXPECT_EQ(loaded.probabilities(someImages()), model.probabilities(someImages()));
}

TEST(TrainedModel, ProbabilitiesAreDistributionsThatDependOnTheImage) {
    for (const auto& names :
         {std::vector<std::string>{"cat", "dog"}, std::vector<std::string>{"a", "b", "c"}}) {
        const TrainedModel model = test::makeSeededModel({names});
        const auto probabilities = model.probabilities(someImages());
        for (const auto& row : probabilities) {
            ASSERT_EQ(row.size(), names.size());
            double sum = 0;
            for (const float p : row) sum += p;
            EXPECT_NEAR(sum, 1.0, 1e-5);
        }
        EXPECT_NE(probabilities[0], probabilities[1]);
    }
    EXPECT_TRUE(test::makeSeededModel().probabilities({}).empty());
}

TEST(TrainedModel, ProbabilitiesIgnoreDropoutAndKeepTheTrainingMode) {
    const TrainedModel model =
        test::makeSeededModel({{"a", "b", "c"}, BackboneKind::SqueezeNet11, {48, 48}, 0.5});
    model.impl().module->train();
    const auto first = model.probabilities(someImages());
    EXPECT_EQ(model.probabilities(someImages()), first);
    EXPECT_TRUE(model.impl().module->is_training());
}

TEST(TrainedModel, EmptyImageIsAnError) {
    const TrainedModel model = test::makeSeededModel();
    EXPECT_THROW(model.probabilities({test::makeTestImage(48, 48, 1), RgbImage{}}), Error);
}

TEST(TrainedModel, EveryDescriptionFieldRoundTrips) {
    test::TempDir dir;
    TrainedModel model =
        test::makeSeededModel({{"篆书", "隶书"}, BackboneKind::SqueezeNet11, {40, 56}, 0.25});
    ModelDescription& description = model.impl().description;
    description.cropToAspectRatio = true;
    description.frozenLayers = {0, 1, 2, 3};
    description.pretrained = false;
    description.weightsNote = "not pretrained: no weights found (offline)";
    description.trainingConfigJson = "{\n  \"epochs\": 3,\n  \"seed\": 1337\n}";
    description.historyJson = "{\"epochs\": [], \"monitor\": \"val_loss\"}";
    description.manifestFingerprint = "0123456789abcdef0123456789abcdef";
    description.createdBy = "tlw 0.1.0 (LibTorch 1.13.1)";
    description.createdAt = "2026-11-26T10:51:43Z";
    model.save(dir / "模型.tlwm");

    const TrainedModel loaded = TrainedModel::load(dir / "模型.tlwm");
    const ModelDescription& read = loaded.description();
    EXPECT_EQ(read.backbone, BackboneKind::SqueezeNet11);
    EXPECT_EQ(read.head.classCount, 2);
    EXPECT_EQ(read.head.dropout, 0.25);
    EXPECT_FALSE(read.head.imageNetTop);
    EXPECT_EQ(read.classNames, description.classNames);
    EXPECT_EQ(read.imageSize, (ImageSize{40, 56}));
    EXPECT_TRUE(read.cropToAspectRatio);
    EXPECT_EQ(read.preprocessing, "caffe");
    EXPECT_EQ(read.frozenLayers, description.frozenLayers);
    EXPECT_FALSE(read.pretrained);
    EXPECT_EQ(read.weightsNote, description.weightsNote);
    EXPECT_EQ(read.trainingConfigJson, description.trainingConfigJson);
    EXPECT_EQ(read.historyJson, description.historyJson);
    EXPECT_EQ(read.manifestFingerprint, description.manifestFingerprint);
    EXPECT_EQ(read.createdBy, description.createdBy);
    EXPECT_EQ(read.createdAt, description.createdAt);
    // The frozen layers (conv1 and its neighbours) come back frozen; the head is always trainable.
    const ParamTotals totals = loaded.impl().module->paramTotals();
    EXPECT_EQ(totals.nonTrainable, 64 * 3 * 3 * 3 + 64);
    EXPECT_FALSE(loaded.impl().module->backbone().pretrained());
}

TEST(TrainedModel, DamagedAndForeignFilesAreErrorsNamingTheFile) {
    test::TempDir dir;
    test::makeSeededModel().save(dir / "good.tlwm");
    const std::string bytes = readFileBytes(dir / "good.tlwm");

    std::ofstream(dir / "cut.tlwm", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    EXPECT_EQ(loadFailure(dir / "cut.tlwm").rfind("truncated", 0), 0u);

    std::string flipped = bytes;
    flipped[bytes.size() / 3] = static_cast<char>(flipped[bytes.size() / 3] ^ 1);
    std::ofstream(dir / "flipped.tlwm", std::ios::binary) << flipped;
    EXPECT_EQ(loadFailure(dir / "flipped.tlwm"), "checksum mismatch: the file is damaged");

    writeTensorArchive(dir / "run.checkpoint", {"tlw-checkpoint", "{}", {}});
    EXPECT_EQ(loadFailure(dir / "run.checkpoint"), "is a tlw-checkpoint, expected a tlw-model");

    EXPECT_EQ(loadFailure(dir / "missing.tlwm").rfind("cannot open", 0), 0u);
}

TEST(TrainedModel, InvalidDescriptionsAreRefusedWithTheReason) {
    test::TempDir dir;
    const std::filesystem::path file = dir / "model.tlwm";
    const auto failureAfter = [&](const std::string& from, const std::string& to) {
        test::makeSeededModel().save(file);
        rewriteDescription(file, from, to);
        return loadFailure(file);
    };
    EXPECT_EQ(failureAfter("\"bees\"", "\"bees\", \"wasps\""), "3 class names for a head of 2 classes");
    EXPECT_EQ(failureAfter("\"squeezenet\"", "\"resnet152\""), "unknown backbone 'resnet152'");
    EXPECT_EQ(failureAfter("\"format_version\": 1", "\"format_version\": 7"),
              "written by a newer TL Workbench (model format 7); this version reads format 1");
    EXPECT_EQ(failureAfter("\"height\": 48", "\"height\": 16"),
              "image size 16x48 is below the minimum of 32 pixels a side");
    EXPECT_EQ(failureAfter("\"imagenet_top\": false", "\"imagenet_top\": true"),
              "SqueezeNet v1.1 has no ImageNet top to replace");
    EXPECT_EQ(failureAfter("\"preprocessing\": \"caffe\"", "\"preprocessing\": \"tf\""),
              "preprocessing 'tf' does not match SqueezeNet v1.1 (caffe)");
    EXPECT_EQ(failureAfter("\"frozen_layers\": []", "\"frozen_layers\": [99]"),
              "frozen layer 99 is not one of the 63 layers of SqueezeNet v1.1");
    EXPECT_EQ(failureAfter("\"ants\"", "\"bees\""), "class name 'bees' appears twice");
    EXPECT_EQ(failureAfter("\"class_count\": 2", "\"class_count\": \"two\""),
              "malformed model description: type must be number, but is string");
    EXPECT_EQ(failureAfter("\"head\"", "\"heads\""), "malformed model description: key 'head' not found");
    EXPECT_EQ(failureAfter("{", "[").rfind("malformed model description: parse error", 0), 0u);
}

TEST(TrainedModel, MissingOrMisshapenWeightIsNamed) {
    test::TempDir dir;
    const std::filesystem::path file = dir / "model.tlwm";
    test::makeSeededModel().save(file);
    TensorArchive archive = readTensorArchive(file, "tlw-model");
    archive.tensors.pop_back();
    writeTensorArchive(file, archive);
    EXPECT_EQ(loadFailure(file), "weight 'head/dense.bias' is missing");

    archive.tensors.emplace_back("head/dense.bias", at::zeros({3}));
    writeTensorArchive(file, archive);
    EXPECT_EQ(loadFailure(file), "weight 'head/dense.bias' has shape [3], expected [1]");
}

TEST(TrainedModel, FailedSaveLeavesTheExistingFileUntouched) {
    test::TempDir dir;
    const std::filesystem::path file = dir / "model.tlwm";
    test::makeSeededModel().save(file);
    const std::string before = readFileBytes(file);

    TrainedModel broken = test::makeSeededModel({{"a", "b", "c"}});
    broken.impl().description.classNames.pop_back();  // two names for three outputs: unloadable
    try {
        broken.save(file);
        FAIL() << "an unloadable model was saved";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_EQ(e.reason(), "2 class names for a head of 3 classes");
    }
    EXPECT_EQ(readFileBytes(file), before);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);

    EXPECT_THROW(test::makeSeededModel().save(dir / "no such folder" / "model.tlwm"), Error);
}

TEST(TrainedModel, CalibrationAndThresholdsAreSavedAndApplied) {
    test::TempDir dir;
    TrainedModel model = test::makeSeededModel({{"ants", "bees", "wasps"}});
    const auto uncalibrated = model.probabilities(someImages());
    ModelCalibration calibration;
    calibration.temperature = 2.5;
    calibration.fitted = true;
    calibration.validationImages = 153;
    calibration.eceBefore = 0.12;
    calibration.eceAfter = 0.03;
    model.setCalibration(calibration);
    DecisionThresholds decision;
    decision.unknownBelow = 0.6;
    model.setDecisionThresholds(decision);
    model.save(dir / "model.tlwm");

    const TrainedModel loaded = TrainedModel::load(dir / "model.tlwm");
    EXPECT_EQ(loaded.description().calibration.temperature, 2.5);
    EXPECT_TRUE(loaded.description().calibration.fitted);
    EXPECT_EQ(loaded.description().calibration.validationImages, 153u);
    EXPECT_EQ(loaded.description().calibration.eceAfter, 0.03);
    ASSERT_TRUE(loaded.description().decision.unknownBelow.has_value());
    EXPECT_EQ(*loaded.description().decision.unknownBelow, 0.6);
    EXPECT_FALSE(loaded.description().decision.positiveThreshold);
    const auto calibrated = loaded.probabilities(someImages());
    ASSERT_EQ(calibrated.size(), uncalibrated.size());
    for (size_t i = 0; i < calibrated.size(); ++i) {
        EXPECT_NE(calibrated[i], uncalibrated[i]);
        EXPECT_EQ(topClasses(calibrated[i], loaded.description().classNames, 1)[0].classIndex,
                  topClasses(uncalibrated[i], loaded.description().classNames, 1)[0].classIndex);
    }
    ModelCalibration bad;
    bad.temperature = 0.0;
    EXPECT_THROW(model.setCalibration(bad), Error);
    decision.positiveThreshold = 1.5;
    EXPECT_THROW(model.setDecisionThresholds(decision), Error);
}

TEST(TrainedModel, PerClassThresholdsSurviveASaveAndMustFitTheClassCount) {
    test::TempDir dir;
    TrainedModel model = test::makeSeededModel({{"ants", "bees", "wasps"}});
    DecisionThresholds decision;
    decision.classThresholds = {0.7, 0.4, 0.55};
    model.setDecisionThresholds(decision);
    model.save(dir / "model.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "model.tlwm");
    EXPECT_EQ(loaded.description().decision.classThresholds, (std::vector<double>{0.7, 0.4, 0.55}));
    EXPECT_FALSE(loaded.description().decision.unknownBelow);

    decision.classThresholds = {0.7, 0.4};
    EXPECT_THROW(model.setDecisionThresholds(decision), Error);
    decision.classThresholds = {0.7, 0.4, 1.2};
    EXPECT_THROW(model.setDecisionThresholds(decision), Error);
    // A file whose list does not fit its classes names itself.
    nlohmann::json json = nlohmann::json::parse(modelDescriptionToJson(loaded.description()));
    json["decision"]["class_thresholds"] = {0.5, 0.5};
    try {
        modelDescriptionFromJson(json.dump(), "edited.tlwm");
        ADD_FAILURE() << "two thresholds for three classes were accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), "edited.tlwm");
        EXPECT_EQ(e.reason(), "2 per-class thresholds for 3 classes");
    }
}

TEST(TrainedModel, FilesWithoutCalibrationLoadWithTemperatureOne) {
    // A description as TL Workbench wrote it before calibration existed: no "calibration", no "decision".
    nlohmann::json json =
        nlohmann::json::parse(modelDescriptionToJson(test::makeSeededModel().description()));
    json.erase("calibration");
    json.erase("decision");
    const ModelDescription read = modelDescriptionFromJson(json.dump(), "old.tlwm");
    EXPECT_EQ(read.calibration.temperature, 1.0);
    EXPECT_FALSE(read.calibration.fitted);
    EXPECT_FALSE(read.decision.any());
    // Before per-class thresholds: a decision without "class_thresholds".
    json["decision"] = {{"positive_threshold", 0.3}, {"unknown_below", nullptr}};
    EXPECT_TRUE(modelDescriptionFromJson(json.dump(), "old.tlwm").decision.classThresholds.empty());
    json.erase("decision");
    EXPECT_NE(calibrationSummary(read.calibration).find("none"), std::string::npos);

    json["calibration"] = {{"temperature", -1.0}};
    try {
        modelDescriptionFromJson(json.dump(), "bad.tlwm");
        ADD_FAILURE() << "a negative temperature was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), "bad.tlwm");
        EXPECT_NE(e.reason().find("temperature"), std::string::npos) << e.what();
    }
}

TEST(TopClasses, MostProbableFirstTiesByIndexClampedToTheClassCount) {
    const std::vector<std::string> names = {"a", "b", "c", "d"};
    const std::vector<ClassScore> top = topClasses({0.1f, 0.4f, 0.1f, 0.4f}, names, 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].classIndex, 1);
    EXPECT_EQ(top[0].className, "b");
    EXPECT_FLOAT_EQ(static_cast<float>(top[0].probability), 0.4f);
    EXPECT_EQ(top[1].classIndex, 3);
    EXPECT_EQ(top[2].classIndex, 0);
    EXPECT_EQ(topClasses({0.5f, 0.5f}, {"x", "y"}, 10).size(), 2u);
    EXPECT_TRUE(topClasses({0.5f, 0.5f}, {"x", "y"}, 0).empty());
    EXPECT_THROW(topClasses({1.0f}, names, 1), Error);
}

}  // namespace
}  // namespace tlw
