#include "core/data/image_inputs.h"

#include <gtest/gtest.h>

#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

void touchImage(const fs::path& file) {
    fs::create_directories(file.parent_path());
    test::writeBytes(file, test::solidPng(4, 4, {1, 2, 3}));
}

std::vector<std::string> describe(const ImageInputs& inputs, const fs::path& root) {
    std::vector<std::string> lines;
    for (const ImageInput& input : inputs.images)
        lines.push_back(fs::relative(input.file, root).string() + "|" + input.label + "|" + input.subset);
    return lines;
}

TEST(ImageInputs, ClassFoldersLabelTheirImagesInDatasetOrder) {
    test::TempDir dir;
    touchImage(dir / "cats" / "b.png");
    touchImage(dir / "cats" / "a.jpg");
    touchImage(dir / "cats" / "nested" / "c.png");
    touchImage(dir / "birds" / "z.png");
    test::writeBytes(dir / "cats" / "notes.txt", "not an image");
    touchImage(dir / "cats" / ".hidden.png");
    const ImageInputs inputs = collectImageInputs({dir.path()});
    EXPECT_EQ(describe(inputs, dir.path()),
              (std::vector<std::string>{"birds/z.png|birds|", "cats/a.jpg|cats|", "cats/b.png|cats|",
                                        "cats/nested/c.png|cats|"}));
}

TEST(ImageInputs, SplitFoldersGiveClassAndSubset) {
    test::TempDir dir;
    touchImage(dir / "train" / "ants" / "1.png");
    touchImage(dir / "val" / "ants" / "2.png");
    touchImage(dir / "train" / "bees" / "3.png");
    const ImageInputs inputs = collectImageInputs({dir.path()});
    EXPECT_EQ(describe(inputs, dir.path()),
              (std::vector<std::string>{"train/ants/1.png|ants|train", "val/ants/2.png|ants|validation",
                                        "train/bees/3.png|bees|train"}));
}

TEST(ImageInputs, AFolderWithImagesInsideIsWalkedUnlabelled) {
    test::TempDir dir;
    touchImage(dir / "photos" / "b.png");
    touchImage(dir / "photos" / "2019" / "a.JPG");
    touchImage(dir / "photos" / ".thumbs" / "t.png");
    test::writeBytes(dir / "photos" / "readme.md", "#");
    const ImageInputs inputs = collectImageInputs({dir / "photos"});
    EXPECT_EQ(describe(inputs, dir / "photos"), (std::vector<std::string>{"2019/a.JPG||", "b.png||"}));
}

TEST(ImageInputs, FilesAreTakenAsGivenInTheOrderGiven) {
    test::TempDir dir;
    touchImage(dir / "z.png");
    test::writeBytes(dir / "picture.data", test::solidPng(4, 4, {1, 2, 3}));
    touchImage(dir / "set" / "cats" / "a.png");
    const ImageInputs inputs = collectImageInputs({dir / "z.png", dir / "set", dir / "picture.data"});
    EXPECT_EQ(describe(inputs, dir.path()),
              (std::vector<std::string>{"z.png||", "set/cats/a.png|cats|", "picture.data||"}));
}

TEST(ImageInputs, MissingPathThrowsNamingIt) {
    test::TempDir dir;
    try {
        collectImageInputs({dir / "nowhere"});
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), (dir / "nowhere").string() + ": no such file or folder");
    }
}

TEST(ImageInputs, BrokenLinksAndLoopsAreReportedNotThrown) {
    test::TempDir dir;
    touchImage(dir / "photos" / "a.png");
    fs::create_symlink(dir / "nowhere.png", dir / "photos" / "broken.png");
    fs::create_directory_symlink(dir / "photos", dir / "photos" / "loop");
    const ImageInputs inputs = collectImageInputs({dir / "photos"});
    EXPECT_EQ(describe(inputs, dir / "photos"), (std::vector<std::string>{"a.png||"}));
    ASSERT_EQ(inputs.skipped.size(), 2u);
    EXPECT_EQ(inputs.skipped[0].path, dir / "photos" / "broken.png");
    EXPECT_EQ(inputs.skipped[1].path, dir / "photos" / "loop");
    EXPECT_NE(inputs.skipped[1].reason.find("loop"), std::string::npos);
}

}  // namespace
}  // namespace tlw
