#include "core/util/temporary_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/util/atomic_file.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

void touch(const std::filesystem::path& path) { writeFileAtomically(path, "partial"); }

// What a writer killed with -9 leaves: a temporary of the target that nobody holds.
TEST(TemporaryFile, TheNextWriterRemovesAKilledWritersTemporary) {
    test::TempDir dir;
    const auto target = dir / "model.tlwm";
    touch(dir / ".model.tlwm.tmp-Ab3xYz");
    writeFileAtomically(target, "saved");
    EXPECT_FALSE(std::filesystem::exists(dir / ".model.tlwm.tmp-Ab3xYz"));
    EXPECT_EQ(readFileBytes(target), "saved");
}

TEST(TemporaryFile, ATemporaryStillBeingWrittenIsKept) {
    test::TempDir dir;
    const auto target = dir / "model.tlwm";
    AtomicFileWriter other(target);  // a second writer, alive
    other.write("in progress");
    writeFileAtomically(target, "first");
    other.commit();
    EXPECT_EQ(readFileBytes(target), "in progress");
}

TEST(TemporaryFile, ALockedLeftoverIsKept) {
    test::TempDir dir;
    const auto leftover = dir / ".model.tlwm.tmp-Q1w2E3";
    touch(leftover);
    const int fd = ::open(leftover.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
    EXPECT_EQ(removeStaleTemporaries(dir / "model.tlwm"), 0u);
    EXPECT_TRUE(std::filesystem::exists(leftover));
    ::close(fd);
    EXPECT_EQ(removeStaleTemporaries(dir / "model.tlwm"), 1u);
}

TEST(TemporaryFile, OnlyThisTargetsTemporariesAreTouched) {
    test::TempDir dir;
    const std::vector<std::string> others = {
        ".other.tlwm.tmp-Ab3xYz",   // another target's
        "model.tlwm.tmp-Ab3xYz",    // no leading dot: a user's file
        ".model.tlwm.tmp-Ab3xYzW",  // not mkostemp's six characters
        ".model.tlwm.tmp-",
    };
    for (const std::string& name : others) touch(dir / name);
    std::filesystem::create_directory(dir / ".model.tlwm.tmp-Dir123");
    EXPECT_EQ(removeStaleTemporaries(dir / "model.tlwm"), 0u);
    for (const std::string& name : others) EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
    EXPECT_TRUE(std::filesystem::exists(dir / ".model.tlwm.tmp-Dir123"));
}

TEST(TemporaryFile, AMissingFolderIsNotAnError) {
    EXPECT_EQ(removeStaleTemporaries("/nonexistent-folder-for-tlw/model.tlwm"), 0u);
}

}  // namespace
}  // namespace tlw
