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
