#include "core/io/tensor_archive.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <set>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/regular_file.h"

// Tensor bytes go to and from disk as they lie in memory; the format says little-endian.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "tensor_archive.cpp assumes a little-endian host"
#endif

namespace tlw {
namespace {

constexpr char kMagic[8] = {'T', 'L', 'W', 'A', 'R', 'C', 'H', '1'};
constexpr std::size_t kChecksumSize = 16;
constexpr std::uint32_t kMaxKindBytes = 64;
constexpr std::uint32_t kMaxNameBytes = 4096;
constexpr std::uint8_t kMaxRank = 16;
// Magic, file length, empty kind, empty JSON, no tensors, checksum.
constexpr std::uint64_t kSmallestArchive = sizeof kMagic + 8 + 4 + 8 + 4 + kChecksumSize;
// Tensor data above this size is written straight from the tensor instead of through the header buffer.
constexpr std::size_t kDirectWriteBytes = 1 << 16;

struct DtypeCode {
    std::uint8_t code;
    c10::ScalarType type;
};

// Codes are part of the file format: never renumber, only append.
constexpr std::array<DtypeCode, 7> kDtypeCodes = {{{1, c10::ScalarType::Float},
                                                   {2, c10::ScalarType::Half},
                                                   {3, c10::ScalarType::BFloat16},
                                                   {4, c10::ScalarType::Long},
                                                   {5, c10::ScalarType::Byte},
                                                   {6, c10::ScalarType::Int},
                                                   {7, c10::ScalarType::Double}}};

bool codeOfType(c10::ScalarType type, std::uint8_t& code) {
    for (const DtypeCode& entry : kDtypeCodes) {
        if (entry.type == type) {
            code = entry.code;
            return true;
        }
    }
    return false;
}

bool typeOfCode(std::uint8_t code, c10::ScalarType& type) {
    for (const DtypeCode& entry : kDtypeCodes) {
        if (entry.code == code) {
            type = entry.type;
            return true;
        }
    }
    return false;
}

struct HashStateDeleter {
    void operator()(XXH3_state_t* state) const noexcept { XXH3_freeState(state); }
};
using HashState = std::unique_ptr<XXH3_state_t, HashStateDeleter>;

HashState newHashState() {
    HashState state(XXH3_createState());
    if (!state) throw std::bad_alloc();
    XXH3_128bits_reset(state.get());
    return state;
}

std::array<unsigned char, kChecksumSize> canonicalDigest(XXH3_state_t* state) {
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state));
    std::array<unsigned char, kChecksumSize> bytes{};
    std::memcpy(bytes.data(), canonical.digest, kChecksumSize);
    return bytes;
}

void appendU8(std::string& out, std::uint8_t value) { out.push_back(static_cast<char>(value)); }

template <typename T>
void appendLittleEndian(std::string& out, T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF));
}

// ---- Writing -------------------------------------------------------------------------------------------

// A tensor as it will be written: CPU, contiguous, with its encoded entry header.
struct PreparedTensor {
    std::string header;  // name, dtype, rank, sizes, byte length
    at::Tensor data;
    std::uint64_t byteLength = 0;
};

PreparedTensor prepareTensor(const std::filesystem::path& file, const std::string& name,
                             const at::Tensor& tensor) {
    if (name.empty() || name.size() > kMaxNameBytes)
        throw Error(file, "tensor name must have 1 to " + std::to_string(kMaxNameBytes) + " bytes");
    if (!tensor.defined()) throw Error(file, "tensor '" + name + "' is undefined");
    if (tensor.layout() != c10::kStrided) throw Error(file, "tensor '" + name + "' is not a dense tensor");
    std::uint8_t code = 0;
    if (!codeOfType(tensor.scalar_type(), code))
        throw Error(file, "tensor '" + name + "' has unsupported dtype " +
                              std::string(c10::toString(tensor.scalar_type())));
    if (tensor.dim() > kMaxRank)
        throw Error(file, "tensor '" + name + "' has " + std::to_string(tensor.dim()) +
                              " dimensions, at most " + std::to_string(kMaxRank) + " are supported");
    PreparedTensor prepared;
    // No copy for what the engine saves: its weights are CPU tensors, contiguous unless channels-last.
    prepared.data = tensor.detach().to(at::kCPU).contiguous();
    prepared.byteLength = static_cast<std::uint64_t>(prepared.data.nbytes());
    appendLittleEndian<std::uint32_t>(prepared.header, static_cast<std::uint32_t>(name.size()));
    prepared.header += name;
    appendU8(prepared.header, code);
    appendU8(prepared.header, static_cast<std::uint8_t>(tensor.dim()));
    for (const int64_t size : tensor.sizes()) appendLittleEndian<std::int64_t>(prepared.header, size);
    appendLittleEndian<std::uint64_t>(prepared.header, prepared.byteLength);
    return prepared;
}

