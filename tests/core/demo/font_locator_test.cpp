#include "core/demo/font_locator.h"

#include <gtest/gtest.h>

#include "core/util/atomic_file.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

TEST(FontLocator, FindsFontFilesInNestedFoldersInFolderOrder) {
    test::TempDir first, second;
    std::filesystem::create_directories(second / "truetype" / "wqy");
    writeFileAtomically(second / "truetype" / "wqy" / "wqy-zenhei.ttc", "x");
    writeFileAtomically(second / "truetype" / "Other.OTF", "x");
    writeFileAtomically(second / "truetype" / "notes.txt", "x");
    writeFileAtomically(first / "wqy-zenhei.ttc", "x");

    const FontLocator locator({first.path(), second / "missing", second.path()});
    ASSERT_EQ(locator.fontFiles().size(), 3u);
    EXPECT_EQ(locator.find("wqy-zenhei.ttc"), first / "wqy-zenhei.ttc");
    EXPECT_EQ(locator.find("Other.OTF"), second / "truetype" / "Other.OTF");
    EXPECT_FALSE(locator.find("notes.txt"));
    EXPECT_FALSE(locator.find("ukai.ttc"));
}

TEST(FontLocator, DefaultFoldersFollowXdgAndEndWithTheSystemOnes) {
    const auto dirs = defaultFontDirs();
    ASSERT_GE(dirs.size(), 2u);
    EXPECT_EQ(dirs.back(), "/usr/share/fonts");
    EXPECT_EQ(dirs[dirs.size() - 2], "/usr/local/share/fonts");
}

}  // namespace
}  // namespace tlw
