#include "ui/project/project_file.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <fstream>

#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw::ui {
namespace {

QString qpath(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

WorkbenchProject sampleProject(const tlw::test::TempDir& dir) {
    WorkbenchProject project;
    project.datasetFolder = qpath(dir / "data" / "花卉");  // CJK names survive the round trip
    project.split = {0.25, 42, qpath(dir / "data" / "split.json")};
    project.model.backbone = QStringLiteral("squeezenet");
    project.model.imageSize = 192;
    project.model.dropout = 0.4;
    project.model.trainable = {false, false, true, true};
    project.model.frozenPrefix = 2;
    project.model.weightsFile = QStringLiteral("/opt/weights/squeezenet.h5");
    project.model.pretrained = false;
    project.training.epochs = 25;
    project.training.batchSize = 8;
    project.training.learningRate = 0.002;
    project.training.optimizer = tlw::OptimizerKind::Sgd;
    project.training.momentum = 0.8;
    project.training.classWeighting = tlw::ClassWeighting::Balanced;
    project.training.earlyStopping = {false, tlw::MonitoredMetric::ValAccuracy, 7, 0.01};
    project.training.keptWeights = tlw::KeptWeights::Last;
    project.training.reduceLr.enabled = true;
    project.training.reduceLr.monitor = tlw::MonitoredMetric::ValAccuracy;
    project.training.augmentation = {true, 0.2, 0.1, 0.05, 0.3};
    project.training.fineTune = tlw::FineTuneSettings{3, 11, 0.0001};
    project.training.threads = 2;
    project.training.cache.enabled = false;
    project.training.precision = tlw::Precision::BFloat16;
    project.training.outputModel = (dir / "models" / "flowers.tlwm").string();
    project.lastModelPath = qpath(dir / "models" / "flowers.tlwm");
    return project;
}

// The error message a file gives, or "" when it reads.
std::string readError(const std::filesystem::path& file) {
    try {
        readProjectFile(qpath(file));
    } catch (const tlw::Error& error) {
        return error.what();
    }
    return {};
}

std::filesystem::path writeFile(const tlw::test::TempDir& dir, const char* name, const std::string& text) {
    const auto file = dir / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

TEST(ProjectFile, RoundTripsEverySetting) {
    tlw::test::TempDir dir;
    const WorkbenchProject project = sampleProject(dir);
    const QString file = qpath(dir / "flowers.tlwproj");
    writeProjectFile(file, project);
    const WorkbenchProject read = readProjectFile(file);
    EXPECT_EQ(read.datasetFolder, project.datasetFolder);
    EXPECT_EQ(read.split, project.split);
    EXPECT_EQ(read.model.backbone, project.model.backbone);
    EXPECT_EQ(read.model.imageSize, 192);
    EXPECT_FALSE(read.model.includeTop);
    EXPECT_DOUBLE_EQ(read.model.dropout, 0.4);
    EXPECT_EQ(read.model.trainable, project.model.trainable);
    EXPECT_EQ(read.model.frozenPrefix, 2);
    EXPECT_EQ(read.model.weightsFile, project.model.weightsFile);
    EXPECT_FALSE(read.model.pretrained);
    // The training settings are core's, in core's JSON: everything comes back.
    EXPECT_EQ(tlw::hyperParametersToJson(read.training), tlw::hyperParametersToJson(project.training));
    EXPECT_EQ(read.training.epochs, 25);
    EXPECT_EQ(read.training.optimizer, tlw::OptimizerKind::Sgd);
    EXPECT_EQ(read.training.earlyStopping.patience, 7);
    EXPECT_EQ(read.training.keptWeights, tlw::KeptWeights::Last);
    ASSERT_TRUE(read.training.fineTune);
    EXPECT_EQ(read.training.fineTune->unfreezeFrom, 11);
    EXPECT_EQ(read.training.outputModel, project.training.outputModel);
    EXPECT_EQ(read.lastModelPath, project.lastModelPath);
}

TEST(ProjectFile, PathsInsideTheProjectFolderAreStoredRelativeSoTheFolderCanMove) {
    tlw::test::TempDir dir;
    const WorkbenchProject project = sampleProject(dir);
    const QByteArray json = projectToJson(project, qpath(dir.path()));
    EXPECT_TRUE(json.contains("\"folder\": \"data/花卉\""));
    EXPECT_TRUE(json.contains("\"weights_file\": \"/opt/weights/squeezenet.h5\""));
    const WorkbenchProject moved = projectFromJson(json, QStringLiteral("/elsewhere"), QStringLiteral("x"));
    EXPECT_EQ(moved.datasetFolder, QStringLiteral("/elsewhere/data/花卉"));
    EXPECT_EQ(moved.model.weightsFile, QStringLiteral("/opt/weights/squeezenet.h5"));
}

TEST(ProjectFile, SavingReplacesTheOldFileWholeAndLeavesNoTemporaryFiles) {
    tlw::test::TempDir dir;
    const QString file = qpath(dir / "p.tlwproj");
    WorkbenchProject project = sampleProject(dir);
    writeProjectFile(file, project);
    project.training.epochs = 99;
    writeProjectFile(file, project);
    EXPECT_EQ(readProjectFile(file).training.epochs, 99);
    EXPECT_EQ(QDir(qpath(dir.path())).entryList(QDir::Files | QDir::Hidden),
              QStringList{QStringLiteral("p.tlwproj")});
}

TEST(ProjectFile, ATruncatedFileIsRefusedWithTheFileAndTheReason) {
    tlw::test::TempDir dir;
    const QByteArray json = projectToJson(sampleProject(dir), qpath(dir.path()));
    const auto file = writeFile(dir, "cut.tlwproj", json.left(json.size() / 2).toStdString());
    const std::string error = readError(file);
    EXPECT_EQ(error.rfind(file.string() + ": not valid JSON", 0), 0u) << error;
    EXPECT_NE(error.find("damaged or cut short"), std::string::npos) << error;
}

TEST(ProjectFile, MalformedFilesAreRefusedWithAReasonNamingTheField) {
    tlw::test::TempDir dir;
    const std::pair<const char*, const char*> cases[] = {
        {"", "empty file"},
        {"[1, 2]", "not a TL Workbench project"},
        {R"({"format": "something-else", "version": 1})", "not a TL Workbench project"},
        {R"({"format": "tlworkbench-project", "version": 7})", "version 7 is newer"},
        {R"({"format": "tlworkbench-project", "version": 1, "model": {}, "training": {}})",
         "no \"dataset\" section"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {"image_size": "big"},
            "training": {}})",
         "model.image_size: expected a number"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {"image_size": 4000},
            "training": {}})",
         "model.image_size: 4000 is out of range"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {"backbone": "resnet"},
            "training": {}})",
         "model.backbone: \"resnet\" is not vgg16, squeezenet, mobilenet_0.25, mobilenet_0.50, "
         "mobilenet_0.75, mobilenet_1.00, resnet50, mobilenet_v2_0.35, mobilenet_v2_0.50, "
         "mobilenet_v2_0.75, mobilenet_v2_1.00, mobilenet_v2_1.30, mobilenet_v2_1.40 or efficientnet_b0"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {"trainable": [true, 3]},
            "training": {}})",
         "model.trainable: expected a list of true/false"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {"validation_split": 1.5}, "model": {},
            "training": {}})",
         "dataset.validation_split: 1.5 is out of range"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {},
            "training": {"epochs": 2.5}})",
         "training.epochs: expected a whole number"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {},
            "training": {"optimizer": "adagrad"}})",
         "training.optimizer: \"adagrad\" is not adam or sgd"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {},
            "training": {"monitor": "loss"}})",
         "training.monitor: \"loss\" is not val_loss or val_accuracy"},
        {R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {},
            "training": {"augmentation": {"rotation": 3}}})",
         "training.augmentation.rotation: 3 is out of range"},
    };
    for (const auto& [text, reason] : cases) {
        const auto file = writeFile(dir, "bad.tlwproj", text);
        const std::string error = readError(file);
        EXPECT_EQ(error.rfind(file.string() + ": ", 0), 0u) << text << " -> " << error;
        EXPECT_NE(error.find(reason), std::string::npos) << text << " -> " << error;
    }
}

