#include "core/models/export_check.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/models/export_self_check.h"
#include "core/util/error.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

TEST(ExportCheck, ComparesLabelsAndTheLargestDifference) {
    const ExportCheckReport report = compareProbabilities({{0.2f, 0.8f}, {0.6f, 0.4f}, {0.5f, 0.5f}},
                                                          {{0.2f, 0.8f}, {0.4f, 0.6f}, {0.5f, 0.5f}});
    EXPECT_EQ(report.imageCount, 3u);
    EXPECT_EQ(report.labelsAgreeing, 2u);
    EXPECT_NEAR(report.largestDifference, 0.2, 1e-6);
    EXPECT_FALSE(report.passed());
}

TEST(ExportCheck, ADifferenceAboveTheToleranceFailsEvenWithTheSameLabels) {
    EXPECT_TRUE(compareProbabilities({{0.30005f, 0.69995f}}, {{0.3f, 0.7f}}).passed());
    const ExportCheckReport report = compareProbabilities({{0.3003f, 0.6997f}}, {{0.3f, 0.7f}});
    EXPECT_EQ(report.labelsAgreeing, 1u);
    EXPECT_FALSE(report.passed());
}

TEST(ExportCheck, NotANumberIsTheWorstDifference) {
    const ExportCheckReport report = compareProbabilities({{NAN, 0.5f}}, {{0.5f, 0.5f}});
    EXPECT_TRUE(std::isinf(report.largestDifference));
    EXPECT_FALSE(report.passed());
}

TEST(ExportCheck, ShapeMismatchThrows) {
    EXPECT_THROW(compareProbabilities({{0.5f, 0.5f}}, {}), Error);
    EXPECT_THROW(compareProbabilities({{1.0f}}, {{0.5f, 0.5f}}), Error);
}

TEST(ExportCheck, InputBatchIsTheModelSizedPixelsInRowOrder) {
    const RgbImage image = test::makeTestImage(8, 6, 3);
    const std::vector<float> batch = exportInputBatch({image, image}, {6, 8}, false);
    ASSERT_EQ(batch.size(), 2u * 6 * 8 * 3);
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        EXPECT_EQ(batch[i], image.pixels[i]);
        EXPECT_EQ(batch[image.pixels.size() + i], image.pixels[i]);
    }
    EXPECT_EQ(exportInputBatch({image}, {3, 4}, false).size(), 3u * 4 * 3);
}

// A runtime that answers differently fails the check with the figures, naming the file.
TEST(ExportCheck, SelfCheckThrowsWithTheFiguresOnAMismatch) {
    const TrainedModel model = test::makeSeededModel();
    ExportCheckImages check;
    check.images = {test::makeTestImage(48, 48, 1), test::makeTestImage(48, 48, 2)};
    check.source = "two images";
    const auto swapped = [&](const std::vector<float>&, std::size_t) {
        std::vector<std::vector<float>> rows = model.probabilities(check.images);
        for (std::vector<float>& row : rows) std::swap(row[0], row[1]);
        return rows;
    };
    try {
        selfCheckExport(model, "out.onnx", check, "a test runtime", swapped);
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind("out.onnx: the exported model disagrees with TL Workbench", 0), 0u)
            << message;
        EXPECT_NE(message.find("checked with a test runtime on two images: "), std::string::npos) << message;
        EXPECT_NE(message.find("(tolerance 0.0001)"), std::string::npos) << message;
    }
    const auto same = [&](const std::vector<float>&, std::size_t) {
        return model.probabilities(check.images);
    };
    const ExportCheckReport report = selfCheckExport(model, "out.onnx", check, "a test runtime", same);
    EXPECT_TRUE(report.passed());
    EXPECT_EQ(report.largestDifference, 0.0);
}

}  // namespace
}  // namespace tlw
