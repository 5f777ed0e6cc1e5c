#include "core/util/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

size_t countEntries(const std::filesystem::path& directory) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) ++count;
    return count;
}

TEST(AtomicFileWriter, CommitReplacesTheTargetAndLeavesNoTemporary) {
    test::TempDir dir;
    const auto target = dir / "model.tlwm";
    writeFileAtomically(target, "old");
    writeFileAtomically(target, "new content");
    EXPECT_EQ(readFileBytes(target), "new content");
    EXPECT_EQ(countEntries(dir.path()), 1u);
}

TEST(AtomicFileWriter, DestroyedWithoutCommitKeepsTheOldContent) {
    test::TempDir dir;
    const auto target = dir / "history.json";
    writeFileAtomically(target, "old");
    {
        AtomicFileWriter writer(target);
        writer.write("half of the new");
    }
    EXPECT_EQ(readFileBytes(target), "old");
    EXPECT_EQ(countEntries(dir.path()), 1u);
}

TEST(AtomicFileWriter, CommittedFileGetsUsualPermissions) {
    test::TempDir dir;
    const auto target = dir / "a.json";
    const mode_t old = ::umask(022);
    writeFileAtomically(target, "{}");
    ::umask(old);
    struct stat info {};
    ASSERT_EQ(::stat(target.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST(AtomicFileWriter, MissingFolderIsAnErrorNamingTheTarget) {
    test::TempDir dir;
    const auto target = dir / "no such folder" / "x.json";
    try {
        writeFileAtomically(target, "x");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), target);
        EXPECT_NE(std::string(e.what()).find("temporary"), std::string::npos) << e.what();
    }
}

TEST(AtomicFileWriter, WriteAtOverwritesEarlierBytesInPlace) {
    test::TempDir dir;
    AtomicFileWriter writer(dir / "f.bin");
    writer.write("header:??|payload");
    writer.writeAt(7, "42");
    writer.write("+more");
    writer.commit();
    EXPECT_EQ(readFileBytes(dir / "f.bin"), "header:42|payload+more");
}

TEST(ReadFileBytes, ReadsCjkNamedFileAndRejectsFolders) {
    test::TempDir dir;
    writeFileAtomically(dir / "印章.bin", std::string("a\0b", 3));
    EXPECT_EQ(readFileBytes(dir / "印章.bin"), std::string("a\0b", 3));
    EXPECT_THROW(readFileBytes(dir.path()), Error);
    EXPECT_THROW(readFileBytes(dir / "missing"), Error);
}

}  // namespace
}  // namespace tlw
