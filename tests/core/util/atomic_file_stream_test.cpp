#include "core/util/atomic_file_stream.h"

#include <gtest/gtest.h>

#include <string>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

TEST(AtomicFileStream, CommitReplacesTheTargetWithEverythingStreamed) {
    test::TempDir dir;
    writeFileAtomically(dir / "model.pt", "old");
    const std::string large(300000, 'x');  // several buffer flushes
    AtomicFileStream out(dir / "model.pt");
    out << "head " << 42 << ' ';
    out.write(large.data(), static_cast<std::streamsize>(large.size()));
    out.commit();
    EXPECT_EQ(readFileBytes(dir / "model.pt"), "head 42 " + large);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicFileStream, DestroyedWithoutCommitKeepsTheOldContent) {
    test::TempDir dir;
    writeFileAtomically(dir / "model.pt", "old");
    {
        AtomicFileStream out(dir / "model.pt");
        out << std::string(100000, 'y');
    }
    EXPECT_EQ(readFileBytes(dir / "model.pt"), "old");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(AtomicFileStream, MissingFolderIsAnErrorNamingTheTarget) {
    test::TempDir dir;
    EXPECT_THROW(AtomicFileStream(dir / "missing" / "model.pt"), Error);
}

}  // namespace
}  // namespace tlw
