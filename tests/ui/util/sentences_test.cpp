#include "ui/util/sentences.h"

#include <gtest/gtest.h>

namespace tlw::ui {
namespace {

TEST(JoinSentences, ASpaceAfterLatinPunctuationNoneAfterFullWidth) {
    EXPECT_EQ(joinSentences({QStringLiteral("398 files."), QStringLiteral("Double-click one.")}),
              QStringLiteral("398 files. Double-click one."));
    EXPECT_EQ(joinSentences({QStringLiteral("检查用时 0.0 秒。"), QStringLiteral("双击文件。")}),
              QStringLiteral("检查用时 0.0 秒。双击文件。"));
    EXPECT_EQ(joinSentences({QStringLiteral("（全角）"), QStringLiteral("next")}),
              QStringLiteral("（全角）next"));
    EXPECT_EQ(joinSentences({QStringLiteral("one."), QString(), QStringLiteral("two.")}),
              QStringLiteral("one. two."));
    EXPECT_EQ(joinSentences({}), QString());
}

}  // namespace
}  // namespace tlw::ui
