#include "core/io/tensor_archive.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "core/util/atomic_file.h"
#include "core/util/content_hash.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

// The reason of the tlw::Error that reading `file` raises; fails the test when the error names another file.
std::string readFailure(const std::filesystem::path& file, const std::string& kind = "tlw-model") {
    try {
        readTensorArchive(file, kind);
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), file) << e.what();
        return e.reason();
    }
    ADD_FAILURE() << "reading " << file << " did not fail";
    return {};
}

// Plain writes: the damage tests write hundreds of files, and an fsync each would take seconds. The old
// file is removed first because ext4 flushes a file truncated and rewritten in place when it is closed.
void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::remove(file);
    std::ofstream(file, std::ios::binary) << bytes;
}

TensorArchive smallArchive() {
    at::manual_seed(7);
    TensorArchive archive;
    archive.kind = "tlw-model";
    archive.json = R"({"classes": ["蜜蜂", "ants"]})";
    archive.tensors = {{"block1_conv1.weight", at::randn({2, 3, 3, 3})},
                       {"block1_conv1.bias", at::randn({2})}};
    return archive;
}

// Offsets of the fields of smallArchive()'s first tensor, from the documented layout.
std::size_t firstTensorOffset(const TensorArchive& archive) {
    return 8 + 8 + 4 + archive.kind.size() + 8 + archive.json.size() + 4;
}

void putLittleEndian(std::string& bytes, std::size_t offset, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) bytes[offset + static_cast<size_t>(i)] = static_cast<char>(value >> (8 * i));
}

// Recomputes the trailing XXH3-128 so that a deliberately malformed file passes the checksum.
void resealChecksum(std::string& bytes) {
    const ContentHash hash = hashBytes(std::string_view(bytes).substr(0, bytes.size() - 16));
    for (int i = 0; i < 8; ++i) {
        bytes[bytes.size() - 16 + static_cast<size_t>(i)] = static_cast<char>(hash.high >> (56 - 8 * i));
        bytes[bytes.size() - 8 + static_cast<size_t>(i)] = static_cast<char>(hash.low >> (56 - 8 * i));
    }
}

TEST(TensorArchive, RoundTripsEveryDtypeEmptyAndScalarTensors) {
    test::TempDir dir;
    at::manual_seed(1);
    TensorArchive archive;
    archive.kind = "tlw-checkpoint";
    archive.json = std::string("{\"note\": \"nul \\u0000 and 中文\"}");
    archive.tensors = {
        {"float32", at::randn({2, 3, 4})},
        {"float16", at::randn({5, 7}).to(at::kHalf)},
        {"bfloat16", at::randn({3}).to(at::kBFloat16)},
        {"int64", at::randint(-1000000, 1000000, {6}, at::kLong)},
        {"uint8 optimizer state", at::randint(0, 256, {33}, at::kByte)},
        {"int32", at::randint(-50000, 50000, {2, 2}, at::kInt)},
        {"float64", at::randn({4}, at::kDouble)},
        {"empty", at::empty({0, 3})},
        {"scalar", at::scalar_tensor(3.5, at::kDouble)},
    };
    writeTensorArchive(dir / "a.checkpoint", archive);
    const TensorArchive read = readTensorArchive(dir / "a.checkpoint", "tlw-checkpoint");

    EXPECT_EQ(read.kind, archive.kind);
    EXPECT_EQ(read.json, archive.json);
    ASSERT_EQ(read.tensors.size(), archive.tensors.size());
    for (size_t i = 0; i < archive.tensors.size(); ++i) {
        const auto& [name, expected] = archive.tensors[i];
        EXPECT_EQ(read.tensors[i].first, name);
        const at::Tensor& actual = read.tensors[i].second;
        EXPECT_EQ(actual.scalar_type(), expected.scalar_type()) << name;
        EXPECT_EQ(actual.sizes(), expected.sizes()) << name;
        EXPECT_TRUE(at::equal(actual, expected)) << name;
    }
    EXPECT_EQ(read.tensors[8].second.dim(), 0);
    EXPECT_EQ(read.tensors[7].second.numel(), 0);
}