// Hashes everything it writes; small pieces are gathered so that a header costs one write call.
class HashingWriter {
public:
    explicit HashingWriter(const std::filesystem::path& file) : m_file(file), m_hash(newHashState()) {}

    void write(const void* data, std::size_t size) {
        XXH3_128bits_update(m_hash.get(), data, size);
        if (size >= kDirectWriteBytes) {
            flush();
            m_file.write(data, size);
        } else {
            m_buffer.append(static_cast<const char*>(data), size);
            if (m_buffer.size() >= kDirectWriteBytes) flush();
        }
    }
    void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }

    void finish() {
        const std::array<unsigned char, kChecksumSize> digest = canonicalDigest(m_hash.get());
        m_buffer.append(reinterpret_cast<const char*>(digest.data()), digest.size());
        flush();
        m_file.commit();
    }

private:
    void flush() {
        m_file.write(m_buffer);
        m_buffer.clear();
    }

    AtomicFileWriter m_file;
    HashState m_hash;
    std::string m_buffer;
};

// ---- Reading -------------------------------------------------------------------------------------------

// A fault in the structure of the file; reported as damage if the checksum fails too.
struct MalformedArchive {
    std::string reason;
};

class InputFile {
public:
    explicit InputFile(const std::filesystem::path& file) : m_path(file) {
        const OpenedFile opened = openRegularFile(file);
        m_fd = opened.fd;
        m_size = opened.size;
    }
    ~InputFile() { ::close(m_fd); }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    std::uint64_t size() const noexcept { return m_size; }

    // Exactly size bytes from the current position; the caller has checked that the file holds them.
    void read(void* data, std::size_t size) {
        char* bytes = static_cast<char*>(data);
        while (size > 0) {
            const ssize_t got = ::read(m_fd, bytes, size);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) throw Error(m_path, describeErrno("cannot read", errno));
            if (got == 0) throw Error(m_path, "truncated: the file shrank while it was read");
            bytes += got;
            size -= static_cast<std::size_t>(got);
        }
    }

    void rewind() {
        if (::lseek(m_fd, 0, SEEK_SET) != 0) throw Error(m_path, describeErrno("cannot read", errno));
    }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

// Reads the archive's body in order, hashing what it reads, never past the checksum.
class BodyReader {
public:
    BodyReader(InputFile& file, std::uint64_t end) : m_file(file), m_end(end), m_hash(newHashState()) {}

    std::uint64_t remaining() const noexcept { return m_end - m_position; }
    std::uint64_t position() const noexcept { return m_position; }

    void read(void* data, std::uint64_t size, const std::string& what) {
        if (size > remaining())
            throw MalformedArchive{"truncated: " + what + " needs " + std::to_string(size) + " bytes, only " +
                                   std::to_string(remaining()) + " remain"};
        m_file.read(data, static_cast<std::size_t>(size));
        XXH3_128bits_update(m_hash.get(), data, static_cast<std::size_t>(size));
        m_position += size;
    }

    template <typename T>
    T readInteger(const std::string& what) {
        unsigned char bytes[sizeof(T)];
        read(bytes, sizeof(T), what);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i) value |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
        return static_cast<T>(value);
    }

    std::string readString(std::uint64_t length, const std::string& what) {
        if (length > remaining())
            throw MalformedArchive{"truncated: " + what + " declares " + std::to_string(length) +
                                   " bytes, only " + std::to_string(remaining()) + " remain"};
        std::string text(static_cast<std::size_t>(length), '\0');
        read(text.data(), length, what);
        return text;
    }

    std::array<unsigned char, kChecksumSize> digest() { return canonicalDigest(m_hash.get()); }

private:
    InputFile& m_file;
    std::uint64_t m_end;
    std::uint64_t m_position = 0;
    HashState m_hash;
};

// Whether the last 16 bytes are the XXH3-128 of the others (a second, plain pass over the file). With
// `fileLength`, as if the file length field (bytes 8..15) held that value.
bool checksumMatches(InputFile& file, std::optional<std::uint64_t> fileLength = std::nullopt) {
    file.rewind();
    HashState hash = newHashState();
    std::uint64_t left = file.size() - kChecksumSize;
    std::vector<char> chunk(1 << 16);
    bool first = true;
    while (left > 0) {
        const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
        file.read(chunk.data(), size);
        if (first && fileLength && size >= sizeof kMagic + 8)
            for (std::size_t i = 0; i < 8; ++i)
                chunk[sizeof kMagic + i] = static_cast<char>((*fileLength >> (8 * i)) & 0xFF);
        first = false;
        XXH3_128bits_update(hash.get(), chunk.data(), size);
        left -= size;
    }
    std::array<unsigned char, kChecksumSize> stored{};
    file.read(stored.data(), stored.size());
    return stored == canonicalDigest(hash.get());
}

