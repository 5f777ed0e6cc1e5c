#include "core/data/tiff_directory.h"

namespace tlw {
namespace {

enum TiffType : std::uint16_t { kByte = 1, kShort = 3, kLong = 4, kLong8 = 16 };

class ByteReader {
public:
    ByteReader(std::string_view bytes, bool bigEndian) : m_bytes(bytes), m_bigEndian(bigEndian) {}
    bool has(std::uint64_t offset, std::uint64_t size) const {
        return offset <= m_bytes.size() && size <= m_bytes.size() - offset;
    }
    std::uint64_t read(std::uint64_t offset, int size) const {
        std::uint64_t value = 0;
        for (int i = 0; i < size; ++i) {
            const std::uint64_t byte =
                static_cast<unsigned char>(m_bytes[offset + static_cast<std::uint64_t>(i)]);
            value |= m_bigEndian ? byte << (8 * (size - 1 - i)) : byte << (8 * i);
        }
        return value;
    }

private:
    std::string_view m_bytes;
    bool m_bigEndian;
};

}  // namespace

std::optional<std::uint64_t> TiffDirectory::find(std::uint16_t tag) const {
    for (const Entry& entry : entries)
        if (entry.tag == tag) return entry.value;
    return std::nullopt;
}

TiffDirectory readFirstTiffDirectory(std::string_view bytes) {
    TiffDirectory directory;
    if (bytes.size() < 8) {
        directory.problem = "header cut short";
        return directory;
    }
    const bool bigEndian = bytes[0] == 'M';
    const ByteReader reader(bytes, bigEndian);
    const std::uint64_t version = reader.read(2, 2);
    const bool bigTiff = version == 43;
    if (version != 42 && !bigTiff) {
        directory.problem = "unknown TIFF version";
        return directory;
    }
    if (bigTiff && !reader.has(8, 8)) {
        directory.problem = "header cut short";
        return directory;
    }
    const std::uint64_t ifdOffset = bigTiff ? reader.read(8, 8) : reader.read(4, 4);
    const int countSize = bigTiff ? 8 : 2;
    const std::uint64_t entrySize = bigTiff ? 20 : 12;
    const int valueSize = bigTiff ? 8 : 4;
    if (!reader.has(ifdOffset, static_cast<std::uint64_t>(countSize))) {
        directory.problem = "first directory lies beyond the end of the file";
        return directory;
    }
    const std::uint64_t count = reader.read(ifdOffset, countSize);
    const std::uint64_t firstEntry = ifdOffset + static_cast<std::uint64_t>(countSize);
    if (count > 4096 || !reader.has(firstEntry, count * entrySize)) {
        directory.problem = "first directory is cut short";
        return directory;
    }
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t at = firstEntry + i * entrySize;
        const auto tag = static_cast<std::uint16_t>(reader.read(at, 2));
        const auto type = reader.read(at + 2, 2);
        const std::uint64_t valueCount = reader.read(at + 4, bigTiff ? 8 : 4);
        const std::uint64_t valueAt = at + 4 + static_cast<std::uint64_t>(bigTiff ? 8 : 4);
        if (valueCount != 1) continue;
        // A single value sits in the entry itself, left-justified in the value field.
        switch (type) {
            case kByte:
                directory.entries.push_back({tag, reader.read(valueAt, 1)});
                break;
            case kShort:
                directory.entries.push_back({tag, reader.read(valueAt, 2)});
                break;
            case kLong:
                directory.entries.push_back({tag, reader.read(valueAt, 4)});
                break;
            case kLong8:
                if (valueSize == 8) directory.entries.push_back({tag, reader.read(valueAt, 8)});
                break;
            default:
                break;
        }
    }
    directory.valid = true;
    return directory;
}

}  // namespace tlw
