#include "core/train/training_config.h"

#include <gtest/gtest.h>

#include "core/util/compute_libraries.h"
#include "core/util/error.h"

namespace tlw {
namespace {

TrainingConfig usableConfig() {
    TrainingConfig config;
    config.dataDir = "data";
    config.outputModel = "model.tlwm";
    return config;
}

TEST(Augmentation, ParsesTheTutorialsFlipAndRotation) {
    const AugmentationSettings settings = parseAugmentation("flip,rotation=0.2");
    EXPECT_TRUE(settings.horizontalFlip);
    EXPECT_DOUBLE_EQ(settings.rotation, 0.2);
    EXPECT_EQ(settings.zoom, 0.0);
    EXPECT_TRUE(settings.any());
    EXPECT_EQ(formatAugmentation(settings), "flip,rotation=0.2");
}

TEST(Augmentation, NoneAndEmptyMeanOff) {
    EXPECT_FALSE(parseAugmentation("none").any());
    EXPECT_FALSE(parseAugmentation("").any());
    EXPECT_EQ(formatAugmentation({}), "none");
}

TEST(Augmentation, EveryTransformRoundTrips) {
    const std::string text = "flip,rotation=0.1,zoom=0.15,translation=0.05,contrast=0.3";
    EXPECT_EQ(formatAugmentation(parseAugmentation(text)), text);
    EXPECT_EQ(formatAugmentation(parseAugmentation(" Zoom = 0.15 , FLIP ")), "flip,zoom=0.15");
}

TEST(Augmentation, RejectsUnknownNamesAndBadValues) {
    EXPECT_THROW(parseAugmentation("blur=0.1"), Error);
    EXPECT_THROW(parseAugmentation("rotation=1.5"), Error);
    EXPECT_THROW(parseAugmentation("rotation=-0.1"), Error);
    EXPECT_THROW(parseAugmentation("rotation=abc"), Error);
    EXPECT_THROW(parseAugmentation("rotation"), Error);
    EXPECT_THROW(parseAugmentation("flip=1"), Error);
}

TEST(TrainingConfig, ValidateAcceptsDefaultsWithDataAndOutput) { EXPECT_NO_THROW(usableConfig().validate()); }

TEST(TrainingConfig, ValidateNamesTheSettingOutOfRange) {
    TrainingConfig config = usableConfig();
    config.epochs = 0;
    try {
        config.validate();
        FAIL() << "epochs = 0 accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("epochs"), std::string::npos) << e.what();
    }
    config = usableConfig();
    config.learningRate = 0;
    EXPECT_THROW(config.validate(), Error);
    config = usableConfig();
    config.imageSize = {100000, 100000};  // a typo that used to end the process in the image loader
    EXPECT_THROW(config.validate(), Error);
    config = usableConfig();
    config.validationSplit = 0.2;
    config.validationDir = std::filesystem::path("val");
    EXPECT_THROW(config.validate(), Error);
    config = usableConfig();
    config.replaceImageNetTop = true;
    config.imageSize = {160, 160};
    EXPECT_THROW(config.validate(), Error);
    config.backbone = BackboneKind::SqueezeNet11;
    config.imageSize = {224, 224};
    EXPECT_THROW(config.validate(), Error);
}

TEST(TrainingConfig, JsonRoundTripKeepsEverySetting) {
    TrainingConfig config = usableConfig();
    config.dataDir = std::filesystem::u8path("数据/印章");
    config.validationDir = std::filesystem::path("val dir");
    config.testDir = std::filesystem::path("test");
    config.imageSize = {160, 192};
    config.cropToAspectRatio = true;
    config.backbone = BackboneKind::SqueezeNet11;
    config.weightsFile = std::filesystem::path("w.h5");
    config.allowDownload = false;
    config.allowRandomInit = true;
    config.freeze = FreezeSpec::firstLayers(16).add(FreezeSpec::parseList("3,fire2"));
    config.dropout = 0.2;
    config.normalizeFeatures = false;
    config.epochs = 7;
    config.batchSize = 16;
    config.learningRate = 0.0005;
    config.optimizer = OptimizerKind::Sgd;
    config.momentum = 0.8;
    config.fineTune = FineTuneSettings{5, 12, 1e-5};
    config.earlyStopping = {true, MonitoredMetric::ValAccuracy, 4, 0.01};
    config.reduceLr = {true, MonitoredMetric::ValLoss, 0.5, 2, 0.001, 1, 1e-6};
    config.classWeighting = ClassWeighting::Balanced;
    config.augmentation = parseAugmentation("flip,contrast=0.1");
    config.seed = 42;
    config.threads = 3;
    config.precision = Precision::BFloat16;
    config.cache = {false, "cache dir", 1 << 20, CacheStorage::Float16, false, false};

    const TrainingConfig back = trainingConfigFromJson(trainingConfigToJson(config));
    EXPECT_EQ(trainingConfigToJson(back), trainingConfigToJson(config));
    EXPECT_EQ(back.dataDir, config.dataDir);
    EXPECT_EQ(back.freeze.describe(), config.freeze.describe());
    EXPECT_EQ(back.fineTune->unfreezeFrom, 12);
    EXPECT_EQ(back.cache.storage, CacheStorage::Float16);
    EXPECT_FALSE(back.cache.poolForHead);
    EXPECT_FALSE(back.cache.scanMemo);
}

TEST(TrainingConfig, HeadSolverRoundTripsAndOlderFilesReadAsTheSolverTheyUsed) {
    TrainingConfig config = usableConfig();
    EXPECT_EQ(trainingDefaults().headSolver, HeadSolver::Exact);
    for (const HeadSolver solver : {HeadSolver::Exact, HeadSolver::Adam}) {
        config.headSolver = solver;
        EXPECT_EQ(trainingConfigFromJson(trainingConfigToJson(config)).headSolver, solver);
        TrainingConfig settings;
        readHyperParametersJson(hyperParametersToJson(config), settings);
        EXPECT_EQ(settings.headSolver, solver);
    }
    // A checkpoint or model from before the exact solver trained with Adam, and resumes with it.
    config.headSolver = HeadSolver::Exact;
    std::string json = trainingConfigToJson(config);
    const std::string key = "\"head_solver\": \"exact\",";
    ASSERT_NE(json.find(key), std::string::npos) << json;
    json.replace(json.find(key), key.size(), "");
    EXPECT_EQ(trainingConfigFromJson(json).headSolver, HeadSolver::Adam);
    // A project file without the key keeps what the page holds (the default).
    TrainingConfig page;
    readHyperParametersJson(R"({"epochs": 4})", page);
    EXPECT_EQ(page.headSolver, HeadSolver::Exact);
    EXPECT_EQ(parseHeadSolver("ADAM"), HeadSolver::Adam);
    EXPECT_THROW(parseHeadSolver("newton"), Error);
    EXPECT_THROW(readHyperParametersJson(R"({"head_solver": "sgd"})", page), Error);
}

TEST(TrainingConfig, KeptWeightsRoundTripAndOlderFilesKeptTheBest) {
    TrainingConfig config = usableConfig();
    EXPECT_EQ(trainingDefaults().keptWeights, KeptWeights::Best);
    config.keptWeights = KeptWeights::Last;
    EXPECT_EQ(trainingConfigFromJson(trainingConfigToJson(config)).keptWeights, KeptWeights::Last);
    TrainingConfig page;
    readHyperParametersJson(hyperParametersToJson(config), page);
    EXPECT_EQ(page.keptWeights, KeptWeights::Last);
    std::string json = trainingConfigToJson(config);
    const std::string key = "\"keep_weights\": \"last\",";
    ASSERT_NE(json.find(key), std::string::npos) << json;
    json.replace(json.find(key), key.size(), "");
    EXPECT_EQ(trainingConfigFromJson(json).keptWeights, KeptWeights::Best);
    EXPECT_EQ(parseKeptWeights("LAST"), KeptWeights::Last);
    EXPECT_THROW(parseKeptWeights("first"), Error);
}

TEST(TrainingConfig, MalformedJsonIsAnError) {
    EXPECT_THROW(trainingConfigFromJson("{}"), Error);
    EXPECT_THROW(trainingConfigFromJson("not json"), Error);
}

TEST(TrainingConfig, SettingsFromBeforeTheFineTunePresetNameK) {
    TrainingConfig config;
    config.dataDir = "d";
    config.outputModel = "m.tlwm";
    config.fineTune = FineTuneSettings{};
    std::string json = trainingConfigToJson(config);
    EXPECT_NE(json.find("\"unfreeze_from\": null"), std::string::npos) << json;  // the backbone's preset
    EXPECT_FALSE(trainingConfigFromJson(json).fineTune->unfreezeFrom);
    // A checkpoint written by an earlier version: "fine_tune_at" always held K.
    json.replace(json.find("\"unfreeze_from\": null"), 21, "\"fine_tune_at\": 16");
    EXPECT_EQ(trainingConfigFromJson(json).fineTune->unfreezeFrom, 16);
}

TEST(TrainingConfig, HyperParametersRoundTripAndKeepDefaultsForMissingKeys) {
    TrainingConfig config;
    config.epochs = 7;
    config.optimizer = OptimizerKind::Sgd;
    config.fineTune = FineTuneSettings{5, 12, 2e-5};
    config.earlyStopping = {true, MonitoredMetric::ValAccuracy, 4, 0.01};
    config.augmentation = parseAugmentation("flip,zoom=0.1");
    config.cache.storage = CacheStorage::BFloat16;
    TrainingConfig back;
    readHyperParametersJson(hyperParametersToJson(config), back);
    EXPECT_EQ(hyperParametersToJson(back), hyperParametersToJson(config));
    EXPECT_EQ(back.fineTune->unfreezeFrom, 12);

    TrainingConfig partial;
    readHyperParametersJson(R"({"epochs": 3, "early_stopping": {"patience": 2}})", partial);
    EXPECT_EQ(partial.epochs, 3);
    EXPECT_EQ(partial.earlyStopping.patience, 2);
    EXPECT_FALSE(partial.earlyStopping.enabled);
    EXPECT_EQ(partial.batchSize, trainingDefaults().batchSize);
}

TEST(TrainingConfig, HyperParameterErrorsNameTheKeyAndChangeNothing) {
    TrainingConfig config;
    const auto errorOf = [&](const std::string& json) {
        try {
            readHyperParametersJson(json, config);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(errorOf(R"({"epochs": "ten"})"), "epochs: expected a number");
    EXPECT_NE(errorOf(R"({"epochs": 0})").find("epochs must be at least 1"), std::string::npos);
    EXPECT_NE(errorOf(R"({"optimizer": "adagrad"})").find("unknown optimizer 'adagrad'"), std::string::npos);
    EXPECT_NE(errorOf("[1]").find("expected a JSON object"), std::string::npos);
    EXPECT_EQ(hyperParametersToJson(config), hyperParametersToJson(trainingDefaults()));
}

// The defaults the GUI, the CLI and the docs show, each with its reason in training_config.h.
TEST(TrainingConfig, DefaultsAreTheSeedsRecipe) {
    const TrainingConfig& d = trainingDefaults();
    EXPECT_EQ(d.freeze.describe(), "all");                                   // base_model.trainable = False
    EXPECT_DOUBLE_EQ(d.dropout, 0.0);                                        // the seed's head has no Dropout
    EXPECT_DOUBLE_EQ(d.learningRate, 0.001);                                 // Adam(0.001)
    EXPECT_DOUBLE_EQ(FineTuneSettings{}.learningRate, d.learningRate / 10);  // Adam(0.001 / 10)
    EXPECT_FALSE(d.earlyStopping.enabled);
    EXPECT_EQ(d.earlyStopping.patience, 5);
    EXPECT_FALSE(d.allowDownload);
}

TEST(TrainingConfig, FilesBesideTheModel) {
    EXPECT_EQ(checkpointPathFor("runs/m.tlwm"), std::filesystem::path("runs/m.tlwm.checkpoint"));
    EXPECT_EQ(historyCsvPathFor("m.tlwm"), std::filesystem::path("m.tlwm.history.csv"));
    EXPECT_EQ(historyJsonPathFor("m.tlwm"), std::filesystem::path("m.tlwm.history.json"));
}

}  // namespace
}  // namespace tlw

namespace tlw {
namespace {

TEST(TrainingConfig, PrecisionAutoIsBf16WhereTheCpuHasBf16Arithmetic) {
    EXPECT_EQ(trainingDefaults().precision, Precision::Auto);
    EXPECT_EQ(parsePrecision("auto"), Precision::Auto);
    EXPECT_EQ(precisionId(Precision::Auto), "auto");
    EXPECT_EQ(resolvePrecision(Precision::Auto),
              cpuHasBf16Arithmetic() ? Precision::BFloat16 : Precision::Float32);
    // A precision the user chose stays.
    EXPECT_EQ(resolvePrecision(Precision::Float32), Precision::Float32);
    EXPECT_EQ(resolvePrecision(Precision::BFloat16), Precision::BFloat16);
}

}  // namespace
}  // namespace tlw
