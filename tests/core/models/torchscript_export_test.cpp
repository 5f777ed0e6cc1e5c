#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/jit/serialization/import.h>

#include "core/models/classifier_module.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

std::vector<RgbImage> imagesOfSize(ImageSize size, int count) {
    std::vector<RgbImage> images;
    for (int i = 0; i < count; ++i)
        images.push_back(test::makeTestImage(size.width, size.height, static_cast<std::uint32_t>(10 + i)));
    return images;
}

// What a Python user passes: np.stack of PIL images as float32, N x H x W x 3, RGB 0..255.
at::Tensor toNhwc(const std::vector<RgbImage>& images) {
    std::vector<at::Tensor> tensors;
    for (const RgbImage& image : images) {
        std::vector<std::uint8_t> pixels = image.pixels;
        tensors.push_back(
            at::from_blob(pixels.data(), {image.height, image.width, 3}, at::kByte).to(at::kFloat));
    }
    return at::stack(tensors);
}

at::Tensor runScript(const std::filesystem::path& file, const at::Tensor& input) {
    torch::jit::Module script = torch::jit::load(file.string());
    return script.forward({input}).toTensor();
}

void expectSameAsTheModel(const TrainedModel& model, const std::filesystem::path& file) {
    const ImageSize size = model.description().imageSize;
    const std::vector<RgbImage> images = imagesOfSize(size, 3);
    model.exportTorchScript(file);
    const at::Tensor scripted = runScript(file, toNhwc(images));
    const std::vector<std::vector<float>> expected = model.probabilities(images);
    ASSERT_EQ(scripted.sizes(), (std::vector<int64_t>{3, static_cast<int64_t>(expected[0].size())}));
    for (size_t i = 0; i < expected.size(); ++i)
        for (size_t c = 0; c < expected[i].size(); ++c)
            EXPECT_NEAR(scripted[static_cast<int64_t>(i)][static_cast<int64_t>(c)].item<float>(),
                        expected[i][c], 1e-5)
                << "image " << i << ", class " << c;
}

TEST(TorchScriptExport, SqueezeNetSoftmaxMatchesTheModelAtItsSize) {
    test::TempDir dir;
    expectSameAsTheModel(test::makeSeededModel({{"a", "b", "c"}}), dir / "model.pt");
}

TEST(TorchScriptExport, CalibratedModelsExportTheirTemperature) {
    test::TempDir dir;
    for (const std::vector<std::string>& classes :
         {std::vector<std::string>{"a", "b", "c"}, std::vector<std::string>{"ants", "bees"}}) {
        TrainedModel model = test::makeSeededModel({classes});
        ModelCalibration calibration;
        calibration.temperature = 3.0;
        calibration.fitted = true;
        model.setCalibration(calibration);
        expectSameAsTheModel(model, dir / "calibrated.pt");
        EXPECT_DOUBLE_EQ(torch::jit::load((dir / "calibrated.pt").string()).attr("temperature").toDouble(),
                         3.0);
    }
}

TEST(TorchScriptExport, BinaryHeadGivesBothProbabilities) {
    test::TempDir dir;
    expectSameAsTheModel(test::makeSeededModel({{"ants", "bees"}, BackboneKind::SqueezeNet11, {40, 56}}),
                         dir / "binary.pt");
}

TEST(TorchScriptExport, NormalizationLayerIsExported) {
    test::TempDir dir;
    test::SeededModelOptions options;
    options.normalizeFeatures = true;
    expectSameAsTheModel(test::makeSeededModel(options), dir / "normalized.pt");
}

TEST(TorchScriptExport, Vgg16BaseSavedLoadedAndExportedGivesTheSameProbabilities) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}, BackboneKind::Vgg16, {32, 32}});
    model.save(dir / "vgg16.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "vgg16.tlwm");
    const std::vector<RgbImage> images = imagesOfSize({32, 32}, 3);
    EXPECT_EQ(loaded.probabilities(images), model.probabilities(images));
    expectSameAsTheModel(loaded, dir / "vgg16.pt");
}

// Depthwise convolutions, BatchNormalization, TensorFlow's stride-2 padding and "tf" preprocessing, at a size
// whose stride-2 layers pad asymmetrically.
TEST(TorchScriptExport, MobileNetSavedLoadedAndExportedGivesTheSameProbabilities) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}, BackboneKind::MobileNet025, {64, 64}});
    EXPECT_EQ(model.description().preprocessing, "tf");
    model.save(dir / "mobilenet.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "mobilenet.tlwm");
    EXPECT_EQ(loaded.description().preprocessing, "tf");
    const std::vector<RgbImage> images = imagesOfSize({64, 64}, 3);
    EXPECT_EQ(loaded.probabilities(images), model.probabilities(images));
    expectSameAsTheModel(loaded, dir / "mobilenet.pt");
}

// Residual sums, projection shortcuts, BN with ResNet's epsilon 1.001e-5 and "caffe" preprocessing, at a
// small size (ResNet50 at 224 is heavy).
TEST(TorchScriptExport, ResNet50SavedLoadedAndExportedGivesTheSameProbabilities) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}, BackboneKind::ResNet50, {40, 40}});
    EXPECT_EQ(model.description().preprocessing, "caffe");
    model.save(dir / "resnet50.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "resnet50.tlwm");
    EXPECT_EQ(loaded.description().preprocessing, "caffe");
    const std::vector<RgbImage> images = imagesOfSize({40, 40}, 3);
    EXPECT_EQ(loaded.probabilities(images), model.probabilities(images));
    expectSameAsTheModel(loaded, dir / "resnet50.pt");
}

