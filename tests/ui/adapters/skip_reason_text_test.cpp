#include "ui/adapters/skip_reason_text.h"

#include <gtest/gtest.h>

namespace tlw::ui {
namespace {

// Core's reasons as the decoders write them, and the kind the window words from their leading words.
TEST(SkipReasonText, WordsTheKindOfCoresReasonAndNamesTheFormat) {
    const std::pair<const char*, const char*> cases[] = {
        {"not an image (text file)", "not an image: a text file"},
        {"not an image (ZIP archive)", "not an image: a ZIP archive"},
        {"not an image (HTML page, perhaps a failed download)",
         "not an image: a web page (a failed download?)"},
        {"not an image (unknown format, starts with bytes 00 01)", "not an image: an unknown format"},
        {"truncated JPEG (data ends before the end-of-image marker)",
         "truncated JPEG: the file ends too early (a partial copy or download?)"},
        {"corrupt PNG: CRC error in the IDAT chunk", "corrupt PNG: the content does not follow the format"},
        {"JPEG whose height is defined after the scan (DNL) is not supported",
         "a variant of JPEG that cannot be read"},
        {"cannot follow symbolic link: No such file or directory", "a link that cannot be followed"},
        {"something new", "cannot be read"},
    };
    for (const auto& [reason, expected] : cases)
        EXPECT_EQ(SkipReasonText::of(QString::fromUtf8(reason)), QString::fromUtf8(expected)) << reason;
}

}  // namespace
}  // namespace tlw::ui