TEST(TensorArchive, StoresStridedTensorsInLogicalOrderAndLargeOnesWhole) {
    test::TempDir dir;
    const at::Tensor transposed = at::arange(12, at::kFloat).reshape({3, 4}).t();
    const at::Tensor channelsLast = at::randn({2, 3, 5, 5}).contiguous(at::MemoryFormat::ChannelsLast);
    const at::Tensor large = at::randn({1 << 20});  // 4 MB: written straight from the tensor
    writeTensorArchive(dir / "m",
                       {"tlw-model", "{}", {{"t", transposed}, {"c", channelsLast}, {"l", large}}});
    const TensorArchive read = readTensorArchive(dir / "m", "tlw-model");
    EXPECT_TRUE(at::equal(read.tensors[0].second, transposed));
    EXPECT_TRUE(at::equal(read.tensors[1].second, channelsLast));
    EXPECT_TRUE(at::equal(read.tensors[2].second, large));
}

TEST(TensorArchive, EveryTruncationIsReportedAsTruncated) {
    test::TempDir dir;
    writeTensorArchive(dir / "whole", smallArchive());
    const std::string bytes = readFileBytes(dir / "whole");
    for (size_t length = 1; length < bytes.size(); ++length) {
        writeBytes(dir / "cut", bytes.substr(0, length));
        const std::string reason = readFailure(dir / "cut");
        EXPECT_EQ(reason.rfind("truncated", 0), 0u) << "cut at " << length << ": " << reason;
    }
}

TEST(TensorArchive, EveryFlippedByteIsDetected) {
    test::TempDir dir;
    writeTensorArchive(dir / "whole", smallArchive());
    const std::string bytes = readFileBytes(dir / "whole");
    for (size_t offset = 0; offset < bytes.size(); ++offset) {
        std::string damaged = bytes;
        damaged[offset] = static_cast<char>(damaged[offset] ^ 0x10);
        writeBytes(dir / "damaged", damaged);
        const std::string reason = readFailure(dir / "damaged");
        if (offset < 8)
            EXPECT_EQ(reason, "not a TL Workbench file") << offset;
        else if (offset < 16)  // the file length: the checksum shows that only the field is wrong
            EXPECT_EQ(reason.rfind("damaged length field: it says ", 0), 0u) << reason;
        else
            EXPECT_EQ(reason, "checksum mismatch: the file is damaged") << "byte " << offset;
    }
}

// The drill's case: one flipped bit in the length field's fifth byte made a 525-byte model claim
// 137441861261 bytes, and the reader called the whole file truncated.
TEST(TensorArchive, AFlippedLengthFieldIsADamagedFieldNotATruncation) {
    test::TempDir dir;
    writeTensorArchive(dir / "whole", smallArchive());
    std::string bytes = readFileBytes(dir / "whole");
    bytes[8 + 4] = static_cast<char>(bytes[8 + 4] ^ 0x20);
    writeBytes(dir / "flipped", bytes);
    const std::string reason = readFailure(dir / "flipped");
    EXPECT_EQ(reason.find("truncated"), std::string::npos) << reason;
    EXPECT_EQ(reason, "damaged length field: it says " +
                          std::to_string(bytes.size() + (std::uint64_t{0x20} << 32)) +
                          " bytes, but the file is whole at " + std::to_string(bytes.size()) +
                          " bytes (every other byte matches the checksum)");
}

TEST(TensorArchive, BytesAppendedToAWholeFileAreDamageNotAFlippedField) {
    test::TempDir dir;
    writeTensorArchive(dir / "whole", smallArchive());
    writeBytes(dir / "longer", readFileBytes(dir / "whole") + "extra");
    EXPECT_EQ(readFailure(dir / "longer").rfind("damaged: the file has ", 0), 0u);
}

TEST(TensorArchive, AnotherKindIsNamed) {
    test::TempDir dir;
    TensorArchive archive = smallArchive();
    archive.kind = "tlw-checkpoint";
    writeTensorArchive(dir / "model.tlwm", archive);
    EXPECT_EQ(readFailure(dir / "model.tlwm", "tlw-model"), "is a tlw-checkpoint, expected a tlw-model");
}

TEST(TensorArchive, EmptyTextAndMissingFilesAreNotArchives) {
    test::TempDir dir;
    writeBytes(dir / "empty.tlwm", "");
    EXPECT_EQ(readFailure(dir / "empty.tlwm"), "not a TL Workbench file (the file is empty)");
    writeBytes(dir / "notes.tlwm", "these are my notes about the model\n");
    EXPECT_EQ(readFailure(dir / "notes.tlwm"), "not a TL Workbench file");
    EXPECT_EQ(readFailure(dir / "missing.tlwm").rfind("cannot open", 0), 0u);
    EXPECT_EQ(readFailure(dir.path()), "a folder, not a regular file");
}

