#include "core/util/utf8.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(Utf8, AcceptsWellFormedTextInEveryLength) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("ants/IMG 1.jpg"));
    EXPECT_TRUE(isValidUtf8("caf\xc3\xa9"));       // 2 bytes
    EXPECT_TRUE(isValidUtf8("\xe7\xa7\xa6"));      // 秦, 3 bytes
    EXPECT_TRUE(isValidUtf8("\xf0\x9f\x90\x9d"));  // U+1F41D, 4 bytes
    EXPECT_TRUE(isValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8, RejectsWhatIsNot) {
    EXPECT_FALSE(isValidUtf8("caf\xe9"));           // Latin-1
    EXPECT_FALSE(isValidUtf8("\xc3"));              // cut short
    EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // a surrogate
    EXPECT_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(isValidUtf8("\x80"));              // a lone continuation byte
    EXPECT_FALSE(isValidUtf8("\xff"));
}

// Issue 18: a newline or NUL in a file name was printed raw, breaking a report's lines.
TEST(Utf8, PrintableTextEscapesControlsAndBadBytesAndKeepsTheRest) {
    EXPECT_EQ(printableText("ants/IMG 1.jpg"), "ants/IMG 1.jpg");
    EXPECT_EQ(printableText("\xe7\xa7\xa6/\xe4\xb8\x8a" "1.png"), "\xe7\xa7\xa6/\xe4\xb8\x8a" "1.png");
    EXPECT_EQ(printableText("a\nb\tc\rd"), "a\\nb\\tc\\rd");
    EXPECT_EQ(printableText(std::string("nul\0byte", 8)), "nul\\x00byte");
    EXPECT_EQ(printableText("esc\x1b[2J"), "esc\\x1b[2J");
    EXPECT_EQ(printableText("caf\xe9"), "caf\\xe9");
    EXPECT_EQ(printableText("csi\xc2\x9b"), "csi\\xc2\\x9b");  // U+009B, a C1 control
    EXPECT_EQ(printableText("\x7f"), "\\x7f");
}

TEST(Utf8, HexRoundTripsAnyBytes) {
    std::string all;
    for (int byte = 0; byte < 256; ++byte) all += static_cast<char>(byte);
    EXPECT_EQ(hexOfBytes(std::string("\x00\xffZ", 3)), "00ff5a");
    EXPECT_EQ(bytesOfHex(hexOfBytes(all)), all);
    EXPECT_EQ(bytesOfHex("00FF5a"), std::string("\x00\xffZ", 3));
    EXPECT_FALSE(bytesOfHex("abc"));
    EXPECT_FALSE(bytesOfHex("zz"));
}

}  // namespace
}  // namespace tlw
