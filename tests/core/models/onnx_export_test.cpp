// ONNX export: every backbone's graph, run by OpenCV's DNN module (the runtime a deployment would use, and
// independent of the LibTorch code that computes the workbench's probabilities), gives the model's own
// probabilities; the file carries its contract in its metadata and is never left half-written.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>
#include <map>
#include <opencv2/dnn.hpp>
#include <sstream>

#include "core/models/export_check.h"
#include "core/models/trained_model.h"
#include "core/util/error.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

std::vector<RgbImage> imagesOfSize(ImageSize size, int count) {
    std::vector<RgbImage> images;
    for (int i = 0; i < count; ++i)
        images.push_back(test::makeTestImage(size.width, size.height, static_cast<std::uint32_t>(20 + i)));
    return images;
}

// The file as a deployment runs it: OpenCV DNN, an N x H x W x 3 float RGB batch at the model's size.
std::vector<std::vector<float>> runWithOpenCv(const std::filesystem::path& file,
                                              const std::vector<RgbImage>& images) {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(file.string());
    const int dims[] = {static_cast<int>(images.size()), images[0].height, images[0].width, 3};
    cv::Mat blob(4, dims, CV_32F);
    float* out = blob.ptr<float>();
    for (const RgbImage& image : images)
        for (const std::uint8_t value : image.pixels) *out++ = value;
    net.setInput(blob, "image");
    const cv::Mat probabilities = net.forward();
    std::vector<std::vector<float>> rows;
    for (int i = 0; i < probabilities.rows; ++i)
        rows.emplace_back(probabilities.ptr<float>(i), probabilities.ptr<float>(i) + probabilities.cols);
    return rows;
}

// Exported without its own check, then compared here: OpenCV's answers against LibTorch's.
void expectOpenCvMatchesTheModel(const TrainedModel& model, const std::filesystem::path& file) {
    // Five: a batch as large as the channel count (3) once hid a per-channel constant applied per image.
    const std::vector<RgbImage> images = imagesOfSize(model.description().imageSize, 5);
    EXPECT_FALSE(model.exportOnnx(file).checked());
    const std::vector<std::vector<float>> exported = runWithOpenCv(file, images);
    const std::vector<std::vector<float>> expected = model.probabilities(images);
    ASSERT_EQ(exported.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(exported[i].size(), expected[i].size());
        for (std::size_t c = 0; c < expected[i].size(); ++c)
            EXPECT_NEAR(exported[i][c], expected[i][c], kExportCheckTolerance)
                << "image " << i << ", class " << c;
    }
}

onnx::ModelProto readModel(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    onnx::ModelProto model;
    EXPECT_TRUE(model.ParseFromIstream(&in));
    return model;
}

std::map<std::string, std::string> metadataOf(const onnx::ModelProto& model) {
    std::map<std::string, std::string> metadata;
    for (const auto& entry : model.metadata_props()) metadata[entry.key()] = entry.value();
    return metadata;
}

TEST(OnnxExport, SqueezeNetSoftmaxMatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(test::makeSeededModel({{"a", "b", "c"}}), dir / "squeezenet.onnx");
}

TEST(OnnxExport, Vgg16MatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(test::makeSeededModel({{"a", "b", "c"}, BackboneKind::Vgg16, {32, 32}}),
                                dir / "vgg16.onnx");
}

// Depthwise convolutions, BN folded into them, ReLU6 as Clip, TensorFlow's asymmetric stride-2 padding, "tf"
// preprocessing.
TEST(OnnxExport, MobileNetMatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(
        test::makeSeededModel({{"a", "b", "c"}, BackboneKind::MobileNet025, {64, 64}}),
        dir / "mobilenet.onnx");
}

// ZeroPadding2D (correct_pad) folded into the next convolution's pads, residual sums, at an odd size.
TEST(OnnxExport, MobileNetV2MatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(
        test::makeSeededModel({{"a", "b", "c"}, BackboneKind::MobileNetV2_035, {67, 67}}),
        dir / "mobilenet_v2.onnx");
}

// Projection shortcuts, BN with epsilon 1.001e-5, the stem's ZeroPadding2D before a max-pool (a Pad node).
TEST(OnnxExport, ResNet50MatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(test::makeSeededModel({{"a", "b", "c"}, BackboneKind::ResNet50, {40, 40}}),
                                dir / "resnet50.onnx");
}

// Rescaling and Normalization in the model, swish, squeeze-and-excitation (pooling, 1x1 convolutions on
// N x C x 1 x 1, a broadcast product), with a two-class head.
TEST(OnnxExport, EfficientNetB0MatchesOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(test::makeSeededModel({{"a", "b"}, BackboneKind::EfficientNetB0, {67, 67}}),
                                dir / "efficientnet.onnx");
}

// VGG16's ImageNet-top path in small: Flatten in NCHW order and Dense layers inside the backbone.
TEST(OnnxExport, ImageNetTopFlattenAndDenseMatchOpenCv) {
    test::TempDir dir;
    expectOpenCvMatchesTheModel(test::makeTinyTopModel(3), dir / "top.onnx");
}

