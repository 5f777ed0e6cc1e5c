#include "core/util/batch_run_options.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(BatchRunOptions, DefaultsToBatchesOf32OnEveryCoreWithoutCancel) {
    const BatchRunOptions options;
    EXPECT_EQ(options.batchSize, 32);
    EXPECT_EQ(options.threads, 0);
    EXPECT_FALSE(options.progress);
    EXPECT_FALSE(options.cancelRequested());
}

TEST(BatchRunOptions, CancelRequestedFollowsTheFlag) {
    std::atomic<bool> cancel{false};
    BatchRunOptions options;
    options.cancel = &cancel;
    EXPECT_FALSE(options.cancelRequested());
    cancel = true;
    EXPECT_TRUE(options.cancelRequested());
}

}  // namespace
}  // namespace tlw
