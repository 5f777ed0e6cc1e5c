#include "core/data/scan_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tlw {
namespace {

ScanReport sampleReport() {
    ScanReport report;
    report.root = "/data/seals";
    report.layout = SplitLayout::ValidationFraction;
    report.validationSplit = 0.2;
    report.seed = 7;
    ClassCount chu;
    chu.name = "Chu";
    chu.images = {50, 13, 0};
    chu.skipped = 1;
    report.classes = {chu};
    report.imageFiles = 64;
    report.usableImages = 63;
    report.skipped = {{"/data/seals/Chu/上 1.png", "not an image (text file)"}};
    report.hiddenEntries = 2;
    DuplicateGroup group;
    group.files = {"/data/seals/Chu/a.png", "/data/seals/Chu/b.png"};
    group.sizeBytes = 10;
    group.acrossSubsets = true;
    report.duplicates = {group};
    report.warnings = {ScanNotice(ScanNotice::Kind::TinyClass, "Yan", 5)};
    return report;
}

TEST(ScanReport, JsonHasCountsRelativePathsAndDuplicateKinds) {
    const nlohmann::json json = nlohmann::json::parse(scanReportToJson(sampleReport()));
    EXPECT_EQ(json["layout"], "validation-fraction");
    EXPECT_EQ(json["validationSplit"], 0.2);
    EXPECT_EQ(json["seed"], 7);
    EXPECT_EQ(json["trainable"], true);
    EXPECT_EQ(json["classes"][0]["name"], "Chu");
    EXPECT_EQ(json["classes"][0]["validation"], 13);
    EXPECT_EQ(json["classes"][0]["total"], 63);
    EXPECT_EQ(json["totals"]["train"], 50);
    EXPECT_EQ(json["skipped"][0]["path"], "Chu/上 1.png");
    EXPECT_EQ(json["skipped"][0]["reason"], "not an image (text file)");
    EXPECT_EQ(json["ignored"]["hiddenEntries"], 2);
    EXPECT_EQ(json["duplicates"][0]["kind"], "across-subsets");
    EXPECT_EQ(json["duplicates"][0]["files"][1], "Chu/b.png");
    EXPECT_FALSE(json.contains("manifest"));
}

TEST(ScanReport, ErrorsOrCancellingMakeItUntrainable) {
    ScanReport report = sampleReport();
    EXPECT_TRUE(report.trainable());
    report.errors.push_back(ScanNotice(ScanNotice::Kind::ClassWithoutUsableImages, "Yan"));
    EXPECT_FALSE(report.trainable());
    EXPECT_EQ(nlohmann::json::parse(scanReportToJson(report))["trainable"], false);
    ScanReport cancelled = sampleReport();
    cancelled.cancelled = true;
    EXPECT_FALSE(cancelled.trainable());
}

TEST(ScanReport, DuplicateKindIsTheMostSeriousFlag) {
    DuplicateGroup group;
    EXPECT_EQ(group.kind(), DuplicateKind::WithinClass);
    group.acrossClasses = true;
    EXPECT_EQ(group.kind(), DuplicateKind::AcrossClasses);
    group.acrossSubsets = true;
    EXPECT_EQ(group.kind(), DuplicateKind::AcrossSubsets);
}

}  // namespace
}  // namespace tlw
