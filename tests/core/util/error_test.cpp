#include "core/util/error.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(Error, WhatNamesTheFileThenTheReason) {
    const Error error(std::filesystem::path("data/印章 1.png"), "truncated PNG");
    EXPECT_STREQ(error.what(), "data/印章 1.png: truncated PNG");
    EXPECT_EQ(error.reason(), "truncated PNG");
    EXPECT_EQ(error.file(), std::filesystem::path("data/印章 1.png"));
}

TEST(Error, WithoutFileWhatIsTheReason) {
    const Error error("fewer than 2 classes");
    EXPECT_STREQ(error.what(), "fewer than 2 classes");
    EXPECT_TRUE(error.file().empty());
}

}  // namespace
}  // namespace tlw
