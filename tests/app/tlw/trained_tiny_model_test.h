#pragma once

// A gtest fixture for the commands that read a trained model (tlw explain, tlw similar): each suite trains
// one SqueezeNet on hymenoptera_tiny (quickTrainArguments, one epoch) in a home folder of its own, and runs
// tlw with that home's environment.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw::test {

class TrainedTinyModelTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!std::filesystem::exists(tinyHymenoptera())) return;
        s_home = new TempDir;
        const TlwRun trained = tlw(quickTrainArguments(model(), {"--epochs", "1"}));
        ASSERT_EQ(trained.exitCode, 0) << trained.err;
    }
    static void TearDownTestSuite() {
        delete s_home;
        s_home = nullptr;
    }
    void SetUp() override { TLW_REQUIRE_SHARED(tinyHymenoptera()); }
    static TlwRun tlw(const std::vector<std::string>& arguments) {
        return runTlw(arguments, trainingEnvironmentText(s_home->path()));
    }
    static std::filesystem::path model() { return s_home->path() / "model.tlwm"; }

    static inline TempDir* s_home = nullptr;
    TempDir m_out;
};

}  // namespace tlw::test
