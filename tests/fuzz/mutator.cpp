#include "tests/fuzz/mutator.h"

#include <algorithm>

namespace tlw::fuzz {
namespace {

constexpr std::uint64_t kInteresting[] = {
    0,          1,          0x7F,       0x80,        0xFF,       0x100,     0x7FFF, 0x8000, 0xFFFF, 0x10000,
    0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, UINT64_MAX, INT64_MAX, 16,     64,     4096,   1u << 20};

}  // namespace

Mutator::Mutator(std::uint64_t seed, std::size_t maxLength) : m_random(seed), m_maxLength(maxLength) {}

std::size_t Mutator::pick(std::size_t count) {
    return static_cast<std::size_t>(m_random() % static_cast<std::uint64_t>(count));
}

std::string Mutator::mutate(const std::string& base, const std::vector<std::string>& corpus) {
    std::string bytes = base;
    const std::size_t depth = 1 + pick(6);
    for (std::size_t i = 0; i < depth; ++i) mutateOnce(bytes, corpus);
    if (bytes.size() > m_maxLength) bytes.resize(m_maxLength);
    return bytes;
}

// Headers, where the lengths and counts that readers trust live, sit at the start of most formats.
std::size_t Mutator::offsetIn(const std::string& bytes) {
    if (bytes.empty()) return 0;
    if (pick(2) == 0) return pick(std::min<std::size_t>(bytes.size(), 256));
    return pick(bytes.size());
}

void Mutator::putInteger(std::string& bytes) {
    const std::size_t widths[] = {1, 2, 4, 8};
    const std::size_t width = widths[pick(4)];
    if (bytes.size() < width) return;
    std::uint64_t value = kInteresting[pick(std::size(kInteresting))];
    if (pick(4) == 0) value += pick(3) - 1;  // and its neighbours
    const std::size_t offset = std::min(offsetIn(bytes), bytes.size() - width);
    const bool bigEndian = pick(2) == 0;
    for (std::size_t i = 0; i < width; ++i) {
        const std::size_t shift = 8 * (bigEndian ? width - 1 - i : i);
        bytes[offset + i] = static_cast<char>((value >> shift) & 0xFF);
    }
}

void Mutator::mutateOnce(std::string& bytes, const std::vector<std::string>& corpus) {
    switch (pick(bytes.empty() ? 1 : 9)) {
        case 0: {  // insert random bytes
            const std::size_t count = 1 + pick(16);
            std::string inserted(count, '\0');
            for (char& c : inserted) c = static_cast<char>(pick(256));
            bytes.insert(bytes.empty() ? 0 : offsetIn(bytes), inserted);
            break;
        }
        case 1:  // flip a bit
        {
            const std::size_t offset = offsetIn(bytes);
            bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << pick(8)));
            break;
        }
        case 2:  // a random byte
            bytes[offsetIn(bytes)] = static_cast<char>(pick(256));
            break;
        case 3:
            putInteger(bytes);
            break;
        case 4:  // erase a range
        {
            const std::size_t offset = offsetIn(bytes);
            bytes.erase(offset, 1 + pick(std::min<std::size_t>(bytes.size() - offset, 64)));
            break;
        }
        case 5:  // duplicate a range
        {
            const std::size_t offset = offsetIn(bytes);
            const std::size_t length = 1 + pick(std::min<std::size_t>(bytes.size() - offset, 64));
            bytes.insert(offsetIn(bytes), bytes.substr(offset, length));
            break;
        }
        case 6:  // truncate
            bytes.resize(offsetIn(bytes));
            break;
        case 7:  // splice: this input's start, another one's end
        {
            const std::string& other = corpus[pick(corpus.size())];
            if (other.empty()) break;
            const std::size_t from = pick(other.size());
            bytes = bytes.substr(0, offsetIn(bytes)) + other.substr(from);
            break;
        }
        default:  // copy a range over another place
        {
            const std::size_t from = offsetIn(bytes);
            const std::size_t to = offsetIn(bytes);
            const std::size_t length = std::min({bytes.size() - from, bytes.size() - to, 1 + pick(32)});
            bytes.replace(to, length, bytes.substr(from, length));
            break;
        }
    }
}

}  // namespace tlw::fuzz
