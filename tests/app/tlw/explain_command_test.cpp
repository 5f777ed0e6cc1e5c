// tlw explain on a SqueezeNet trained here (hymenoptera_tiny, 64x64): the files it writes, the class it
// explains, and its errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgcodecs.hpp>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/app/tlw/trained_tiny_model_test.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

using test::contains;

class TlwExplainTest : public test::TrainedTinyModelTest {
protected:
    static fs::path bee() { return test::tinyHymenoptera() / "val" / "bees" / firstFile("bees"); }
    static fs::path firstFile(const char* cls) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(test::tinyHymenoptera() / "val" / cls))
            files.push_back(entry.path().filename());
        return *std::min_element(files.begin(), files.end());
    }
};

TEST_F(TlwExplainTest, WritesAnOverlayAndTheRawMapPerImage) {
    const TlwRun run =
        tlw({"explain", model().string(), bee().string(), (test::tinyHymenoptera() / "val" / "ants").string(),
             "--out", (m_out / "maps").string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const fs::path stem = m_out / "maps" / bee().stem();
    const test::NpyArray map = test::readNpyFloat32(fs::path(stem).concat(".gradcam.npy"));
    EXPECT_EQ(map.shape, (std::vector<int64_t>{3, 3}));  // 64x64 SqueezeNet: fire9's map is 3x3
    const cv::Mat overlay = cv::imread(fs::path(stem).concat(".gradcam.png").string(), cv::IMREAD_COLOR);
    EXPECT_GE(overlay.rows, 256);  // 64x64 photos are shown at least 256 high
    EXPECT_TRUE(contains(run.out, bee().string() + ": ")) << run.out;
    EXPECT_TRUE(contains(run.out, " -> " + fs::path(stem).concat(".gradcam.png").string())) << run.out;
    int files = 0;
    for (const auto& entry : fs::directory_iterator(m_out / "maps")) files += entry.is_regular_file();
    EXPECT_EQ(files, 2 * 6);  // the bee and the five validation ants, two files each
}

TEST_F(TlwExplainTest, ExplainsTheClassAskedForAndRefusesToReplaceFilesUnasked) {
    const std::string out = (m_out / "maps").string();
    const TlwRun bees = tlw({"explain", model().string(), bee().string(), "--out", out, "--class", "bees"});
    ASSERT_EQ(bees.exitCode, 0) << bees.err;
    EXPECT_TRUE(contains(bees.out, ": bees ")) << bees.out;
    const TlwRun again = tlw({"explain", model().string(), bee().string(), "--out", out, "--class", "0"});
    EXPECT_EQ(again.exitCode, 1);
    const fs::path png = (m_out / "maps" / bee().stem()).concat(".gradcam.png");
    EXPECT_EQ(again.err, "tlw: error: " + png.string() + ": exists; --overwrite replaces it\n");
    const TlwRun replaced =
        tlw({"explain", model().string(), bee().string(), "--out", out, "--class", "0", "--overwrite"});
    ASSERT_EQ(replaced.exitCode, 0) << replaced.err;
    EXPECT_TRUE(contains(replaced.out, ": ants ")) << replaced.out;
}

TEST_F(TlwExplainTest, BadClassAndUnreadableImagesAreSaid) {
    const TlwRun wasps = tlw(
        {"explain", model().string(), bee().string(), "--out", (m_out / "a").string(), "--class", "wasps"});
    EXPECT_EQ(wasps.exitCode, 1);
    EXPECT_EQ(wasps.err,
              "tlw: error: no class 'wasps' in the model (classes: ants, bees, or their index from 0)\n");
    test::writeBytes(m_out / "notes.png", "text, not pixels\n");
    const TlwRun broken =
        tlw({"explain", model().string(), (m_out / "notes.png").string(), "--out", (m_out / "b").string()});
    EXPECT_EQ(broken.exitCode, 1);
    EXPECT_TRUE(contains(broken.err, "tlw: skipped " + (m_out / "notes.png").string())) << broken.err;
    EXPECT_TRUE(contains(broken.err, "tlw: error: none of the images could be read")) << broken.err;
}

}  // namespace
}  // namespace tlw
