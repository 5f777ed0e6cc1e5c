// tlw export --onnx end to end: the written file, loaded by OpenCV's DNN module here (not by tlw), gives the
// probabilities tlw predict writes, within 1e-4, on 20 images: a SqueezeNet with the real ImageNet weights
// and a VGG16 from a generated Keras-layout file, each trained for one epoch on hymenoptera_tiny.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/trained_tiny_model_test.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::TlwRun;

using test::contains;

// The 20 training and validation photos of hymenoptera_tiny... 30 in all: the first 20 in path order, as PNGs
// at the model's size, so that neither side resizes (resizing stays outside the ONNX graph) and both read
// the same pixels.
std::vector<fs::path> writeModelSizedImages(const fs::path& folder, int side) {
    fs::create_directories(folder);
    std::vector<fs::path> photos;
    for (const auto& entry : fs::recursive_directory_iterator(test::tinyHymenoptera()))
        if (entry.is_regular_file()) photos.push_back(entry.path());
    std::sort(photos.begin(), photos.end());
    std::vector<fs::path> written;
    for (std::size_t i = 0; i < photos.size() && written.size() < 20; ++i) {
        cv::Mat image = cv::imread(photos[i].string(), cv::IMREAD_COLOR);
        if (image.empty()) continue;
        cv::resize(image, image, cv::Size(side, side), 0, 0, cv::INTER_AREA);
        char name[32];
        std::snprintf(name, sizeof name, "image_%02zu.png", written.size());
        cv::imwrite((folder / name).string(), image);
        written.push_back(folder / name);
    }
    return written;
}

// What a deployment does with the file: OpenCV DNN, float32 N x H x W x 3 RGB 0..255.
cv::Mat runWithOpenCv(const fs::path& onnx, const std::vector<fs::path>& images) {
    std::vector<cv::Mat> rgb;
    for (const fs::path& file : images) {
        cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
        cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
        image.convertTo(image, CV_32FC3);
        rgb.push_back(image);
    }
    const int dims[] = {static_cast<int>(rgb.size()), rgb[0].rows, rgb[0].cols, 3};
    cv::Mat blob(4, dims, CV_32F);
    const std::size_t imageFloats = rgb[0].total() * 3;
    for (std::size_t i = 0; i < rgb.size(); ++i)
        std::copy_n(rgb[i].ptr<float>(), imageFloats, blob.ptr<float>() + i * imageFloats);
    cv::dnn::Net net = cv::dnn::readNetFromONNX(onnx.string());
    net.setInput(blob, "image");
    return net.forward().clone();
}

class TlwExportOnnxTest : public test::TrainedTinyModelTest {
protected:
    // Exports `model`, runs the file with OpenCV and tlw predict on the same 20 images, and compares.
    void expectOpenCvAgreesWithPredict(const fs::path& model, int side) {
        const std::vector<fs::path> images = writeModelSizedImages(m_out / "images", side);
        ASSERT_EQ(images.size(), 20u);
        const fs::path csv = m_out / "predictions.csv";
        const TlwRun predicted =
            tlw({"predict", model.string(), (m_out / "images").string(), "--csv", csv.string()});
        ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
        const auto rows = test::readSimpleCsv(csv);
        ASSERT_EQ(rows.size(), 21u);

        const fs::path onnx = m_out / "model.onnx";
        const TlwRun exported = tlw({"export", model.string(), "--onnx", onnx.string()});
        ASSERT_EQ(exported.exitCode, 0) << exported.err;
        EXPECT_TRUE(contains(exported.out, "wrote " + onnx.string() +
                                               ": ONNX opset 10; input `image` float32 N x " +
                                               std::to_string(side) + " x " + std::to_string(side)))
            << exported.out;
        // The self-check ran on the model's validation images (hymenoptera_tiny has a val/ folder).
        EXPECT_TRUE(contains(exported.out, "checked with OpenCV DNN 4.")) << exported.out;
        EXPECT_TRUE(contains(exported.out, "on 10 images of the validation split of ")) << exported.out;
        EXPECT_TRUE(contains(exported.out, ": 10 of 10 labels agree, largest difference ")) << exported.out;

        const cv::Mat probabilities = runWithOpenCv(onnx, images);
        ASSERT_EQ(probabilities.rows, 20);
        ASSERT_EQ(probabilities.cols, 2);
        double largest = 0.0;
        for (int i = 0; i < 20; ++i) {
            ASSERT_EQ(rows[static_cast<std::size_t>(i) + 1][0], images[static_cast<std::size_t>(i)].string());
            for (int c = 0; c < 2; ++c) {
                const double written =
                    std::stod(rows[static_cast<std::size_t>(i) + 1][3 + static_cast<std::size_t>(c)]);
                largest = std::max(largest, std::abs(probabilities.at<float>(i, c) - written));
            }
        }
        EXPECT_LT(largest, 1e-4);
        std::printf("largest |OpenCV DNN - tlw predict| over 20 images: %.3g\n", largest);
    }
};