TEST(TensorArchive, HugeDeclaredTensorLengthIsRejectedBeforeAllocating) {
    test::TempDir dir;
    const TensorArchive archive = smallArchive();
    writeTensorArchive(dir / "whole", archive);
    std::string bytes = readFileBytes(dir / "whole");
    // First tensor: name length, name, dtype, rank 4, sizes, byte length. Claim 2^58 float32s = 2^60 bytes.
    const size_t sizes = firstTensorOffset(archive) + 4 + archive.tensors[0].first.size() + 2;
    putLittleEndian(bytes, sizes, std::uint64_t(1) << 29);
    putLittleEndian(bytes, sizes + 8, std::uint64_t(1) << 29);
    putLittleEndian(bytes, sizes + 16, 1);
    putLittleEndian(bytes, sizes + 24, 1);
    putLittleEndian(bytes, sizes + 32, std::uint64_t(1) << 60);

    writeBytes(dir / "damaged", bytes);
    EXPECT_EQ(readFailure(dir / "damaged"), "checksum mismatch: the file is damaged");

    resealChecksum(bytes);  // as a buggy or hostile writer would produce it
    writeBytes(dir / "resealed", bytes);
    const std::string reason = readFailure(dir / "resealed");
    EXPECT_NE(reason.find("declares 1152921504606846976 bytes"), std::string::npos) << reason;
}

TEST(TensorArchive, OverflowingSizesAndHugeJsonLengthAreMalformed) {
    test::TempDir dir;
    const TensorArchive archive = smallArchive();
    writeTensorArchive(dir / "whole", archive);
    const std::string original = readFileBytes(dir / "whole");

    std::string bytes = original;
    const size_t sizes = firstTensorOffset(archive) + 4 + archive.tensors[0].first.size() + 2;
    putLittleEndian(bytes, sizes, std::uint64_t(1) << 62);
    putLittleEndian(bytes, sizes + 8, std::uint64_t(1) << 62);
    resealChecksum(bytes);
    writeBytes(dir / "overflow", bytes);
    EXPECT_NE(readFailure(dir / "overflow").find("does not match its sizes"), std::string::npos);

    bytes = original;
    putLittleEndian(bytes, 8 + 8 + 4 + archive.kind.size(), std::uint64_t(1) << 62);
    resealChecksum(bytes);
    writeBytes(dir / "json", bytes);
    EXPECT_EQ(readFailure(dir / "json").rfind("malformed archive: truncated: JSON document declares", 0), 0u);
}

TEST(TensorArchive, UnknownDtypeCodeIsMalformed) {
    test::TempDir dir;
    const TensorArchive archive = smallArchive();
    writeTensorArchive(dir / "whole", archive);
    std::string bytes = readFileBytes(dir / "whole");
    bytes[firstTensorOffset(archive) + 4 + archive.tensors[0].first.size()] = 99;
    resealChecksum(bytes);
    writeBytes(dir / "dtype", bytes);
    EXPECT_EQ(readFailure(dir / "dtype"),
              "malformed archive: tensor 'block1_conv1.weight' has unknown dtype code 99");
}

TEST(TensorArchive, RefusedWriteLeavesTheExistingFileUntouched) {
    test::TempDir dir;
    writeTensorArchive(dir / "model.tlwm", smallArchive());
    const std::string before = readFileBytes(dir / "model.tlwm");

    TensorArchive complex = smallArchive();
    complex.tensors.emplace_back("phase", at::randn({2}, at::kComplexFloat));
    try {
        writeTensorArchive(dir / "model.tlwm", complex);
        FAIL() << "complex tensors are not part of the format";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "model.tlwm");
        EXPECT_NE(e.reason().find("unsupported dtype"), std::string::npos) << e.what();
    }
    TensorArchive duplicate = smallArchive();
    duplicate.tensors.push_back(duplicate.tensors[0]);
    EXPECT_THROW(writeTensorArchive(dir / "model.tlwm", duplicate), Error);

    EXPECT_EQ(readFileBytes(dir / "model.tlwm"), before);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

}  // namespace
}  // namespace tlw
