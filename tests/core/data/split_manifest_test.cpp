#include "core/data/split_manifest.h"

#include <gtest/gtest.h>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

Dataset twoSampleDataset() {
    Dataset dataset;
    dataset.root = "/data/seals";
    dataset.classNames = {"Chu", "秦"};
    dataset.layout = SplitLayout::ValidationFraction;
    dataset.validationSplit = 0.25;
    dataset.seed = 42;
    dataset.samples = {{"/data/seals/Chu/a 1.png", 0, Subset::Train, hashBytes("a"), 1},
                       {"/data/seals/秦/上1 2.18.03 PM.png", 1, Subset::Validation, hashBytes("b"), 2}};
    return dataset;
}

std::string readError(const std::filesystem::path& file) {
    try {
        readSplitManifest(file);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(SplitManifest, WritesAndReadsBackEveryField) {
    test::TempDir dir;
    const SplitManifest written = makeSplitManifest(twoSampleDataset());
    writeSplitManifest(written, dir / "split.json");
    const SplitManifest read = readSplitManifest(dir / "split.json");
    EXPECT_EQ(read.layout, SplitLayout::ValidationFraction);
    EXPECT_EQ(read.validationSplit, 0.25);
    EXPECT_EQ(read.seed, 42u);
    EXPECT_EQ(read.createdAt, written.createdAt);
    EXPECT_EQ(read.createdAt.size(), 20u);  // 2024-05-01T12:00:00Z
    EXPECT_EQ(read.classNames, (std::vector<std::string>{"Chu", "秦"}));
    ASSERT_EQ(read.files.size(), 2u);
    EXPECT_EQ(read.files[1].path, "秦/上1 2.18.03 PM.png");
    EXPECT_EQ(read.files[1].className, "秦");
    EXPECT_EQ(read.files[1].subset, Subset::Validation);
    EXPECT_EQ(read.files[1].hash, hashBytes("b"));
    EXPECT_EQ(read.files[1].sizeBytes, 2u);
}

// Issue 18: a Latin-1 file name ("caf\xe9.png") came back as "caf\uFFFD.png" and dropped out of the split.
TEST(SplitManifest, NamesThatAreNotUtf8RoundTripExactly) {
    test::TempDir dir;
    Dataset dataset = twoSampleDataset();
    dataset.classNames = {"Chu",
                          "b\xe9"
                          "b\xe9"};
    dataset.samples = {{"/data/seals/Chu/caf\xe9.png", 0, Subset::Train, hashBytes("a"), 1},
                       {"/data/seals/b\xe9"
                        "b\xe9/\xff\xfe.png",
                        1, Subset::Validation, hashBytes("b"), 2}};
    writeSplitManifest(makeSplitManifest(dataset), dir / "split.json");
    const std::string text = readFileBytes(dir / "split.json");
    EXPECT_NE(text.find("\"path_bytes\": \"436875"), std::string::npos) << "the exact bytes, in hex";
    EXPECT_NE(text.find("caf\xef\xbf\xbd.png"), std::string::npos) << "and a readable name beside them";
    const SplitManifest read = readSplitManifest(dir / "split.json");
    EXPECT_EQ(read.classNames, dataset.classNames);
    ASSERT_EQ(read.files.size(), 2u);
    EXPECT_EQ(read.files[0].path, "Chu/caf\xe9.png");
    EXPECT_EQ(read.files[1].path,
              "b\xe9"
              "b\xe9/\xff\xfe.png");
    EXPECT_EQ(read.files[1].className,
              "b\xe9"
              "b\xe9");
}

TEST(SplitManifest, BadFilesGetErrorsNamingTheFileAndTheProblem) {
    test::TempDir dir;
    const auto file = dir / "m.json";
    writeFileAtomically(file, "{ not json");
    EXPECT_NE(readError(file).find("m.json: not a split manifest (invalid JSON"), std::string::npos);
    writeFileAtomically(file, R"({"format": "something else"})");
    EXPECT_NE(readError(file).find("not a split manifest"), std::string::npos);
    writeFileAtomically(file, R"({"format": ["a"]})");  // found by fuzzing: json's type_error escaped
    EXPECT_NE(readError(file).find("m.json: not a split manifest"), std::string::npos) << readError(file);
    const std::string header =
        R"({"format": "tlw-split-manifest", "version": 1, "layout": "manifest", "classes": ["a"], "files": [)";
    writeFileAtomically(file, header +
                                  R"({"path": "a/1.png", "class": "a", "subset": "holdout", "xxh3_128": ")" +
                                  hashBytes("").hex() + R"(", "size": 0}]})");
    EXPECT_NE(readError(file).find("entry 1: unknown subset \"holdout\""), std::string::npos)
        << readError(file);
    writeFileAtomically(file, header +
                                  R"({"path": "../1.png", "class": "a", "subset": "train", "xxh3_128": ")" +
                                  hashBytes("").hex() + R"(", "size": 0}]})");
    EXPECT_NE(readError(file).find("is not relative to the dataset folder"), std::string::npos);
    writeFileAtomically(
        file,
        header + R"({"path": "b/1.png", "class": "b", "subset": "train", "xxh3_128": "00", "size": 0}]})");
    EXPECT_NE(readError(file).find("class \"b\" is not in \"classes\""), std::string::npos);
    writeFileAtomically(
        file,
        R"({"format": "tlw-split-manifest", "version": 9, "layout": "none", "classes": [], "files": []})");
    EXPECT_NE(readError(file).find("version 9 is newer"), std::string::npos);
    writeFileAtomically(file, R"({"format": "tlw-split-manifest", "version": 1, "layout": "manifest",
                                  "classes": ["ants", "bees", "ants"], "files": []})");
    EXPECT_NE(readError(file).find("class \"ants\" is listed twice in \"classes\""), std::string::npos)
        << readError(file);
    EXPECT_NE(readError(dir / "missing.json").find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace tlw
