#include "core/infer/npy_writer.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

// What NumPy 1.x's np.save writes, byte for byte, for these shapes (the dict, then spaces, then '\n', so
// that the data starts at a multiple of 64).
std::string expectedHeader(const std::string& shapeTuple) {
    const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeTuple + ", }";
    std::string header = std::string("\x93NUMPY\x01\x00", 8) + "xx" + dict;
    while ((header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    const size_t length = header.size() - 10;
    header[8] = static_cast<char>(length & 0xff);
    header[9] = static_cast<char>(length >> 8);
    return header;
}

TEST(NpyWriter, HeaderIsPaddedTo64BytesAndEndsWithANewline) {
    for (const std::vector<int64_t>& shape : {std::vector<int64_t>{5}, std::vector<int64_t>{398, 512},
                                              std::vector<int64_t>{2, 13, 13, 512}, std::vector<int64_t>{}}) {
        const std::string header = npyFloat32Header(shape);
        EXPECT_EQ(header.size() % 64, 0u);
        EXPECT_EQ(header.back(), '\n');
        EXPECT_EQ(header.compare(0, 8, std::string("\x93NUMPY\x01\x00", 8)), 0);
        const size_t length = static_cast<unsigned char>(header[8]) | static_cast<unsigned char>(header[9])
                                                                          << 8;
        EXPECT_EQ(length + 10, header.size());
    }
}

TEST(NpyWriter, ShapeIsWrittenAsAPythonTuple) {
    EXPECT_EQ(npyFloat32Header({5}), expectedHeader("(5,)"));
    EXPECT_EQ(npyFloat32Header({398, 512}), expectedHeader("(398, 512)"));
    EXPECT_EQ(npyFloat32Header({2, 13, 13, 512}), expectedHeader("(2, 13, 13, 512)"));
    EXPECT_EQ(npyFloat32Header({}), expectedHeader("()"));
    // The preamble (10 bytes) and the dict (at least 57) pass 64, so NumPy's own files start their data at
    // byte 128.
    EXPECT_EQ(npyFloat32Header({1, 2, 3}).size(), 128u);
    // np.save(f, np.zeros(5, np.float32)) starts with these bytes: header length 118 ('v').
    EXPECT_EQ(npyFloat32Header({5}).substr(0, 10), std::string("\x93NUMPY\x01\x00v\x00", 10));
}

TEST(NpyWriter, MinimumLengthReservesRoomForLargerNumbers) {
    const std::string large = npyFloat32Header({123456789012345, 512});
    const std::string small = npyFloat32Header({7, 512}, large.size());
    EXPECT_EQ(small.size(), large.size());
    EXPECT_EQ(small.back(), '\n');
    EXPECT_NE(small.find("'shape': (7, 512), }   "), std::string::npos);
    EXPECT_THROW(npyFloat32Header({-1, 3}), Error);
}

TEST(NpyWriter, WholeArrayReadsBackAsLittleEndianFloat32InCOrder) {
    test::TempDir dir;
    const std::vector<float> values = {1.0f, -2.5f, 3.25f, 0.0f, 1e-30f, 65504.0f};
    writeNpyFloat32(dir / "a.npy", {2, 3}, values.data());
    const std::string bytes = readFileBytes(dir / "a.npy");
    ASSERT_EQ(bytes.size(), 128u + values.size() * 4);
    EXPECT_EQ(bytes.substr(0, 128), npyFloat32Header({2, 3}));
    // 1.0f is 0x3f800000: little-endian puts 00 00 80 3f first.
    EXPECT_EQ(bytes.substr(128, 4), std::string("\x00\x00\x80\x3f", 4));
    std::vector<float> back(values.size());
    std::memcpy(back.data(), bytes.data() + 128, back.size() * 4);
    EXPECT_EQ(back, values);
}

TEST(NpyWriter, StreamingWriterRewritesTheCountAtCommit) {
    test::TempDir dir;
    const auto file = dir / "features.npy";
    NpyFloat32Writer writer(file, {2, 2}, 1000);
    const std::vector<float> first = {1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<float> second = {9, 10, 11, 12};
    writer.append(first.data(), 2);
    writer.append(second.data(), 1);
    EXPECT_FALSE(std::filesystem::exists(file)) << "visible before commit";
    writer.commit();

    const std::string bytes = readFileBytes(file);
    const std::string header = npyFloat32Header({3, 2, 2}, npyFloat32Header({1000, 2, 2}).size());
    ASSERT_EQ(bytes.size(), header.size() + 12 * 4);
    EXPECT_EQ(bytes.substr(0, header.size()), header);
    std::vector<float> back(12);
    std::memcpy(back.data(), bytes.data() + header.size(), 48);
    EXPECT_EQ(back, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    EXPECT_EQ(writer.shape(), (std::vector<int64_t>{3, 2, 2}));
}

TEST(NpyWriter, StreamingWriterRefusesMoreThanAnnouncedAndLeavesNothingWithoutCommit) {
    test::TempDir dir;
    {
        NpyFloat32Writer writer(dir / "f.npy", {3}, 1);
        const std::vector<float> values(6, 1.0f);
        EXPECT_THROW(writer.append(values.data(), 2), Error);
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    EXPECT_THROW(NpyFloat32Writer(dir / "missing" / "f.npy", {3}, 1), Error);
}

}  // namespace
}  // namespace tlw