TEST(ProjectFile, AMissingFileSaysSo) {
    tlw::test::TempDir dir;
    const std::string error = readError(dir / "nothing.tlwproj");
    EXPECT_NE(error.find("nothing.tlwproj: no such file"), std::string::npos) << error;
}

TEST(ProjectFile, MissingOptionalFieldsTakeTheirDefaults) {
    tlw::test::TempDir dir;
    const auto file = writeFile(
        dir, "minimal.tlwproj",
        R"({"format": "tlworkbench-project", "version": 1, "dataset": {}, "model": {}, "training": {}})");
    const WorkbenchProject project = readProjectFile(qpath(file));
    EXPECT_TRUE(project.datasetFolder.isEmpty());
    EXPECT_EQ(project.split, SplitSettings{});
    EXPECT_EQ(project.model.backbone, QStringLiteral("vgg16"));
    EXPECT_EQ(tlw::hyperParametersToJson(project.training),
              tlw::hyperParametersToJson(tlw::trainingDefaults()));
    EXPECT_DOUBLE_EQ(project.model.dropout, tlw::trainingDefaults().dropout);
    EXPECT_TRUE(project.runModels.isEmpty());  // written before runs were recorded
}

TEST(ProjectFile, TheProjectsRunsRoundTripRelativeToItsFolder) {
    tlw::test::TempDir dir;
    WorkbenchProject project = sampleProject(dir);
    project.runModels = {qpath(dir / "models" / "a.tlwm"), QStringLiteral("/elsewhere/b.tlwm")};
    const QByteArray json = projectToJson(project, qpath(dir.path()));
    EXPECT_TRUE(json.contains("\"models/a.tlwm\"")) << json.toStdString();
    const WorkbenchProject moved = projectFromJson(json, QStringLiteral("/moved"), QStringLiteral("x"));
    EXPECT_EQ(moved.runModels,
              (QStringList{QStringLiteral("/moved/models/a.tlwm"), QStringLiteral("/elsewhere/b.tlwm")}));
    const auto file = writeFile(dir, "bad-runs.tlwproj",
                                R"({"format": "tlworkbench-project", "version": 2, "dataset": {}, "model": {},
                                    "training": {}, "runs": [3]})");
    EXPECT_NE(readError(file).find("runs: expected a list of strings"), std::string::npos) << readError(file);
}

