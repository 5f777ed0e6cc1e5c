// Integration: the real datasets in ../shared/datasets (see SOURCES.md there).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/data/dataset_scanner.h"
#include "tests/support/shared_data.h"

namespace tlw {
namespace {

bool hasSample(const Dataset& dataset, const std::string& relativePath) {
    return std::any_of(dataset.samples.begin(), dataset.samples.end(),
                       [&](const Sample& s) { return dataset.relativePath(s) == relativePath; });
}

TEST(SharedDatasets, OddImagesAllDecodeAndHave22DuplicateGroups) {
    const auto root = test::sharedDataset("odd_images");
    TLW_REQUIRE_SHARED(root);
    const ScanResult result = scanDataset(root);
    EXPECT_TRUE(result.report.skipped.empty());
    EXPECT_EQ(result.report.usableImages, 253u);
    EXPECT_EQ(result.report.classes[0].total(), 98u);   // no
    EXPECT_EQ(result.report.classes[1].total(), 155u);  // yes
    for (const char* pngNamedJpg :
         {"no/no 96.jpg", "no/no.jpg", "no/No15.jpg", "no/No17.jpg", "no/No18.jpg", "no/no 98.jpg"})
        EXPECT_TRUE(hasSample(result.dataset, pngNamedJpg)) << pngNamedJpg;
    EXPECT_EQ(result.report.duplicates.size(), 22u);
    EXPECT_EQ(result.report.duplicateGroups(DuplicateKind::WithinClass), 22u);
}

TEST(SharedDatasets, HymenopteraHasItsFixedTrainValSplit) {
    const auto root = test::sharedDataset("hymenoptera_data");
    TLW_REQUIRE_SHARED(root);
    const ScanReport report = scanDataset(root).report;
    EXPECT_EQ(report.layout, SplitLayout::SplitFolders);
    ASSERT_EQ(report.classes.size(), 2u);
    EXPECT_EQ(report.classes[0].name, "ants");
    EXPECT_EQ(report.classes[0].images, (std::array<std::size_t, 3>{124, 70, 0}));
    EXPECT_EQ(report.classes[1].images, (std::array<std::size_t, 3>{121, 83, 0}));
    EXPECT_TRUE(report.skipped.empty());
    EXPECT_TRUE(report.trainable());
}

TEST(SharedDatasets, SealScriptReadsEveryCjkNameAndWarnsAboutYan) {
    const auto root = test::sharedDataset("seal_script_regions");
    TLW_REQUIRE_SHARED(root);
    ScanOptions options;
    options.validationSplit = 0.2;
    const ScanResult result = scanDataset(root, options);
    EXPECT_TRUE(result.report.skipped.empty());
    EXPECT_EQ(result.report.usableImages, 239u);
    // macOS screenshot names: a normal space, then a narrow no-break space (U+202F) before "PM".
    EXPECT_TRUE(hasSample(result.dataset, "Chu/上1 2.18.03\u202FPM.png"));
    EXPECT_EQ(result.dataset.classNames, (std::vector<std::string>{"Chu", "Qi", "Qin", "SanJin", "Yan"}));
    EXPECT_EQ(result.dataset.count(4, Subset::Validation), 1u);
    const auto& warnings = result.report.warnings;
    EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const ScanNotice& w) {
        return w.kind == ScanNotice::Kind::TinyClass && w.className == "Yan" && w.count == 5;
    }));
}

}  // namespace
}  // namespace tlw
