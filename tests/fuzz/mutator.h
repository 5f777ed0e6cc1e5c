#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace tlw::fuzz {

// Blind mutations in the style of libFuzzer's, without its coverage feedback: bit flips, random and
// "interesting" bytes and integers (0, -1, 0x7F.., 0x80.., sizes near powers of two, in both byte orders),
// erased, duplicated, inserted and spliced ranges, truncation. Seeded, so a CI failure replays exactly.
class Mutator {
public:
    Mutator(std::uint64_t seed, std::size_t maxLength);
    // A mutant of `base`, 1 to 6 mutations deep; `corpus` supplies splices.
    std::string mutate(const std::string& base, const std::vector<std::string>& corpus);
    std::size_t pick(std::size_t count);  // uniform in [0, count), count > 0

private:
    void mutateOnce(std::string& bytes, const std::vector<std::string>& corpus);
    void putInteger(std::string& bytes);
    std::size_t offsetIn(const std::string& bytes);  // anywhere, biased towards the first 256 bytes

    std::mt19937_64 m_random;
    std::size_t m_maxLength;
};

}  // namespace tlw::fuzz