// The file length field disagrees with the file's size: either the file lost its end (truncated, or grew
// by appended bytes), or the field itself is damaged. The checksum tells: it matches, with the field
// holding the real size, only when every other byte is as written.
Error fileLengthMismatch(const std::filesystem::path& file, InputFile& input, std::uint64_t declared) {
    const std::uint64_t size = input.size();
    if (checksumMatches(input, size))
        return Error(file, "damaged length field: it says " + std::to_string(declared) +
                               " bytes, but the file is whole at " + std::to_string(size) +
                               " bytes (every other byte matches the checksum)");
    if (declared > size)
        return Error(file, "truncated: the file has " + std::to_string(size) + " bytes of the " +
                               std::to_string(declared) + " written");
    return Error(file, "damaged: the file has " + std::to_string(size) + " bytes, " +
                           std::to_string(declared) + " were written");
}

at::Tensor readTensorData(BodyReader& reader, const std::string& name) {
    const std::string what = "tensor '" + name + "'";
    const std::uint8_t code = reader.readInteger<std::uint8_t>(what);
    c10::ScalarType type{};
    if (!typeOfCode(code, type))
        throw MalformedArchive{what + " has unknown dtype code " + std::to_string(code)};
    const std::uint8_t rank = reader.readInteger<std::uint8_t>(what);
    if (rank > kMaxRank) throw MalformedArchive{what + " has " + std::to_string(rank) + " dimensions"};
    std::vector<int64_t> sizes(rank);
    // Element count, with overflow caught: each size is below 2^63, the product is checked as it grows.
    std::uint64_t elements = 1;
    bool overflow = false;
    for (int64_t& size : sizes) {
        size = reader.readInteger<std::int64_t>(what + " sizes");
        if (size < 0) throw MalformedArchive{what + " has a negative size"};
        const std::uint64_t dimension = static_cast<std::uint64_t>(size);
        if (dimension != 0 && elements > UINT64_MAX / dimension) overflow = true;
        elements *= dimension;
    }
    const std::uint64_t byteLength = reader.readInteger<std::uint64_t>(what + " length");
    const std::uint64_t elementSize = c10::elementSize(type);
    if (overflow || (elements != 0 && elements > UINT64_MAX / elementSize) ||
        elements * elementSize != byteLength)
        throw MalformedArchive{what + " declares " + std::to_string(byteLength) +
                               " bytes, which does not match its sizes"};
    if (byteLength > reader.remaining())
        throw MalformedArchive{"truncated: " + what + " declares " + std::to_string(byteLength) +
                               " bytes, only " + std::to_string(reader.remaining()) + " remain"};
    // Allocated only now that the bytes are known to be in the file, and read straight into it.
    at::Tensor tensor = at::empty(sizes, at::TensorOptions().dtype(type));
    if (byteLength > 0) reader.read(tensor.data_ptr(), byteLength, what);
    return tensor;
}

// The body after the file length: kind, JSON, tensors. Stops early (wrongKind) when the kind differs.
TensorArchive readBody(BodyReader& reader, const std::string& expectedKind, bool& wrongKind) {
    TensorArchive archive;
    const std::uint32_t kindLength = reader.readInteger<std::uint32_t>("kind");
    if (kindLength == 0 || kindLength > kMaxKindBytes)
        throw MalformedArchive{"kind declares " + std::to_string(kindLength) + " bytes"};
    archive.kind = reader.readString(kindLength, "kind");
    if (archive.kind != expectedKind) {
        wrongKind = true;
        return archive;
    }
    archive.json = reader.readString(reader.readInteger<std::uint64_t>("JSON length"), "JSON document");
    const std::uint32_t count = reader.readInteger<std::uint32_t>("tensor count");
    std::set<std::string> names;
    for (std::uint32_t index = 0; index < count; ++index) {
        const std::string what = "tensor " + std::to_string(index + 1) + " of " + std::to_string(count);
        const std::uint32_t nameLength = reader.readInteger<std::uint32_t>(what);
        if (nameLength == 0 || nameLength > kMaxNameBytes)
            throw MalformedArchive{what + ": name declares " + std::to_string(nameLength) + " bytes"};
        std::string name = reader.readString(nameLength, what + " name");
        if (!names.insert(name).second) throw MalformedArchive{"tensor '" + name + "' appears twice"};
        at::Tensor tensor = readTensorData(reader, name);
        archive.tensors.emplace_back(std::move(name), std::move(tensor));
    }
    if (reader.remaining() != 0)
        throw MalformedArchive{std::to_string(reader.remaining()) + " unexplained bytes before the checksum"};
    return archive;
}