TEST_F(TlwExportOnnxTest, SqueezeNetWithRealWeightsGivesWhatPredictSays) {
    expectOpenCvAgreesWithPredict(model(), 64);
}

TEST_F(TlwExportOnnxTest, Vgg16WithGeneratedWeightsGivesWhatPredictSays) {
    const fs::path keras = m_out / "home" / ".keras" / "models";
    fs::create_directories(keras);
    const TlwRun made = tlw({"make-weights", "--backbone", "vgg16", "--seed", "3", "--out",
                             (keras / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5").string()});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const fs::path vgg = m_out / "vgg16.tlwm";
    const TlwRun trained = test::runTlw(
        {"train", test::tinyHymenoptera().string(), "--backbone", "vgg16", "--weights",
         (keras / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5").string(), "--image-size", "32",
         "--threads", "1", "--precision", "fp32", "--seed", "7", "--epochs", "1", "--out", vgg.string()},
        test::trainingEnvironmentText(m_out.path() / "home"));
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    expectOpenCvAgreesWithPredict(vgg, 32);
}

TEST_F(TlwExportOnnxTest, NoCheckSkipsTheCheckAndCheckImagesChoosesTheFolder) {
    const fs::path onnx = m_out / "unchecked.onnx";
    const TlwRun unchecked = tlw({"export", model().string(), "--onnx", onnx.string(), "--no-check"});
    ASSERT_EQ(unchecked.exitCode, 0) << unchecked.err;
    EXPECT_FALSE(contains(unchecked.out, "checked with")) << unchecked.out;
    EXPECT_TRUE(fs::exists(onnx));

    const std::vector<fs::path> images = writeModelSizedImages(m_out / "mine", 64);
    const fs::path script = m_out / "checked.pt";
    const TlwRun both = tlw({"export", model().string(), "--onnx", onnx.string(), "--torchscript",
                             script.string(), "--check-images", (m_out / "mine").string()});
    ASSERT_EQ(both.exitCode, 0) << both.err;
    EXPECT_TRUE(contains(both.out, "checked with LibTorch torch::jit::load on 20 images from " +
                                       (m_out / "mine").string() + ": 20 of 20 labels agree"))
        << both.out;
    EXPECT_TRUE(contains(both.out, "checked with OpenCV DNN 4.")) << both.out;
}

TEST_F(TlwExportOnnxTest, MalformedModelGivesOneLineErrorAndNoFile) {
    const fs::path broken = m_out / "broken.tlwm";
    {
        std::ofstream out(broken, std::ios::binary);
        out << "not a model";
    }
    const TlwRun run = tlw({"export", broken.string(), "--onnx", (m_out / "out.onnx").string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err.rfind("tlw: error: " + broken.string() + ": ", 0), 0u) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_FALSE(fs::exists(m_out / "out.onnx"));

    const TlwRun excluded = tlw({"export", model().string(), "--onnx", (m_out / "out.onnx").string(),
                                 "--no-check", "--check-images", m_out.path().string()});
    EXPECT_EQ(excluded.exitCode, 1) << excluded.err;  // CLI11's own usage error
    EXPECT_TRUE(contains(excluded.err, "excludes")) << excluded.err;
    EXPECT_FALSE(fs::exists(m_out / "out.onnx"));
}

}  // namespace
}  // namespace tlw
