#include "core/data/dataset_index.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

void touchImage(const fs::path& file) { test::writeBytes(file, test::solidPng(2, 2, {1, 2, 3})); }

std::vector<std::string> relativeFiles(const DatasetIndex& index) {
    std::vector<std::string> files;
    for (const IndexedFile& file : index.files) files.push_back(relativePathUnder(file.path, index.root));
    return files;
}

bool skippedWithReason(const DatasetIndex& index, const fs::path& path, const std::string& reasonPart) {
    return std::any_of(index.skipped.begin(), index.skipped.end(), [&](const SkippedFile& s) {
        return s.path == path && s.reason.find(reasonPart) != std::string::npos;
    });
}

TEST(DatasetIndex, ClassesAreImmediateSubfoldersSortedByUtf8Bytes) {
    test::TempDir dir;
    for (const char* name : {"印章", "ant", "Zebra", "äpfel"}) touchImage(dir / name / "a.png");
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.layout, SplitLayout::NoSplit);
    EXPECT_EQ(index.classNames, (std::vector<std::string>{"Zebra", "ant", "äpfel", "印章"}));
    ASSERT_EQ(index.files.size(), 4u);
    for (int label = 0; label < 4; ++label) EXPECT_EQ(index.files[static_cast<size_t>(label)].label, label);
}

TEST(DatasetIndex, NestedFilesBelongToTheirClass) {
    test::TempDir dir;
    touchImage(dir / "bees" / "2019" / "summer" / "b.png");
    touchImage(dir / "ants" / "a.png");
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(relativeFiles(index), (std::vector<std::string>{"ants/a.png", "bees/2019/summer/b.png"}));
    EXPECT_EQ(index.files[1].label, 1);
}

TEST(DatasetIndex, RootFilesAndHiddenEntriesAreIgnoredAndCounted) {
    test::TempDir dir;
    touchImage(dir / "ants" / "a.png");
    touchImage(dir / "bees" / "b.png");
    touchImage(dir / "stray.png");                  // root file
    test::writeBytes(dir / "README.md", "about");   // root file
    touchImage(dir / ".thumbnails" / "t.png");      // hidden folder at the root
    touchImage(dir / "ants" / ".hidden.png");       // hidden file in a class
    touchImage(dir / "bees" / ".cache" / "c.png");  // hidden folder in a class
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.classNames, (std::vector<std::string>{"ants", "bees"}));
    EXPECT_EQ(relativeFiles(index), (std::vector<std::string>{"ants/a.png", "bees/b.png"}));
    EXPECT_EQ(index.ignoredRootEntries.size(), 2u);
    EXPECT_EQ(index.hiddenEntries, 3u);
}

TEST(DatasetIndex, ExtensionsAreCaseInsensitiveAndOthersIgnored) {
    test::TempDir dir;
    for (const char* name : {"a.JPG", "b.Jpeg", "c.PNG", "d.bmp", "e.GIF", "f.webp", "g.tif", "h.TIFF",
                             "i.ppm", "j.pgm", "k.pbm"})
        touchImage(dir / "x" / name);
    for (const char* name : {"notes.txt", "Thumbs.db", "raw.CR2", "noextension"})
        touchImage(dir / "x" / name);
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.files.size(), 11u);
    EXPECT_EQ(index.ignoredOtherFiles.size(), 4u);
}

TEST(DatasetIndex, TrainAndValFoldersAreFixedSplits) {
    test::TempDir dir;
    touchImage(dir / "train" / "ants" / "a1.png");
    touchImage(dir / "train" / "bees" / "b1.png");
    touchImage(dir / "val" / "ants" / "a2.png");
    touchImage(dir / "val" / "bees" / "b2.png");
    touchImage(dir / "test" / "bees" / "b3.png");
    test::writeBytes(dir / "LICENSE", "x");
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.layout, SplitLayout::SplitFolders);
    EXPECT_EQ(index.classNames, (std::vector<std::string>{"ants", "bees"}));
    ASSERT_EQ(index.files.size(), 5u);
    EXPECT_EQ(relativeFiles(index),
              (std::vector<std::string>{"train/ants/a1.png", "val/ants/a2.png", "train/bees/b1.png",
                                        "val/bees/b2.png", "test/bees/b3.png"}));
    EXPECT_EQ(index.files[1].subset, Subset::Validation);
    EXPECT_EQ(index.files[4].subset, Subset::Test);
    EXPECT_EQ(index.files[4].label, 1);
    EXPECT_EQ(index.ignoredRootEntries.size(), 1u);
}