std::string withArticle(const std::string& kind) {
    return kind.empty() || std::string("aeiou").find(kind[0]) == std::string::npos ? "a " + kind
                                                                                   : "an " + kind;
}

}  // namespace

void writeTensorArchive(const std::filesystem::path& file, const TensorArchive& archive) {
    if (archive.kind.empty() || archive.kind.size() > kMaxKindBytes)
        throw Error(file, "archive kind must have 1 to " + std::to_string(kMaxKindBytes) + " bytes");
    if (archive.tensors.size() > UINT32_MAX) throw Error(file, "too many tensors");
    std::vector<PreparedTensor> tensors;
    tensors.reserve(archive.tensors.size());
    std::set<std::string> names;
    std::string header(kMagic, sizeof kMagic);
    std::uint64_t length = 0;
    try {
        for (const auto& [name, tensor] : archive.tensors) {
            if (!names.insert(name).second) throw Error(file, "tensor '" + name + "' appears twice");
            tensors.push_back(prepareTensor(file, name, tensor));
            length += tensors.back().header.size() + tensors.back().byteLength;
        }
    } catch (const c10::Error& e) {
        throw Error(file, std::string("cannot prepare tensors: ") + e.what_without_backtrace());
    }
    length += sizeof kMagic + 8 + 4 + archive.kind.size() + 8 + archive.json.size() + 4 + kChecksumSize;

    appendLittleEndian<std::uint64_t>(header, length);
    appendLittleEndian<std::uint32_t>(header, static_cast<std::uint32_t>(archive.kind.size()));
    header += archive.kind;
    appendLittleEndian<std::uint64_t>(header, archive.json.size());

    HashingWriter writer(file);
    writer.write(header);
    writer.write(archive.json);
    std::string count;
    appendLittleEndian<std::uint32_t>(count, static_cast<std::uint32_t>(tensors.size()));
    writer.write(count);
    for (const PreparedTensor& tensor : tensors) {
        writer.write(tensor.header);
        if (tensor.byteLength > 0)
            writer.write(tensor.data.data_ptr(), static_cast<std::size_t>(tensor.byteLength));
    }
    writer.finish();
}

TensorArchive readTensorArchive(const std::filesystem::path& file, const std::string& expectedKind) {
    InputFile input(file);
    const std::uint64_t size = input.size();
    if (size == 0) throw Error(file, "not a TL Workbench file (the file is empty)");

    char magic[sizeof kMagic] = {};
    const std::size_t magicBytes = static_cast<std::size_t>(std::min<std::uint64_t>(size, sizeof kMagic));
    input.read(magic, magicBytes);
    if (std::memcmp(magic, kMagic, magicBytes) != 0) throw Error(file, "not a TL Workbench file");
    if (size < kSmallestArchive)
        throw Error(file, "truncated: " + std::to_string(size) + " bytes, an archive has at least " +
                              std::to_string(kSmallestArchive));

    input.rewind();
    BodyReader reader(input, size - kChecksumSize);
    bool wrongKind = false;
    TensorArchive archive;
    try {
        reader.read(magic, sizeof magic, "magic");
        const std::uint64_t declared = reader.readInteger<std::uint64_t>("file length");
        if (declared != size) throw fileLengthMismatch(file, input, declared);
        archive = readBody(reader, expectedKind, wrongKind);
    } catch (const MalformedArchive& malformed) {
        if (!checksumMatches(input)) throw Error(file, "checksum mismatch: the file is damaged");
        throw Error(file, "malformed archive: " + malformed.reason);
    } catch (const c10::Error& e) {
        throw Error(file, std::string("cannot allocate tensors: ") + e.what_without_backtrace());
    }
    if (wrongKind) {
        if (!checksumMatches(input)) throw Error(file, "checksum mismatch: the file is damaged");
        throw Error(file, "is " + withArticle(archive.kind) + ", expected " + withArticle(expectedKind));
    }
    std::array<unsigned char, kChecksumSize> stored{};
    input.read(stored.data(), stored.size());
    if (stored != reader.digest()) throw Error(file, "checksum mismatch: the file is damaged");
    return archive;
}

}  // namespace tlw