TEST(OnnxExport, BinaryCalibratedHeadWithNormalizationGivesBothProbabilities) {
    test::TempDir dir;
    test::SeededModelOptions options;
    options.normalizeFeatures = true;
    options.imageSize = {40, 56};
    TrainedModel model = test::makeSeededModel(options);
    ModelCalibration calibration;
    calibration.temperature = 2.5;
    calibration.fitted = true;
    model.setCalibration(calibration);
    expectOpenCvMatchesTheModel(model, dir / "binary.onnx");
}

TEST(OnnxExport, FileCarriesItsContractInMetadata) {
    test::TempDir dir;
    TrainedModel model =
        test::makeSeededModel({{"篆书", "隶书", "楷书"}, BackboneKind::SqueezeNet11, {48, 40}});
    ModelCalibration calibration;
    calibration.temperature = 1.75;
    calibration.fitted = true;
    model.setCalibration(calibration);
    DecisionThresholds decision;
    decision.unknownBelow = 0.6;
    decision.classThresholds = {0.5, 0.25, 0.75};
    model.setDecisionThresholds(decision);
    model.exportOnnx(dir / "model.onnx");

    const onnx::ModelProto written = readModel(dir / "model.onnx");
    ASSERT_EQ(written.opset_import_size(), 1);
    EXPECT_EQ(written.opset_import(0).version(), kOnnxOpset);
    ASSERT_EQ(written.graph().input_size(), 1);
    EXPECT_EQ(written.graph().input(0).name(), "image");
    const auto& inputShape = written.graph().input(0).type().tensor_type().shape();
    ASSERT_EQ(inputShape.dim_size(), 4);
    EXPECT_EQ(inputShape.dim(1).dim_value(), 48);
    EXPECT_EQ(inputShape.dim(2).dim_value(), 40);
    EXPECT_EQ(inputShape.dim(3).dim_value(), 3);
    ASSERT_EQ(written.graph().output_size(), 1);
    EXPECT_EQ(written.graph().output(0).name(), "probabilities");
    for (const auto& node : written.graph().node()) EXPECT_NE(node.op_type(), "BatchNormalization");

    const std::map<std::string, std::string> metadata = metadataOf(written);
    EXPECT_EQ(metadata.at("class_names"), "[\"篆书\",\"隶书\",\"楷书\"]");
    EXPECT_EQ(metadata.at("image_size"), "[48,40]");
    EXPECT_EQ(metadata.at("temperature"), "1.75");
    EXPECT_EQ(metadata.at("thresholds"),
              "{\"class_thresholds\":[0.5,0.25,0.75],\"positive_threshold\":null,\"unknown_below\":0.6}");
    EXPECT_NE(metadata.at("tlw_description.json").find("\"unknown_below\""), std::string::npos);
}

// BatchNormalization folded into the convolution before it: none is left for MobileNet.
TEST(OnnxExport, BatchNormalizationIsFoldedIntoConvolutions) {
    test::TempDir dir;
    test::makeSeededModel({{"a", "b"}, BackboneKind::MobileNet025, {32, 32}}).exportOnnx(dir / "m.onnx");
    int convolutions = 0;
    const onnx::ModelProto written = readModel(dir / "m.onnx");
    for (const auto& node : written.graph().node()) {
        EXPECT_NE(node.op_type(), "BatchNormalization") << node.name();
        convolutions += node.op_type() == "Conv";
    }
    EXPECT_EQ(convolutions, 1 + 1 + 13 * 2);  // preprocessing, conv1, 13 depthwise-pointwise pairs
}

TEST(OnnxExport, SelfCheckWithOpenCvReportsAgreementAndTheLargestDifference) {
    test::TempDir dir;
    const TrainedModel model = test::makeSeededModel({{"a", "b", "c"}, BackboneKind::SqueezeNet11, {48, 48}});
    // Other sizes than the model's: the check resizes them as the workbench does.
    ExportCheckImages check;
    check.images = imagesOfSize({61, 75}, 5);
    check.source = "five test images";
    const ExportCheckReport report = model.exportOnnx(dir / "checked.onnx", check);
    EXPECT_EQ(report.imageCount, 5u);
    EXPECT_EQ(report.labelsAgreeing, 5u);
    EXPECT_LT(report.largestDifference, kExportCheckTolerance);
    EXPECT_GT(report.largestDifference, 0.0) << "another runtime rounds differently somewhere";
    EXPECT_EQ(report.runtime.rfind("OpenCV DNN 4.", 0), 0u) << report.runtime;
    EXPECT_NE(exportCheckSummary(report).find("on five test images: 5 of 5 labels agree"), std::string::npos)
        << exportCheckSummary(report);
    EXPECT_TRUE(std::filesystem::exists(dir / "checked.onnx"));
}

TEST(OnnxExport, UnwritableTargetThrowsNamingTheFileAndLeavesNothing) {
    test::TempDir dir;
    try {
        test::makeSeededModel().exportOnnx(dir / "missing folder" / "model.onnx");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("missing folder"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(OnnxExport, ExistingFileIsReplacedWholeWithNoTemporaryLeft) {
    test::TempDir dir;
    {
        std::ofstream old(dir / "model.onnx");
        old << "an older export";
    }
    test::makeSeededModel().exportOnnx(dir / "model.onnx");
    EXPECT_GT(std::filesystem::file_size(dir / "model.onnx"), 100000u);
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace tlw
