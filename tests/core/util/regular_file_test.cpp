#include "core/util/regular_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <string>

#include "core/data/image_decoder.h"
#include "core/io/tensor_archive.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/mapped_file.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

// The reason a reader gave for file, or "" when it did not throw. Runs the reader on another thread: if it
// blocks on the pipe, opening the pipe for writing releases it, and the test fails instead of hanging.
template <typename Reader>
std::string reasonWithin5s(const std::filesystem::path& file, Reader read) {
    auto result = std::async(std::launch::async, [&]() -> std::string {
        try {
            read(file);
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    });
    if (result.wait_for(std::chrono::seconds(5)) == std::future_status::ready) return result.get();
    const int writer = ::open(file.c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0) ::close(writer);
    result.wait();
    return "blocked for 5 s";
}

class NamedPipe : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(::mkfifo(m_pipe.c_str(), 0600), 0); }
    test::TempDir m_dir;
    std::filesystem::path m_pipe = m_dir / "photo.jpg";
};

TEST_F(NamedPipe, EveryReaderRefusesItAtOnceAndSaysWhatItIs) {
    const auto expectRefused = [&](const std::string& reason) {
        EXPECT_NE(reason.find("named pipe"), std::string::npos) << reason;
        EXPECT_NE(reason.find(m_pipe.string()), std::string::npos) << reason;
    };
    expectRefused(reasonWithin5s(m_pipe, [](const auto& f) { readFileBytes(f); }));
    expectRefused(reasonWithin5s(m_pipe, [](const auto& f) { decodeImageFile(f); }));
    expectRefused(reasonWithin5s(m_pipe, [](const auto& f) { MappedFile mapped(f, 0); }));
    expectRefused(reasonWithin5s(m_pipe, [](const auto& f) { readTensorArchive(f, "model"); }));
}

TEST(RegularFile, ADeviceIsNotReadForever) {
    const std::string reason = reasonWithin5s("/dev/zero", [](const auto& f) { readFileBytes(f); });
    EXPECT_NE(reason.find("character device"), std::string::npos) << reason;
}

TEST(RegularFile, AFileLargerThanItsKindCanBeIsRefusedBeforeItIsRead) {
    test::TempDir dir;
    const std::filesystem::path sparse = dir / "huge.jpg";
    std::ofstream(sparse).close();
    std::filesystem::resize_file(sparse, DecodeLimits{}.maxFileBytes() + 1);  // sparse: no disk used
    const auto start = std::chrono::steady_clock::now();
    const std::string reason = reasonWithin5s(sparse, [](const auto& f) { decodeImageFile(f); });
    EXPECT_NE(reason.find("more than the"), std::string::npos) << reason;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)) << "read before refusing";
    EXPECT_THROW(readFileBytes(dir / "huge.jpg", 1000), Error);
}

TEST(RegularFile, AnOrdinaryFileIsReadWhole) {
    test::TempDir dir;
    writeFileAtomically(dir / "notes.txt", "hello");
    EXPECT_EQ(readFileBytes(dir / "notes.txt"), "hello");
    EXPECT_EQ(readFileBytes(dir / "notes.txt", 5), "hello");
    EXPECT_THROW(readFileBytes(dir / "notes.txt", 4), Error);
    const OpenedFile opened = openRegularFile(dir / "notes.txt");
    EXPECT_EQ(opened.size, 5U);
    ::close(opened.fd);
    EXPECT_THROW(openRegularFile(dir.path()), Error);
}

}  // namespace
}  // namespace tlw