TEST(DatasetIndex, ValidationFolderNameIsAlsoASplit) {
    test::TempDir dir;
    touchImage(dir / "train" / "ants" / "a1.png");
    touchImage(dir / "validation" / "ants" / "a2.png");
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.layout, SplitLayout::SplitFolders);
    ASSERT_EQ(index.files.size(), 2u);
    EXPECT_EQ(index.files[1].subset, Subset::Validation);
}

TEST(DatasetIndex, TrainWithoutValIsJustAClassFolder) {
    test::TempDir dir;
    touchImage(dir / "train" / "a.png");
    touchImage(dir / "other" / "b.png");
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(index.layout, SplitLayout::NoSplit);
    EXPECT_EQ(index.classNames, (std::vector<std::string>{"other", "train"}));
}

TEST(DatasetIndex, BrokenSymlinksAndLoopsAreReportedNotFollowedForever) {
    test::TempDir dir;
    touchImage(dir / "ants" / "a.png");
    touchImage(dir / "bees" / "b.png");
    fs::create_symlink("missing.png", dir / "ants" / "broken.png");
    fs::create_symlink("loop2.png", dir / "ants" / "loop1.png");  // file link loop
    fs::create_symlink("loop1.png", dir / "ants" / "loop2.png");
    fs::create_directory_symlink("..", dir / "bees" / "up");          // folder loop back to the class
    fs::create_directory_symlink(dir.path(), dir / "bees" / "root");  // folder loop back to the root
    const DatasetIndex index = indexDataset(dir.path());
    EXPECT_EQ(relativeFiles(index), (std::vector<std::string>{"ants/a.png", "bees/b.png"}));
    EXPECT_TRUE(
        skippedWithReason(index, dir / "ants" / "broken.png", "broken symbolic link (points to missing.png"));
    EXPECT_TRUE(skippedWithReason(index, dir / "ants" / "loop1.png", "symbolic link loop"));
    EXPECT_TRUE(skippedWithReason(index, dir / "ants" / "loop2.png", "symbolic link loop"));
    EXPECT_TRUE(skippedWithReason(index, dir / "bees" / "up", "symbolic link loop"));
    EXPECT_TRUE(skippedWithReason(index, dir / "bees" / "root", "symbolic link loop"));
}

TEST(DatasetIndex, SymlinkedClassFoldersAndFilesAreFollowed) {
    test::TempDir dir;
    touchImage(dir / "elsewhere" / "bees" / "b.png");
    touchImage(dir / "data" / "ants" / "a.png");
    fs::create_directory_symlink(dir / "elsewhere" / "bees", dir / "data" / "bees");
    fs::create_symlink(dir / "data" / "ants" / "a.png", dir / "data" / "ants" / "link.png");
    const DatasetIndex index = indexDataset(dir / "data");
    EXPECT_EQ(index.classNames, (std::vector<std::string>{"ants", "bees"}));
    EXPECT_EQ(index.files.size(), 3u);
}

TEST(DatasetIndex, UnusableRootThrowsNamingIt) {
    test::TempDir dir;
    touchImage(dir / "file.png");
    EXPECT_THROW(indexDataset(dir / "missing"), Error);
    try {
        indexDataset(dir / "file.png");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "file.png");
        EXPECT_NE(e.reason().find("not a folder"), std::string::npos);
    }
}

}  // namespace
}  // namespace tlw