// Projects saved before the Training page knew the engine's settings: one augmentation check box and
// an optimizer the engine does not have.
TEST(ProjectFile, ProjectsFromBeforeTheEngineStillOpen) {
    tlw::test::TempDir dir;
    const auto file = writeFile(dir, "old.tlwproj", R"({"format": "tlworkbench-project", "version": 1,
        "dataset": {}, "model": {}, "training": {"epochs": 12, "optimizer": "rmsprop",
        "augmentation": true, "early_stopping": true, "patience": 4}})");
    const WorkbenchProject project = readProjectFile(qpath(file));
    EXPECT_EQ(project.training.epochs, 12);
    EXPECT_EQ(project.training.optimizer, tlw::OptimizerKind::Adam);
    EXPECT_TRUE(project.training.augmentation.horizontalFlip);
    EXPECT_DOUBLE_EQ(project.training.augmentation.rotation, 0.2);
    EXPECT_TRUE(project.training.earlyStopping.enabled);
    EXPECT_EQ(project.training.earlyStopping.patience, 4);
}

// Version 1 projects kept the page's own keys; the two-phase ones map onto core's FineTuneSettings.
TEST(ProjectFile, Version1TwoPhaseSettingsStillOpen) {
    tlw::test::TempDir dir;
    const auto file = writeFile(dir, "v1.tlwproj", R"({"format": "tlworkbench-project", "version": 1,
        "dataset": {}, "model": {}, "training": {"fine_tune_phase": true, "fine_tune_at": 11,
        "fine_tune_epochs": 3, "fine_tune_learning_rate": 0.0002, "monitor": "val_accuracy",
        "reduce_lr_on_plateau": true, "feature_cache": false, "precision": "bf16"}})");
    const WorkbenchProject project = readProjectFile(qpath(file));
    ASSERT_TRUE(project.training.fineTune);
    EXPECT_EQ(project.training.fineTune->unfreezeFrom, 11);
    EXPECT_EQ(project.training.fineTune->epochs, 3);
    EXPECT_DOUBLE_EQ(project.training.fineTune->learningRate, 0.0002);
    EXPECT_EQ(project.training.reduceLr.monitor, tlw::MonitoredMetric::ValAccuracy);
    EXPECT_TRUE(project.training.reduceLr.enabled);
    EXPECT_FALSE(project.training.cache.enabled);
    EXPECT_EQ(project.training.precision, tlw::Precision::BFloat16);
}

TEST(ProjectFile, Version2TrainingErrorsNameTheKey) {
    tlw::test::TempDir dir;
    const auto file = writeFile(dir, "v2.tlwproj", R"({"format": "tlworkbench-project", "version": 2,
        "dataset": {}, "model": {}, "training": {"epochs": "many"}})");
    const std::string error = readError(file);
    EXPECT_EQ(error.rfind(file.string() + ": training: epochs", 0), 0u) << error;
    const auto zero = writeFile(dir, "zero.tlwproj", R"({"format": "tlworkbench-project", "version": 2,
        "dataset": {}, "model": {}, "training": {"epochs": 0}})");
    EXPECT_NE(readError(zero).find("epochs must be at least 1"), std::string::npos) << readError(zero);
}

}  // namespace
}  // namespace tlw::ui
