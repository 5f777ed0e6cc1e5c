#include "core/util/text_width.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(TextWidth, WideCharactersTakeTwoColumnsCombiningMarksNone) {
    EXPECT_EQ(displayWidth(""), 0u);
    EXPECT_EQ(displayWidth("ants"), 4u);
    EXPECT_EQ(displayWidth("篆书"), 4u);
    EXPECT_EQ(displayWidth("한국어"), 6u);
    EXPECT_EQ(displayWidth("ＡＢ"), 4u);     // fullwidth Latin
    EXPECT_EQ(displayWidth("ｶﾀ"), 2u);       // halfwidth katakana
    EXPECT_EQ(displayWidth("e\u0301"), 1u);  // e + combining acute
    EXPECT_EQ(displayWidth("é"), 1u);
    EXPECT_EQ(displayWidth("\xff\xfe"), 2u);  // invalid bytes count one each
    EXPECT_EQ(displayWidth("\xe4\xb8"), 2u);  // a truncated sequence too
}

TEST(TextWidth, PaddingCountsColumnsNotBytes) {
    EXPECT_EQ(padLeft("篆书", 6), "  篆书");
    EXPECT_EQ(padRight("篆书", 6), "篆书  ");
    EXPECT_EQ(padLeft("abc", 2), "abc");
    EXPECT_EQ(padRight("", 3), "   ");
}

}  // namespace
}  // namespace tlw