// Inverted residual blocks, ReLU6, "tf" preprocessing and Keras's correct_pad, at an odd size where the
// strided blocks pad on both sides.
TEST(TorchScriptExport, MobileNetV2SavedLoadedAndExportedGivesTheSameProbabilities) {
    test::TempDir dir;
    const TrainedModel model =
        test::makeSeededModel({{"a", "b", "c"}, BackboneKind::MobileNetV2_035, {67, 67}});
    EXPECT_EQ(model.description().preprocessing, "tf");
    model.save(dir / "mobilenet_v2.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "mobilenet_v2.tlwm");
    const std::vector<RgbImage> images = imagesOfSize({67, 67}, 3);
    EXPECT_EQ(loaded.probabilities(images), model.probabilities(images));
    expectSameAsTheModel(loaded, dir / "mobilenet_v2.pt");
}

// Squeeze-and-excitation, swish, drop-connect (identity here) and the in-model Rescaling and Normalization of
// RGB 0..255.
TEST(TorchScriptExport, EfficientNetB0SavedLoadedAndExportedGivesTheSameProbabilities) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b"}, BackboneKind::EfficientNetB0, {67, 67}});
    EXPECT_EQ(model.description().preprocessing, "none");
    model.save(dir / "efficientnet.tlwm");
    const TrainedModel loaded = TrainedModel::load(dir / "efficientnet.tlwm");
    const std::vector<RgbImage> images = imagesOfSize({67, 67}, 3);
    EXPECT_EQ(loaded.probabilities(images), model.probabilities(images));
    expectSameAsTheModel(loaded, dir / "efficientnet.pt");
}

TEST(TorchScriptExport, ReplacedImageNetTopRunsFlattenAndDenseLayers) {
    test::TempDir dir;
    expectSameAsTheModel(test::makeTinyTopModel(3), dir / "top.pt");
}

TEST(TorchScriptExport, OtherInputSizesAreResizedToTheModelSize) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}});
    model.exportTorchScript(dir / "model.pt");
    const at::Tensor probabilities = runScript(dir / "model.pt", toNhwc(imagesOfSize({70, 50}, 2)));
    ASSERT_EQ(probabilities.sizes(), (std::vector<int64_t>{2, 3}));
    EXPECT_TRUE(at::allclose(probabilities.sum(1), at::ones({2})));
    // uint8 batches (what NumPy gives for images) are accepted as they are.
    const at::Tensor fromBytes = runScript(dir / "model.pt", toNhwc(imagesOfSize({48, 48}, 1)).to(at::kByte));
    EXPECT_EQ(fromBytes.sizes(), (std::vector<int64_t>{1, 3}));
}

TEST(TorchScriptExport, CarriesClassNamesSizeAndDescription) {
    test::TempDir dir;
    test::makeSeededModel({{"篆书", "隶书", "楷书"}}).exportTorchScript(dir / "model.pt");
    torch::jit::ExtraFilesMap extra{{"tlw_description.json", ""}};
    torch::jit::Module script = torch::jit::load((dir / "model.pt").string(), c10::nullopt, extra);
    const c10::List<c10::IValue> names = script.attr("class_names").toList();
    ASSERT_EQ(names.size(), 3u);
    EXPECT_EQ(names.get(1).toStringRef(), "隶书");
    EXPECT_EQ(script.attr("image_size").toIntVector(), (std::vector<int64_t>{48, 48}));
    EXPECT_NE(extra["tlw_description.json"].find("\"backbone\": \"squeezenet\""), std::string::npos);
    EXPECT_FALSE(script.is_training());
}

TEST(TorchScriptExport, WrongInputShapeRaisesInTheScript) {
    test::TempDir dir;
    test::makeSeededModel().exportTorchScript(dir / "model.pt");
    try {
        runScript(dir / "model.pt", at::zeros({1, 3, 48, 48}));  // NCHW instead of NHWC
        FAIL() << "the script accepted an N x 3 x H x W batch";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("expected a batch N x H x W x 3"), std::string::npos)
            << e.what();
    }
}

TEST(TorchScriptExport, SelfCheckLoadsTheWrittenFileWithJitLoadAndReportsAgreement) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}, BackboneKind::MobileNet025, {32, 32}});
    ExportCheckImages check;
    check.images = imagesOfSize({45, 37}, 4);
    check.source = "four test images";
    const ExportCheckReport report = model.exportTorchScript(dir / "checked.pt", check);
    EXPECT_EQ(report.imageCount, 4u);
    EXPECT_EQ(report.labelsAgreeing, 4u);
    EXPECT_LT(report.largestDifference, kExportCheckTolerance);
    EXPECT_EQ(report.runtime, "LibTorch torch::jit::load");
    EXPECT_EQ(report.imageSource, "four test images");
    EXPECT_TRUE(std::filesystem::exists(dir / "checked.pt"));
    EXPECT_FALSE(model.exportTorchScript(dir / "unchecked.pt").checked());
}

TEST(TorchScriptExport, FailedExportLeavesTheExistingFileUntouched) {
    test::TempDir dir;
    writeFileAtomically(dir / "model.pt", "previous export");
    try {
        test::makeSeededModel().exportTorchScript(dir / "missing folder" / "model.pt");
        FAIL() << "exported into a folder that does not exist";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "missing folder" / "model.pt");
    }
    test::makeSeededModel().exportTorchScript(dir / "model.pt");
    EXPECT_NE(readFileBytes(dir / "model.pt"), "previous export");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

}  // namespace
}  // namespace tlw
