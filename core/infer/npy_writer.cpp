#include "core/infer/npy_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kPreambleBytes = 10;  // magic (6), version (2), header length (2)
constexpr std::size_t kAlignment = 64;      // NumPy aligns the data for memory mapping

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
constexpr bool kLittleEndianHost = false;
#else
constexpr bool kLittleEndianHost = true;
#endif

// Python's repr of a tuple: "()", "(5,)", "(3, 4)".
std::string shapeTuple(const std::vector<int64_t>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

uint64_t elementCount(const std::vector<int64_t>& shape) {
    uint64_t count = 1;
    for (const int64_t side : shape) {
        if (side < 0) throw Error("a .npy shape cannot have a negative size: " + shapeTuple(shape));
        count *= static_cast<uint64_t>(side);
    }
    return count;
}

// The format is little-endian whatever the host; on a big-endian host the bytes are swapped in a copy.
void writeLittleEndianFloats(AtomicFileWriter& writer, const float* values, uint64_t count) {
    if (kLittleEndianHost) {
        writer.write(values, count * sizeof(float));
        return;
    }
    std::vector<char> chunk;
    constexpr uint64_t kChunkFloats = 1 << 16;
    for (uint64_t start = 0; start < count; start += kChunkFloats) {
        const uint64_t n = std::min(kChunkFloats, count - start);
        chunk.resize(n * sizeof(float));
        for (uint64_t i = 0; i < n; ++i) {
            const char* bytes = reinterpret_cast<const char*>(values + start + i);
            std::reverse_copy(bytes, bytes + sizeof(float), chunk.data() + i * sizeof(float));
        }
        writer.write(chunk.data(), chunk.size());
    }
}

}  // namespace

std::string npyFloat32Header(const std::vector<int64_t>& shape, std::size_t minimumLength) {
    elementCount(shape);  // rejects negative sizes
    const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeTuple(shape) + ", }";
    std::size_t total = std::max(kPreambleBytes + dict.size() + 1, minimumLength);
    total = (total + kAlignment - 1) / kAlignment * kAlignment;
    const std::size_t headerLength = total - kPreambleBytes;
    if (headerLength > std::numeric_limits<uint16_t>::max())
        throw Error("a .npy 1.0 header cannot hold shape " + shapeTuple(shape));

    std::string header(kMagic, sizeof kMagic - 1);
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(headerLength & 0xff);
    header += static_cast<char>(headerLength >> 8);
    header += dict;
    header.append(total - header.size() - 1, ' ');
    header += '\n';
    return header;
}

void writeNpyFloat32(const std::filesystem::path& file, const std::vector<int64_t>& shape,
                     const float* values) {
    AtomicFileWriter writer(file);
    writer.write(npyFloat32Header(shape));
    writeLittleEndianFloats(writer, values, elementCount(shape));
    writer.commit();
}

struct NpyFloat32Writer::Impl {
    AtomicFileWriter writer;
    std::vector<int64_t> itemShape;
    uint64_t itemFloats = 0;
    uint64_t maxItems = 0;
    std::size_t headerLength = 0;

    explicit Impl(const std::filesystem::path& file) : writer(file) {}
};

NpyFloat32Writer::NpyFloat32Writer(const std::filesystem::path& file, std::vector<int64_t> itemShape,
                                   uint64_t maxItems)
    : m_impl(std::make_unique<Impl>(file)) {
    m_impl->itemFloats = elementCount(itemShape);
    m_impl->itemShape = std::move(itemShape);
    m_impl->maxItems = maxItems;
    // Sized for the largest count, so the final header (same or fewer digits) fits the same bytes.
    std::vector<int64_t> largest{static_cast<int64_t>(maxItems)};
    largest.insert(largest.end(), m_impl->itemShape.begin(), m_impl->itemShape.end());
    const std::string header = npyFloat32Header(largest);
    m_impl->headerLength = header.size();
    m_impl->writer.write(header);
}

NpyFloat32Writer::~NpyFloat32Writer() = default;

void NpyFloat32Writer::append(const float* values, uint64_t items) {
    if (m_items + items > m_impl->maxItems) {
        throw Error(m_impl->writer.target(), "more items than the " + std::to_string(m_impl->maxItems) +
                                                 " announced to the .npy writer");
    }
    writeLittleEndianFloats(m_impl->writer, values, items * m_impl->itemFloats);
    m_items += items;
}

void NpyFloat32Writer::commit() {
    const std::string header = npyFloat32Header(shape(), m_impl->headerLength);
    if (header.size() != m_impl->headerLength)
        throw Error(m_impl->writer.target(), "internal error: the .npy header grew");
    m_impl->writer.writeAt(0, header);
    m_impl->writer.commit();
}

std::vector<int64_t> NpyFloat32Writer::shape() const {
    std::vector<int64_t> shape{static_cast<int64_t>(m_items)};
    shape.insert(shape.end(), m_impl->itemShape.begin(), m_impl->itemShape.end());
    return shape;
}

}  // namespace tlw
