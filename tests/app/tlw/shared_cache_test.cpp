// Two tlw train runs started together on one feature cache folder (two terminals, or a sweep beside a run):
// the cache's file lock lets one pass write at a time; both runs must finish, train on the same features,
// and leave the cache whole for a third run to reuse.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/app/tlw/tlw_process.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

// Files whose name says they were left half-written (`.tmp-*`, the workbench's temporaries).
int temporariesUnder(const fs::path& folder) {
    int count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.path().filename().string().rfind(".tmp-", 0) == 0) ++count;
    return count;
}

TEST(TlwSharedCache, TwoRunsStartedTogetherOnOneCacheAgreeAndLeaveItWhole) {
    TLW_REQUIRE_SHARED(test::tinyHymenoptera());
    const test::TempDir home;
    const test::TempDir out;
    const auto environment = test::trainingEnvironment(home.path());
    const std::vector<std::string> epochs{"--epochs", "2"};
    test::TlwProcess first(test::quickTrainArguments(out.path() / "a.tlwm", epochs), environment,
                           out.path() / "a.out", out.path() / "a.err");
    test::TlwProcess second(test::quickTrainArguments(out.path() / "b.tlwm", epochs), environment,
                            out.path() / "b.out", out.path() / "b.err");
    ASSERT_EQ(first.wait(), 0) << test::readText(out.path() / "a.err");
    ASSERT_EQ(second.wait(), 0) << test::readText(out.path() / "b.err");
    test::expectSameHistory(test::readHistoryCsv(out.path() / "a.tlwm"),
                            test::readHistoryCsv(out.path() / "b.tlwm"));

    const fs::path cache = home.path() / "feature-cache";
    EXPECT_EQ(temporariesUnder(cache), 0);
    test::TlwProcess third(test::quickTrainArguments(out.path() / "c.tlwm", epochs), environment,
                           out.path() / "c.out", out.path() / "c.err");
    ASSERT_EQ(third.wait(), 0) << test::readText(out.path() / "c.err");
    // Every image's features came from the cache the two runs wrote.
    EXPECT_NE(test::readText(out.path() / "c.out").find("images from the cache, 0 computed"),
              std::string::npos)
        << test::readText(out.path() / "c.out");
    test::expectSameHistory(test::readHistoryCsv(out.path() / "a.tlwm"),
                            test::readHistoryCsv(out.path() / "c.tlwm"));
}

}  // namespace
}  // namespace tlw
