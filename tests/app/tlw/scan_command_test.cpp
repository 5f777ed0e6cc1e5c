// Runs the built `tlw` binary, as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
    int exitCode = -1;
    std::string output;  // stdout, or stdout and stderr together
};

std::string shellQuoted(const std::string& text) {
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// The scan memo goes to a cache folder of the test's own, never to the user's ~/.cache.
const fs::path& testCacheFolder() {
    static const test::TempDir folder;
    return folder.path();
}

CommandRun runTlw(const std::string& arguments, bool withStderr = false) {
    const std::string command = "TLW_CACHE_DIR=" + shellQuoted(testCacheFolder().string()) + " " +
                                shellQuoted(TLW_EXECUTABLE) + " " + arguments +
                                (withStderr ? " 2>&1" : " 2>/dev/null");
    CommandRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return run;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// Runs of spaces become one, so table checks do not depend on column widths.
std::string squeezed(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (c != ' ' || out.empty() || out.back() != ' ') out += c;
    return out;
}

void addImages(const fs::path& folder, int count) {
    for (int i = 0; i < count; ++i)
        test::writeBytes(folder / ("i" + std::to_string(i) + ".png"),
                         test::taggedPng(4, 4, {1, 2, 3}, folder.u8string() + std::to_string(i)));
}

TEST(ScanCommand, HymenopteraPrintsItsTrainValTableAndExitsZero) {
    const auto root = test::sharedDataset("hymenoptera_data");
    TLW_REQUIRE_SHARED(root);
    const CommandRun run = runTlw("scan " + shellQuoted(root.string()));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(squeezed(run.output).find("\nants 124 70 0\nbees 121 83 0\n"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("Result: trainable"), std::string::npos);
}

TEST(ScanCommand, OddImagesJsonReportsAllImagesAnd22DuplicateGroups) {
    const auto root = test::sharedDataset("odd_images");
    TLW_REQUIRE_SHARED(root);
    const CommandRun run = runTlw("scan --json " + shellQuoted(root.string()));
    ASSERT_EQ(run.exitCode, 0) << run.output;
    const nlohmann::json report = nlohmann::json::parse(run.output);
    EXPECT_EQ(report["totals"]["usableImages"], 253);
    EXPECT_EQ(report["totals"]["skipped"], 0);
    EXPECT_EQ(report["duplicates"].size(), 22u);
    bool foundPngNamedJpg = false;
    for (const auto& group : report["duplicates"])
        for (const auto& file : group["files"]) foundPngNamedJpg |= file == "no/No15.jpg";
    EXPECT_TRUE(foundPngNamedJpg);  // No15.jpg (a PNG) = No17.jpg: decoded and hashed like the rest
}

TEST(ScanCommand, SealScriptWarnsAboutTheFiveImageClass) {
    const auto root = test::sharedDataset("seal_script_regions");
    TLW_REQUIRE_SHARED(root);
    const CommandRun run = runTlw("scan --validation-split 0.2 --seed 7 " + shellQuoted(root.string()));
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("class 'Yan' has only 5 images"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("239 usable"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("Skipped files"), std::string::npos) << run.output;
}

TEST(ScanCommand, UntrainableDatasetExitsTwoAndSaysWhy) {
    test::TempDir dir;
    addImages(dir / "only class", 3);
    test::writeBytes(dir / "only class" / "broken.jpg", "oops");
    const CommandRun run = runTlw("scan " + shellQuoted(dir.path().string()));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("only one class folder ('only class')"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("only class/broken.jpg: not an image (text file)"), std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("Result: NOT trainable"), std::string::npos);
}

TEST(ScanCommand, MissingFolderIsAnErrorOnStderrWithExitOne) {
    test::TempDir dir;
    const CommandRun run = runTlw("scan " + shellQuoted((dir / "nope").string()), true);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.output.find("tlw: error: " + (dir / "nope").string() + ": dataset folder does not exist"),
              std::string::npos)
        << run.output;
}

TEST(ScanCommand, WrittenManifestIsReusedByALaterScan) {
    test::TempDir dir;
    addImages(dir / "data" / "a", 10);
    addImages(dir / "data" / "b", 10);
    const std::string root = shellQuoted((dir / "data").string());
    const std::string manifest = shellQuoted((dir / "split.json").string());
    const CommandRun first =
        runTlw("scan --validation-split 0.3 --seed 5 --write-manifest " + manifest + " --json " + root);
    ASSERT_EQ(first.exitCode, 0) << first.output;
    addImages(dir / "data" / "c", 2);  // a new class after the manifest: left out
    const CommandRun second = runTlw("scan --manifest " + manifest + " --json " + root);
    ASSERT_EQ(second.exitCode, 0) << second.output;
    const nlohmann::json before = nlohmann::json::parse(first.output);
    const nlohmann::json after = nlohmann::json::parse(second.output);
    EXPECT_EQ(after["layout"], "manifest");
    EXPECT_EQ(after["classes"], before["classes"]);
    EXPECT_EQ(after["manifest"]["notInManifest"].size(), 2u);
}

TEST(ScanCommand, SecondScanSaysHowManyImagesWereVerifiedEarlier) {
    test::TempDir dir;
    addImages(dir / "data" / "a", 3);
    addImages(dir / "data" / "b", 3);
    const std::string arguments = "scan --cache-dir " + shellQuoted((dir / "cache").string()) + " " +
                                  shellQuoted((dir / "data").string());
    const CommandRun first = runTlw(arguments);
    ASSERT_EQ(first.exitCode, 0) << first.output;
    EXPECT_NE(first.output.find("every image decoded; 0 verified earlier, 6 now"), std::string::npos)
        << first.output;
    const CommandRun second = runTlw(arguments);
    EXPECT_NE(second.output.find("every image decoded; 6 verified earlier, 0 now"), std::string::npos)
        << second.output;
    const CommandRun json = runTlw(arguments + " --json");
    ASSERT_EQ(json.exitCode, 0) << json.output;
    EXPECT_EQ(nlohmann::json::parse(json.output)["memo"]["verifiedEarlier"], 6);
    const CommandRun without = runTlw("scan --no-scan-memo " + shellQuoted((dir / "data").string()));
    EXPECT_NE(without.output.find("(every image decoded): 6 usable"), std::string::npos) << without.output;
}

}  // namespace
}  // namespace tlw
