#include "core/demo/seal_texts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace tlw {
namespace {

TEST(SealTexts, HaveTheLayoutsCharacterCountAndOnlyKnownCodePoints) {
    const std::u32string known = sealCodePoints();
    std::mt19937 rng(7);
    for (const int count : {2, 3, 4}) {
        for (int i = 0; i < 200; ++i) {
            const std::u32string text = pickSealText(count, rng);
            ASSERT_EQ(static_cast<int>(text.size()), count);
            for (const char32_t c : text)
                EXPECT_TRUE(std::binary_search(known.begin(), known.end(), c)) << static_cast<unsigned>(c);
        }
    }
}

TEST(SealTexts, DrawOnAFewHundredCjkCodePointsAndVaryPerSeal) {
    const std::u32string known = sealCodePoints();
    EXPECT_GE(known.size(), 200u);
    EXPECT_LE(known.size(), 1000u);
    for (const char32_t c : known) EXPECT_TRUE(c >= 0x4E00 && c <= 0x9FFF) << static_cast<unsigned>(c);

    std::mt19937 rng(1);
    std::set<std::u32string> texts;
    for (int i = 0; i < 100; ++i) texts.insert(pickSealText(4, rng));
    EXPECT_GT(texts.size(), 60u);
}

TEST(SealTexts, SameSeedSameTexts) {
    std::mt19937 first(99), second(99);
    for (int i = 0; i < 50; ++i) EXPECT_EQ(pickSealText(3, first), pickSealText(3, second));
}

}  // namespace
}  // namespace tlw
